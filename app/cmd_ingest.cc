// synthdb ingest: files and folders → documents, paragraphs, labels and entities in SQLite.
// The parent process walks, hashes, decides what needs work, and is the only writer; forked workers
// (app/ingest_pool.h) do the conversion so that a hostile PDF can only take down its own worker.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "classify/method.h"
#include "extract/records/records.h"
#include "app/ingest_inputs.h"
#include "app/ingest_lock.h"
#include "app/ingest_pool.h"
#include "app/ingest_progress.h"
#include "app/ingest_worker.h"
#include "app/wal_checkpoint.h"
#include "db/curation.h"
#include "db/database.h"
#include "db/records_store.h"
#include "db/store.h"
#include "db/withdraw.h"
#include "extract/core/error.h"

namespace synthdb::app {
namespace {

struct IngestOptions {
  std::vector<std::string> paths;
  std::string db;
  int jobs = 0;
  bool jobs_given = false;  // -j on the command line (then it must be >= 1)
  double timeout_s = 120;
  long memory_mb = 2048;
  std::string report;
  std::string shard;
  bool force = false;
  bool retry_failed = false;
  bool quiet = false;
};

int default_jobs() {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? static_cast<int>(n) : 1;
}

std::string args_text(const IngestOptions& o) {
  std::string s = "ingest";
  // Arguments are byte strings; the args text goes into JSON and the database, which want UTF-8.
  for (const auto& p : o.paths) s += " " + display_path(p);
  s += " --db " + display_path(o.db) + " --jobs " + std::to_string(o.jobs);
  char buf[64];
  std::snprintf(buf, sizeof buf, " --timeout %g --memory-mb %ld", o.timeout_s, o.memory_mb);
  s += buf;
  if (!o.report.empty()) s += " --report " + display_path(o.report);
  if (!o.shard.empty()) s += " --shard " + o.shard;
  if (o.force) s += " --force";
  if (o.retry_failed) s += " --retry-failed";
  if (o.quiet) s += " --quiet";
  return s;
}

// Writes via a temporary file and rename, so a reader of the report never sees half of it.
void write_report(const std::string& path, const nlohmann::json& report) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp);
    // Every string in the report is UTF-8 by construction (display paths); replace rather than fail
    // the run at its very end should one slip through.
    out << report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    if (!out) throw Error(path + ": cannot write report");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw Error(path + ": cannot write report: " + ec.message());
}

// A report that cannot be written must be found before the run, not after hours of work: try to
// create the temporary file write_report() uses, then remove it. UsageError (exit 2) when it fails.
void check_report_writable(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw UsageError("--report " + display_path(path) + ": is a folder, expected a file name");
  const std::string tmp = path + ".tmp";
  const bool existed = std::filesystem::exists(tmp, ec);
  {
    std::ofstream probe(tmp, std::ios::app);
    if (!probe)
      throw UsageError("--report " + display_path(path) + ": cannot write there: " + std::strerror(errno));
  }
  if (!existed) std::filesystem::remove(tmp, ec);
}

// documents.path is where the file was last seen. When this run found the content only under other
// paths (the file was moved or renamed), point the row at the first of them; the reason of a failed
// row names the file, so its path prefix follows. Call inside a Transaction.
void update_last_seen_path(db::Database& db, const std::string& sha256, const std::string& path) {
  auto st = db.prepare(
      "UPDATE documents SET path = ?1, "
      "error = CASE WHEN substr(error, 1, length(path) + 2) = path || ': ' "
      "THEN ?1 || substr(error, length(path) + 1) ELSE error END WHERE sha256 = ?2 AND path <> ?1");
  st.bind(1, path).bind(2, sha256).run();
}

db::DocumentResult failed_result(const InputFile& in, const std::string& reason,
                                 const std::string& pipeline_version, double seconds) {
  db::DocumentResult d;
  d.sha256 = in.sha256;
  d.path = in.display;
  d.status = "failed";
  d.error = reason;
  d.pipeline_version = pipeline_version;
  d.seconds = seconds;
  return d;
}

// The folder arguments (trailing slashes dropped) with their path prefix ending in "/" and whether
// the walk found any input under them.
struct FolderArg {
  std::string arg, prefix;
  bool any = false;
};
std::vector<FolderArg> folder_args(const std::vector<std::string>& args, const std::vector<InputFile>& inputs) {
  std::vector<FolderArg> out;
  for (std::string arg : args) {
    std::error_code ec;
    if (!std::filesystem::is_directory(arg, ec)) continue;
    while (arg.size() > 1 && arg.back() == '/') arg.pop_back();
    FolderArg f{arg, arg == "/" ? arg : arg + "/"};
    for (const InputFile& in : inputs)
      if (in.path.compare(0, f.prefix.size(), f.prefix) == 0) {
        f.any = true;
        break;
      }
    out.push_back(std::move(f));
  }
  return out;
}

// "no PDF or .txt files under DIR" for each folder argument that holds no input.
std::vector<std::string> empty_folder_warnings(const std::vector<std::string>& args,
                                               const std::vector<InputFile>& inputs) {
  std::vector<std::string> out;
  for (const FolderArg& f : folder_args(args, inputs))
    if (!f.any) out.push_back("no PDF or .txt files under " + display_path(f.arg));
  return out;
}

// The folder arguments that were walked and held at least one input (a folder that came back empty
// is most often an unmounted share: nothing under it is judged gone), as path_key() prefixes ending
// in "/" (so "papers", "./papers", "papers/" and its absolute path are one folder).
std::vector<std::string> walked_folder_prefixes(const std::vector<std::string>& args,
                                                const std::vector<InputFile>& inputs) {
  std::vector<std::string> out;
  for (const FolderArg& f : folder_args(args, inputs))
    if (f.any) {
      std::string k = path_key(display_path(f.arg));
      if (k.back() != '/') k += '/';
      out.push_back(std::move(k));
    }
  return out;
}

// A stored (display) path that this run's walk shows is gone: under one of `prefixes` (path_key()
// form), not among the files the walk found (`present`: their path_key()s), and nothing at that
// path on disk (not even a broken link, nor a file the walk does not pick up, such as a .doc given
// by name before). Compared as keys, a path stored as "./papers/x.pdf" is under the folder argument
// "papers" (before session 20 only the spelling of the walk matched). `abs` (schema v11, "" when
// unknown): the absolute path stored with it, used instead of reading a relative path against today's
// folder, so a failed file of another folder stored under the same relative spelling is not judged gone.
bool path_gone(const std::string& path, const std::string& abs, const std::vector<std::string>& prefixes,
               const std::set<std::string>& present) {
  const std::string key = abs.empty() ? path_key(path) : abs;
  bool under = false;
  for (const std::string& p : prefixes)
    if (key.size() > p.size() && key.compare(0, p.size(), p) == 0) under = true;
  if (!under || present.count(key)) return false;
  // not_found only when lstat says so (ENOENT, ENOTDIR); a path we cannot examine is kept.
  auto missing = [](const std::string& p) {
    std::error_code ec;
    return std::filesystem::symlink_status(p, ec).type() == std::filesystem::file_type::not_found;
  };
  const std::string& on_disk = abs.empty() ? path : abs;
  if (!missing(on_disk)) return false;
  return on_disk.find('\\') == std::string::npos || missing(undisplay_path(on_disk));
}

// A file this database knows under another spelling of the same path keeps the stored spelling:
// `display` becomes the spelling seen most recently, and the others go to `aliases`, so every
// comparison of stored paths as written (moved files, retirement, supersession of a file edited in
// place, curator-edit carrying, the export) sees one file. Old rows are never rewritten. One pass
// over the stored paths; a key is computed only for a stored path whose last component names a
// file of this run. A stored spelling is the same path as an input when
//  - its abs_path is known (schema v11: the absolute path ingest resolved when it stored it): that
//    abs_path equals the input's (`InputFile::abs`), whatever the spellings and the current folder
//    ("papers/a.pdf" stored in X/ and "/X/papers/a.pdf" now are one file; "papers/a.pdf" stored in
//    X/ and "papers/a.pdf" walked in Y/ are two);
//  - its abs_path is unknown (rows before v11): as before, path_key() of both in the current folder,
//    both relative or both absolute.
void adopt_stored_spellings(db::Database& db, std::vector<InputFile>& inputs) {
  std::unordered_map<std::string, std::vector<size_t>> by_key, by_abs;
  std::unordered_set<std::string> names;
  auto name_of = [](const std::string& p) {
    const size_t slash = p.find_last_of('/');
    return slash == std::string::npos ? p : p.substr(slash + 1);
  };
  // A relative spelling without abs_path is resolved against the current folder, which may not be
  // the one it was stored from (review s20 item 2: `ingest papers` in X/, then `ingest /abs/Y/papers`
  // holding another file of that name). So a relative and an absolute spelling are never one file
  // then; two relative ones ("./papers/a.pdf", "papers/a.pdf") or two absolute ones still are.
  auto spelling_key = [](const std::string& p) {
    return (!p.empty() && p.front() == '/' ? "abs:" : "rel:") + path_key(p);
  };
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].abs.empty()) inputs[i].abs = path_key(inputs[i].display);
    by_key[spelling_key(inputs[i].display)].push_back(i);
    by_abs[inputs[i].abs].push_back(i);
    names.insert(name_of(inputs[i].display));
  }
  struct Stored {
    std::string path, last_seen;
    int64_t seen_order = 0;  // schema v19: the sighting's number, larger is later (ties of last_seen)
  };
  std::map<size_t, std::vector<Stored>> stored;  // input index → its stored spellings
  // documents.path is also in document_paths (write_document records it); the second part only
  // covers a database where it is not, as before v11.
  // Each spelling's latest sighting: by last_seen (whole seconds), then seen_order (schema v19).
  auto st = db.prepare(
      "SELECT path, abs_path, last_seen, seen_order FROM (SELECT path, abs_path, last_seen, seen_order, "
      "row_number() OVER (PARTITION BY path, abs_path ORDER BY last_seen DESC, seen_order DESC) AS r FROM ("
      "SELECT path, abs_path, last_seen, coalesce(seen_order, 0) AS seen_order FROM document_paths "
      "UNION ALL SELECT path, NULL, '', 0 FROM documents d WHERE path IS NOT NULL AND path <> '' AND NOT EXISTS "
      "(SELECT 1 FROM document_paths p WHERE p.path = d.path))) WHERE r = 1");
  while (st.step()) {
    std::string path = st.column_text(0);
    if (!names.count(name_of(path))) continue;
    const std::optional<std::string> abs = st.column_optional_text(1);
    const auto& index = abs ? by_abs : by_key;
    auto hit = index.find(abs ? *abs : spelling_key(path));
    if (hit == index.end()) continue;
    for (size_t i : hit->second) stored[i].push_back({path, st.column_text(2), st.column_int(3)});
  }
  for (auto& [i, spellings] : stored) {
    // The most recently seen spelling wins, so a run keeps using the last one: by last_seen, then by
    // seen_order (two sightings in one second; before s29-db the smallest spelling won such a tie),
    // then the smallest.
    std::sort(spellings.begin(), spellings.end(), [](const Stored& a, const Stored& b) {
      if (a.last_seen != b.last_seen) return a.last_seen > b.last_seen;
      return a.seen_order != b.seen_order ? a.seen_order > b.seen_order : a.path < b.path;
    });
    InputFile& in = inputs[i];
    // An unreadable file's reason names it: by the spelling it is stored under, like its row.
    if (in.error.rfind(in.display + ": ", 0) == 0) in.error = spellings.front().path + in.error.substr(in.display.size());
    in.display = spellings.front().path;
    for (size_t k = 1; k < spellings.size(); ++k)
      if (spellings[k].path != in.display &&
          std::find(in.aliases.begin(), in.aliases.end(), spellings[k].path) == in.aliases.end())
        in.aliases.push_back(spellings[k].path);
  }
}

int run_ingest(IngestOptions& o, Context& ctx) {
  if (o.jobs_given && o.jobs < 1) throw UsageError("--jobs must be at least 1, not " + std::to_string(o.jobs));
  if (!o.jobs_given) o.jobs = default_jobs();
  // NaN compares false with everything, and the pool treats "no positive limit" as none: refuse
  // anything but a finite positive number.
  if (!std::isfinite(o.timeout_s) || o.timeout_s <= 0)
    throw UsageError("--timeout must be a positive, finite number of seconds");
  if (o.memory_mb < 0) throw UsageError("--memory-mb must be 0 (no limit) or more");
  int shard_i = 1, shard_n = 1;
  if (!o.shard.empty()) std::tie(shard_i, shard_n) = parse_shard(o.shard);

  if (!o.report.empty()) check_report_writable(o.report);

  const auto t0 = std::chrono::steady_clock::now();
  const std::string started_at = db::utc_now();
  std::unique_ptr<DbLock> lock = take_lock(o.db, ctx);
  // Walk before loading anything heavy: a mistyped path is a usage error, reported at once.
  std::vector<InputFile> inputs = collect_inputs(o.paths);
  // A folder with nothing to ingest is most often an unmounted share or a wrong path in a nightly
  // job: say so (also with --quiet, and in the report), but it is not a failed document (exit 0).
  std::vector<std::string> warnings = empty_folder_warnings(o.paths, inputs);
  for (const std::string& w : warnings) std::fprintf(stderr, "ingest: warning: %s\n", w.c_str());
  // Failed documents whose files were deleted from a walked folder are retired below. Not in a
  // shard run: it hashes only its own files, so it cannot tell a moved file from a deleted one.
  const std::vector<std::string> retire_under =
      shard_n > 1 ? std::vector<std::string>{} : walked_folder_prefixes(o.paths, inputs);
  std::set<std::string> present;  // path_key() of everything the walk found
  for (const InputFile& in : inputs) present.insert(path_key(in.display));
  db::Database db(o.db);
  Pipeline pipeline;

  if (shard_n > 1) {
    // Shard before hashing: each shard task reads only its own files, not the whole corpus.
    std::vector<InputFile> mine;
    for (InputFile& f : inputs)
      if (in_shard(f, shard_i, shard_n)) mine.push_back(std::move(f));
    inputs = std::move(mine);
  }
  hash_inputs(inputs);
  adopt_stored_spellings(db, inputs);
  const int64_t run_id = db::begin_run(db, "ingest", args_text(o));

  // Decide, per input, whether it needs a worker.
  std::vector<size_t> todo;                 // indexes into inputs
  std::vector<size_t> unreadable;           // inputs that failed before any worker
  std::set<std::string> reprocess;          // sha256 of documents already in the database
  struct SeenPath {
    std::string sha, path, abs;
  };
  std::vector<SeenPath> seen_paths;  // paths of skipped inputs
  std::set<std::string> claimed;
  std::map<std::string, std::set<std::string>> found_at;  // sha256 → path_key() of its paths in this run
  for (const InputFile& in : inputs) found_at[in.sha256].insert(path_key(in.display));
  std::vector<std::pair<std::string, std::string>> moved;  // (sha, new path) of skipped documents
  std::vector<std::string> found_failed;  // sha256 of stored failed documents found again
  std::vector<int64_t> found_ok;  // ids of stored ok documents skipped: each is its paths' current version
  int skipped = 0;
  // Documents an operator withdrew (`synthdb remove`): never re-processed, whatever the pipeline or
  // --force, so a withdrawn paper still lying in the folder stays out of exports and views.
  std::set<std::string> withdrawn_shas = db::withdrawn_documents(db);
  int withdrawn = 0;
  std::map<std::string, int> pipeline_changes;  // old pipeline version → documents to re-process
  for (size_t i = 0; i < inputs.size(); ++i) {
    const InputFile& in = inputs[i];
    if (!claimed.insert(in.sha256).second) {  // a renamed copy of something earlier in this run
      seen_paths.push_back({in.sha256, in.display, in.abs});
      for (const std::string& a : in.aliases) seen_paths.push_back({in.sha256, a, in.abs});
      ++skipped;
      continue;
    }
    auto known = db::find_document(db, in.sha256);
    if (known && withdrawn_shas.count(in.sha256)) {
      seen_paths.push_back({in.sha256, in.display, in.abs});
      ++skipped;
      ++withdrawn;
      continue;
    }
    if (known && known->status == "failed") found_failed.push_back(in.sha256);
    const bool same_pipeline = known && known->pipeline_version == pipeline.version;
    // An ok document whose last re-processing failed (error set, previous version kept) counts as
    // failed for --retry-failed; with a new pipeline version it is retried anyway.
    const bool last_attempt_failed = known && (known->status != "ok" || !known->error.empty());
    if (known && !o.force && same_pipeline && (!last_attempt_failed || !o.retry_failed)) {
      seen_paths.push_back({in.sha256, in.display, in.abs});
      for (const std::string& a : in.aliases) seen_paths.push_back({in.sha256, a, in.abs});
      // `in` is the first (sorted) path of this content in the run.
      if (!found_at[in.sha256].count(path_key(known->path))) moved.emplace_back(in.sha256, in.display);
      if (known->status == "ok") found_ok.push_back(known->id);
      ++skipped;
      continue;
    }
    if (known) reprocess.insert(in.sha256);
    if (known && !same_pipeline) ++pipeline_changes[known->pipeline_version];
    (in.error.empty() ? todo : unreadable).push_back(i);
  }
  std::vector<db::RetiredFailure> retired;  // failed documents whose file is gone
  std::vector<db::RetiredFailure> missing;  // ok documents in force whose file is gone (still exported)
  int edits_carried = 0, edits_flagged = 0;  // curator edits carried to a new version of a file / flagged
  if (!seen_paths.empty() || !found_failed.empty() || !retire_under.empty()) {
    db::Transaction tx(db);
    const std::set<int64_t> superseded_before = found_ok.empty() ? std::set<int64_t>{} : db::superseded_document_ids(db);
    for (const SeenPath& p : seen_paths) db::record_path(db, p.sha, p.path, p.abs);
    for (const auto& [sha, path] : moved) update_last_seen_path(db, sha, path);
    // A file put back to a content stored before (an edit undone, an old copy restored) makes that
    // version current again without storing it, and a second copy overwritten with an edited version
    // supersedes its old content the same way: the edits curators made on the version replaced follow
    // as they follow a new version. Only where this run's sightings changed which version is current.
    if (!found_ok.empty()) {
      const std::set<int64_t> superseded_after = db::superseded_document_ids(db);
      for (int64_t id : db::versions_to_carry_into(db, found_ok, superseded_before, superseded_after)) {
        if (superseded_before.count(id)) db::clear_superseded_flags(db, id);
        const db::CarryResult c = db::carry_superseded_edits(db, id);
        edits_carried += c.carried;
        edits_flagged += c.flagged;
      }
    }
    // A retired failure whose file came back is a current failure again.
    for (const std::string& sha : found_failed) db::unretire_failure(db, sha);
    if (!retire_under.empty()) {
      std::set<std::string> found;
      for (const auto& [sha, paths] : found_at) found.insert(sha);
      auto gone = [&](const std::string& path, const std::string& abs) {
        return path_gone(path, abs, retire_under, present);
      };
      retired = db::retire_failures(db, gone, found, "file no longer present");
      missing = db::missing_documents(db, gone, found);
    }
    tx.commit();
  }
  if (!o.quiet) {
    for (const auto& r : retired)
      std::fprintf(stderr, "retired failure %s: file no longer present\n", r.path.c_str());
    // Deleting a paper's file does not take its records out of the exports (`synthdb remove` does):
    // say so on every run until the operator decides, naming the first few.
    constexpr size_t kNamed = 5;
    if (!missing.empty())
      std::fprintf(stderr, "ingest: %s no longer present, still exported (withdraw with `synthdb remove PATH`):\n",
                   count_of(static_cast<long long>(missing.size()), "stored document's file", "stored documents' files").c_str());
    for (size_t i = 0; i < missing.size() && i < kNamed; ++i) std::fprintf(stderr, "  %s\n", missing[i].path.c_str());
    if (missing.size() > kNamed) std::fprintf(stderr, "  ... and %zu more (report: missing_documents)\n", missing.size() - kNamed);
  }

  // A new synthdb (rules, model, records) re-processes every stored document: say so before the
  // long run starts (also with --quiet: it explains a nightly run that takes hours instead of
  // minutes), and in the report.
  nlohmann::json pipeline_change = nullptr;
  if (!pipeline_changes.empty()) {
    auto most = std::max_element(pipeline_changes.begin(), pipeline_changes.end(),
                                 [](const auto& a, const auto& b) { return a.second < b.second; });
    int n = 0;
    for (const auto& [v, k] : pipeline_changes) n += k;
    std::string from = most->first;
    if (pipeline_changes.size() > 1) from += " and " + count_of(static_cast<long long>(pipeline_changes.size() - 1), "older version");
    std::fprintf(stderr, "ingest: pipeline changed (%s -> %s): %s will be re-processed\n", from.c_str(),
                 pipeline.version.c_str(), count_of(n, "document").c_str());
    nlohmann::json from_json = nlohmann::json::object();
    for (const auto& [v, k] : pipeline_changes) from_json[v] = k;
    pipeline_change = {{"from", from_json}, {"to", pipeline.version}, {"documents", n}};
  }

  const bool tty = isatty(STDERR_FILENO) == 1;
  Progress progress(stderr, tty, o.quiet, todo.size() + unreadable.size());
  nlohmann::json processed = nlohmann::json::array();
  nlohmann::json failures = nlohmann::json::array();
  int new_count = 0, reprocessed = 0, failed = 0;
  int kept_previous = 0;  // failed re-processing attempts whose good stored version was kept
  long pages = 0;
  long peak_rss_kb = 0;  // largest worker

  auto store = [&](const InputFile& in, db::DocumentResult&& result) {
    bool kept = false;
    {
      db::Transaction tx(db);
      // A failed attempt never replaces a good stored version (timeout, memory limit, crash or a
      // conversion error under a new pipeline): the old rows, records and curation stay, and the
      // attempt is recorded on the document. Its pipeline_version stays the old one, so a later
      // run with a new pipeline tries again.
      // The path with its absolute form first (schema v11): write_document() records the path
      // again, and carrying curator edits from an old version reads which paths are the same file.
      db::record_path(db, in.sha256, in.display, in.abs);
      for (const std::string& a : in.aliases) db::record_path(db, in.sha256, a, in.abs);
      kept = db::keep_previous_version(db, result);
      if (!kept) {
        const int64_t doc_id = db::write_document(db, result);
        // Records go in the same transaction: a document and its syntheses appear together or not
        // at all. Failed documents store none.
        const db::CarryResult c =
            db::store_syntheses_json(db, doc_id, result.status == "ok" ? result.records_json : "");
        edits_carried += c.carried;
        edits_flagged += c.flagged;
      }
      // The run's counts so far, with the document: `stats` shows a running or killed run's progress.
      const bool ok = result.status == "ok";
      db.prepare("UPDATE runs SET new = ?, skipped = ?, failed = ? WHERE id = ?")
          .bind(1, new_count + (ok ? 1 : 0))
          .bind(2, skipped)
          .bind(3, failed + (ok ? 0 : 1))
          .bind(4, run_id)
          .run();
      tx.commit();
    }
    nlohmann::json entry = {{"path", in.display},
                            {"sha256", in.sha256},
                            {"status", result.status},
                            {"seconds", result.seconds}};
    if (kept) {
      ++kept_previous;
      entry["kept_previous_version"] = true;
      result.error += " (previous version kept)";
    }
    if (result.status == "ok") {
      ++new_count;
      if (reprocess.count(in.sha256)) ++reprocessed;
      pages += result.meta.pages;
      entry["pages"] = result.meta.pages;
      entry["paragraphs"] = result.paragraphs.size();
    } else {
      ++failed;
      entry["reason"] = result.error;
      nlohmann::json failure = {{"path", in.display}, {"sha256", in.sha256}, {"reason", result.error}};
      if (kept) failure["kept_previous_version"] = true;
      failures.push_back(std::move(failure));
      if (o.quiet) std::fprintf(stderr, "failed %s\n", result.error.c_str());
    }
    processed.push_back(std::move(entry));
    // Reasons name the file already; the progress line names it too, so drop the repetition.
    std::string detail = result.error;
    if (detail.rfind(in.display + ": ", 0) == 0) detail = detail.substr(in.display.size() + 2);
    progress.document(result.status, in.display, result.meta.pages, result.seconds, detail);
  };

  for (size_t i : unreadable)
    store(inputs[i], failed_result(inputs[i], inputs[i].error, pipeline.version, 0));

  PoolOptions pool;
  pool.jobs = o.jobs;
  pool.timeout_s = o.timeout_s;
  pool.memory_mb = o.memory_mb;
  pool.close_in_child = {lock->fd()};
  std::fflush(stdout);
  std::fflush(stderr);
  run_pool(
      todo.size(), pool,
      [&](size_t k) {
        const InputFile& in = inputs[todo[k]];
        db::DocumentResult result = process_document(pipeline, in.path, in.sha256);
        // The worker opened the raw path; the database and the report get the display form (the
        // same for every valid UTF-8 name), also inside the reason.
        if (in.display != in.path) {
          result.path = in.display;
          for (size_t at = result.error.find(in.path); at != std::string::npos;
               at = result.error.find(in.path, at + in.display.size()))
            result.error.replace(at, in.path.size(), in.display);
        }
        nlohmann::json j = result;
        // Text from a converter is meant to be valid UTF-8; replace rather than lose the document
        // if one byte slipped through.
        return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      },
      [&](size_t k, PoolOutcome&& out) {
        const InputFile& in = inputs[todo[k]];
        peak_rss_kb = std::max(peak_rss_kb, out.max_rss_kb);
        if (!out.ok) {
          store(in, failed_result(in, in.display + ": " + out.failure, pipeline.version, out.seconds));
          return;
        }
        db::DocumentResult result;
        try {
          result = nlohmann::json::parse(out.payload).get<db::DocumentResult>();
        } catch (const std::exception& e) {
          result = failed_result(in, in.display + ": worker sent a malformed result (" + e.what() + ")",
                                 pipeline.version, out.seconds);
        }
        store(in, std::move(result));
      });
  progress.finish();

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  nlohmann::json missing_json = nlohmann::json::array();
  for (const auto& m : missing) missing_json.push_back({{"path", m.path}, {"sha256", m.sha256}});
  nlohmann::json retired_json = nlohmann::json::array();
  for (const auto& r : retired)
    retired_json.push_back({{"path", r.path}, {"sha256", r.sha256}, {"reason", "file no longer present"}});
  nlohmann::json report = {
      {"started_at", started_at},
      {"finished_at", db::utc_now()},
      {"seconds", seconds},
      {"database", display_path(o.db)},
      {"run_id", run_id},
      {"args", args_text(o)},
      {"jobs", o.jobs},
      {"shard", o.shard.empty() ? nlohmann::json(nullptr) : nlohmann::json(o.shard)},
      {"pipeline_version", pipeline.version},
      {"versions",
       {{"synthdb", pipeline.synthdb_version},
        {"pdf", pipeline.pdf_version},
        {"model", pipeline.model_version},
        {"method", classify::kMethodRulesVersion},
        {"rules", pipeline.rules_version},
        {"records", records::version()}}},
      {"inputs", inputs.size()},
      {"new", new_count},
      {"reprocessed", reprocessed},
      {"skipped", skipped},
      {"failed", failed},
      {"kept_previous_version", kept_previous},
      {"retired_failures", retired_json},
      {"missing_documents", missing_json},
      {"withdrawn_skipped", withdrawn},
      {"edits_carried", edits_carried},
      {"edits_flagged", edits_flagged},
      {"pipeline_change", pipeline_change},
      {"pages", pages},
      {"peak_worker_rss_mb", static_cast<double>(peak_rss_kb) / 1024.0},
      {"failures", failures},
      {"warnings", warnings},
      {"documents", processed},
  };
  const std::string report_text = report.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  db::finish_run(db, run_id, new_count, skipped, failed, report_text);
  // Folds the write-ahead log into the file (s21-exp): a plain copy of the file is then complete.
  const Checkpoint cp = checkpoint_wal(db, o.db);
  warn_incomplete_checkpoint(cp, "ingest", o.db, o.quiet);
  // In the report file only: the copy in the runs table was written before the checkpoint.
  report["wal_checkpoint"] = {{"complete", cp.complete}, {"truncated", cp.truncated}, {"wal_bytes", cp.wal_bytes}};
  if (!o.report.empty()) write_report(o.report, report);

  if (!o.quiet) {
    const std::string kept_text =
        kept_previous > 0 ? " (" + std::to_string(kept_previous) +
                                (kept_previous == 1 ? " kept its previous version)" : " kept their previous version)")
                          : "";
    const std::string retired_text =
        retired.empty() ? ""
                        : ", " + count_of(static_cast<long long>(retired.size()), "earlier failure") +
                              " retired (file no longer present)";
    const std::string withdrawn_text = withdrawn > 0 ? " (" + std::to_string(withdrawn) + " withdrawn)" : "";
    std::printf("ingest: %s: %d new (%d re-processed), %d skipped%s, %d failed%s%s in %.1f s "
                "(%s, %.1f docs/s) -> %s\n",
                count_of(static_cast<long long>(inputs.size()), "input").c_str(), new_count, reprocessed, skipped,
                withdrawn_text.c_str(), failed, kept_text.c_str(), retired_text.c_str(), seconds, count_of(pages, "page").c_str(),
                seconds > 0 ? (new_count + failed) / seconds : 0.0, display_path(o.db).c_str());
  }
  // Edits carried to a new version of a file edited in place, or flagged because their target is
  // not in it or re-processing removed or re-numbered their record: a curator must look at the
  // flagged ones. Printed with --quiet too when any was
  // flagged (cron mails it).
  if (edits_carried + edits_flagged > 0 && (!o.quiet || edits_flagged > 0))
    std::fprintf(o.quiet ? stderr : stdout, "ingest: %s carried, %d flagged (see `synthdb curate flagged`)\n",
                 count_of(edits_carried, "curator edit").c_str(), edits_flagged);
  return failed > 0 ? kExitSomeFailed : kExitOk;
}

}  // namespace

void add_ingest_command(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<IngestOptions>();
  auto* cmd = app.add_subcommand(
      "ingest",
      "Convert, classify and extract PDF/.txt files into the database. Folders are searched\n"
      "recursively. Documents are identified by content (sha256): unchanged ones already ingested\n"
      "by the same pipeline version are skipped, renamed copies are only recorded as another path.\n"
      "Each document is processed in a worker process with a time and memory limit; a document\n"
      "that fails is stored as failed with its reason and the run continues; when the document\n"
      "already has a good (ok) version, that version is kept and the failed attempt is recorded.\n"
      "A folder with no PDF/.txt file gives the warning \"no PDF or .txt files under DIR\" (stderr, also\n"
      "with --quiet, and in the report's warnings) and exit 0.\n"
      "A document stored as failed whose every path lies under a folder argument and no longer exists\n"
      "(the bad file was deleted) is retired: kept for audit, no longer a current failure in `stats`\n"
      "(\"retired failure PATH: file no longer present\"; not in a --shard run, nor under a folder\n"
      "that came back empty). An ok document whose every path lies under a folder argument and no\n"
      "longer exists stays in exports and views (deleting a file is not withdrawing it); each run names\n"
      "such files on stderr (\"N stored documents' files no longer present, still exported\", the first 5;\n"
      "report: missing_documents [{path, sha256}]) until `synthdb remove` withdraws them or they come back.\n"
      "Before the work, \"pipeline changed (X -> Y): N documents will be re-processed\" when stored\n"
      "documents were made by another pipeline version (stderr, also with --quiet). After it, \"N curator\n"
      "edits carried, M flagged (see synthdb curate flagged)\" when a file edited in place took its\n"
      "edits along, or re-processing flagged edits whose record is gone or was re-numbered (report:\n"
      "edits_carried, edits_flagged). Documents withdrawn with `synthdb remove`\n"
      "are never re-processed (also with --force).\n"
      "At the end the write-ahead log (DB-wal) is folded into DB and emptied, so that DB alone is complete;\n"
      "another connection holding a read transaction blocks that (stderr warning, also with --quiet; the\n"
      "report's wal_checkpoint): back up with `sqlite3 DB \".backup COPY.db\"`, not cp (docs/operations.md).\n"
      "Exit codes: 0 all ok, 1 some documents failed, 2 usage error, 3 fatal, 4 locked (another ingest,\n"
      "or another program's open write transaction, e.g. DB Browser with unsaved changes).");
  cmd->add_option("paths", o->paths, "PDF/.txt files or folders to ingest")->required();
  cmd->add_option("--db", o->db, "SQLite database file (created and migrated when needed)")
      ->required();
  cmd->add_option("--jobs,-j", o->jobs, "Worker processes, at least 1 (default: number of cores)");
  cmd->add_option("--timeout", o->timeout_s,
                  "Wall-clock limit per document in seconds; the worker is killed after it (default 120)");
  cmd->add_option("--memory-mb", o->memory_mb,
                  "Address-space limit per worker in MB, 0 = none (default 2048)");
  cmd->add_option("--report", o->report,
                  "Write a JSON run report (new, skipped, failed with reasons, durations, versions); checked\n"
                  "for writability before the run starts (exit 2 when it cannot be written)");
  cmd->add_option("--shard", o->shard,
                  "Process only shard I of N (e.g. 2/8), chosen by a hash of each file's path (give every shard "
                  "the same PATH arguments); merge shard "
                  "databases with `synthdb merge`");
  cmd->add_flag("--force", o->force, "Re-process every document even when it is up to date");
  cmd->add_flag("--retry-failed", o->retry_failed,
                "Retry documents that failed before (and ok documents whose last re-processing failed)\n"
                "even if the pipeline version is unchanged");
  cmd->add_flag("--quiet,-q", o->quiet,
                "No progress or summary; only failed documents, warnings, a pipeline change and flagged\n"
                "curator edits are printed (to stderr)");
  cmd->callback([o, cmd, &ctx] {
    o->jobs_given = cmd->count("--jobs") > 0;
    ctx.exit_code = run_ingest(*o, ctx);
  });
}

}  // namespace synthdb::app
