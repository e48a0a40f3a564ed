// synthdb remove: withdraw documents (a retracted or off-topic paper, a good PDF taken out of the
// collection) from every export and view without deleting anything (schema v8, db/withdraw.h).
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/db_open.h"
#include "app/ingest_inputs.h"
#include "app/ingest_lock.h"
#include "db/database.h"
#include "db/withdraw.h"
#include "extract/core/error.h"

namespace synthdb::app {
namespace {

struct RemoveOptions {
  std::string db;
  std::vector<std::string> targets;
  std::string reason;
  std::string curator;
  bool undo = false;
};

void run_remove(const RemoveOptions& o, Context& ctx) {
  // Checked here, not by CLI11, whose message would name the option "targets" (review 26).
  if (o.targets.empty()) throw UsageError("remove: name at least one document: PATH or SHA (sha256 or its first 8+ hex digits)");
  if (!o.undo && o.reason.empty()) throw UsageError("remove: --reason is required (why the document is withdrawn)");
  require_synthdb_database(o.db);  // never turns an empty or foreign file into a synthdb database
  // The ingest lock: a run that decided to re-process a document must not store it over a
  // withdrawal made meanwhile.
  std::unique_ptr<DbLock> lock = take_lock(o.db, ctx);
  db::Database database(o.db);
  std::string who = o.curator;
  if (who.empty())
    if (const char* u = std::getenv("USER"); u && *u) who = u;
  if (who.empty()) who = "operator";
  // Resolve every argument before changing anything: one unknown name changes nothing.
  std::vector<std::vector<db::StoredDocument>> found;
  std::vector<std::string> missing;
  for (const std::string& t : o.targets) {
    found.push_back(db::find_documents(database, t, display_path(t), path_key(display_path(t))));
    if (found.back().empty()) missing.push_back(display_path(t));
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    throw UsageError("remove: no stored document matches " + list +
                     " (give a path as ingest stored it, an existing file, or a sha256 / its first 8+ hex digits); "
                     "nothing changed");
  }
  db::Transaction tx(database);
  for (const auto& docs : found)
    for (const db::StoredDocument& d : docs) {
      const std::string name = d.path + " (" + d.sha256.substr(0, 12) + ")";
      if (o.undo) {
        if (db::restore_document(database, d.id))
          std::printf("restored %s: %s back in exports and views\n", name.c_str(),
                      count_of(d.records, "record").c_str());
        else
          std::printf("%s: not withdrawn, nothing to restore\n", name.c_str());
      } else if (db::withdraw_document(database, d.id, o.reason, who)) {
        std::printf("withdrew %s: %s out of exports and views; %s kept (undo: synthdb remove --undo)\n",
                    name.c_str(), count_of(d.records, "record").c_str(),
                    count_of(d.edits, "curator edit").c_str());
      } else {
        std::printf("%s: already withdrawn (%s)\n", name.c_str(), d.retired.c_str());
      }
    }
  tx.commit();
}

}  // namespace

void add_remove_command(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<RemoveOptions>();
  auto* cmd = app.add_subcommand(
      "remove",
      "Withdraw documents (a retracted or off-topic paper, a good PDF taken out of the collection):\n"
      "their records leave every export and view, and ingest never re-processes them (also with\n"
      "--force or a new pipeline), but nothing is deleted: the document, its paragraphs, records and\n"
      "curator edits stay in the database (documents.retired = \"withdrawn: REASON (CURATOR)\"), `stats`\n"
      "counts them as withdrawn, and --undo brings them back. A document is named by a path as ingest\n"
      "stored it (every version of a file edited in place), an existing file (by its content), or its\n"
      "sha256 (or its first 8+ hex digits). An unknown name changes nothing (exit 2). Takes the ingest\n"
      "lock (exit 4 while an ingest or merge runs).");
  cmd->add_option("targets", o->targets, "PATH|SHA...: paths or sha256 of the documents to withdraw (at least one)");
  cmd->add_option("--db", o->db, "SQLite database file")->required();
  cmd->add_option("--reason", o->reason, "Why (retracted, off-topic, ...); required unless --undo");
  cmd->add_option("--curator", o->curator, "Who withdraws them (default: $USER)");
  cmd->add_flag("--undo", o->undo, "Bring withdrawn documents back into exports and views");
  cmd->callback([o, &ctx] { run_remove(*o, ctx); });
}

}  // namespace synthdb::app
