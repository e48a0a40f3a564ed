#pragma once

// The end of a command that wrote much (ingest, merge, classify --rescore) folds the write-ahead log
// into the database file and empties it, so that the file alone holds everything the run committed
// and a plain `cp DB` copy is complete (docs/operations.md, "Backups"; s21-exp, s22-stats).

#include <cstdint>
#include <string>

#include "db/database.h"

namespace synthdb::app {

// `complete`: every frame of the log is in the database file (a reader on the newest snapshot only
// keeps the log from being emptied); `truncated`: the log was emptied.
struct Checkpoint {
  bool complete = false;
  bool truncated = false;
  std::uintmax_t wal_bytes = 0;  // size of DB-wal afterwards (0 when it is gone)
};

// Nobody is made to wait for it: a PASSIVE checkpoint copies what the readers allow, then TRUNCATE
// is tried without a busy wait (it holds the write lock while it waits for readers, and a curator's
// write must not time out behind it), a few times over two seconds. `path`: the database file.
Checkpoint checkpoint_wal(db::Database& db, const std::string& path);

// Says on stderr what an incomplete checkpoint means for backups: "COMMAND: warning: another
// connection holds a read transaction on DB ..." when frames stayed out of the file (also when
// `quiet`: a nightly backup that copies the file would miss this run's work), a note when the file
// is complete but the log could not be emptied (not when `quiet`); nothing when it was emptied.
void warn_incomplete_checkpoint(const Checkpoint& cp, const std::string& command, const std::string& db_path,
                                bool quiet);

}  // namespace synthdb::app
