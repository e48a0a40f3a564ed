#pragma once

// Merging shard databases (from `synthdb ingest --shard I/N`) into one.

#include <filesystem>

namespace synthdb::db {

class Database;

struct MergeCounts {
  int copied = 0;     // documents new to the output
  int replaced = 0;   // documents the shard had in a newer ingest than the output
  int unchanged = 0;  // documents the output already had in the same or a newer ingest, or ok
                      // where the shard's newer attempt failed (a failed document never replaces
                      // an ok one)
  int kept = 0;       // of those, ok documents whose error now records the shard's failed attempt
  int paths = 0;      // document_paths rows inserted or refreshed
  int carried = 0;    // curator edits of OUT copied to a new version of their file (carry_superseded_edits)
  int flagged = 0;    // curator edits of OUT whose target is not in the new version: flagged, kept
};

// Copies every document of `shard` that `out` lacks, or has from an older ingest (ingested_at) unless
// the shard's copy failed while OUT's is ok (then OUT keeps its version and notes the attempt in
// documents.error, like ingest after a failed re-processing), with
// all its derived rows: paragraphs, entities, and every table that hangs off documents through a
// foreign key ON DELETE CASCADE (syntheses, materials, steps, outcomes, ...), found from the schema
// so later migrations need no change here. Row ids are renumbered; references between copied rows
// (including ON DELETE SET NULL ones such as synthesis_materials.entity_id) are remapped. Also
// merges document_paths. Tables that are not derived from documents (curation, tombstones, manual
// records, runs) are never copied from the shard, so OUT's curator edits survive. Then, as ingest
// does after storing a document, every copied or replaced ok document gets its edits re-checked
// (refresh_flags) and the edits of the versions it supersedes in OUT carried to it
// (carry_superseded_edits: a file edited in place and ingested into a fresh shard keeps OUT's
// curation, or the edits that cannot be placed are flagged); counted in `carried` / `flagged`.
// Idempotent: merging the same shard again copies nothing and carries nothing. One transaction: all or nothing.
// Throws DbError when the schema versions differ ("refusing to merge: <shard> has schema vN but
// <out> has vM ...") or on any SQLite error.
MergeCounts merge_database(Database& out, const std::filesystem::path& shard);

}  // namespace synthdb::db
