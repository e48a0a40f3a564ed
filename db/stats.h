#pragma once

// Counts over a synthdb database for `synthdb stats`: documents ok/failed with reasons, paragraphs by
// kind/section type/label, entities by type, synthesis records (schema 2+), pipeline versions, runs.

#include <functional>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace synthdb::db {

class Database;

// Returns {"schema_version", "documents": {"total","ok","failed","pages","failure_reasons":
// [{"reason","count"}], "failed_documents": [{"path","error"}] (at most `max_failed` rows),
// "kept_after_failed_attempt" (ok documents whose last re-processing failed; they keep the rows of
// their earlier successful version), "kept_documents": [{"path","error","pipeline_version"}],
// "duplicates", "duplicate_documents": [{"path","sha256","duplicate_of","duplicate_of_sha256","part",
// "duplicate_of_part"}] (papers of ok documents with the DOI and exactly the paragraph texts of another
// that export writes instead; part: the paper of its file, 1 for a one-paper file)},
// "pipeline_versions": [{"version","documents"}], "paragraphs": {"total","by_kind": {..},
// "by_section_type": {..}, "by_label": {..}}, "entities": {"total","by_type": {..}},
// "syntheses": {"total", "by_status": {..}} (only when the table exists), "curation": {"edits",
// "deleted", "manual_records", "flagged", "dismissed" (edits whose flag a curator dismissed, v19),
// "carried", "item_edits_across_records": [{"id","item_key", "field","value","at","curator","records"}]
// (step temperature/time edits by item_key whose row records hold with values read in different
// places; "records": "KEY stored, ...")}, "runs": {"total",
// "unfinished", "last": [{"id","kind","started_at","finished_at","new","skipped","failed","host","pid"}]}}
// (an unfinished ingest's counts are those of the documents committed so far). "documents" also has
// "withdrawn" (ok documents withdrawn with `synthdb remove`) and "superseded" (ok documents that
// are an old version of a file edited in place), both counted in "ok" and left out of exports.
// Read-only: one deferred transaction, so the numbers are a consistent snapshot even while an
// ingest writes. Throws DbError.
nlohmann::json collect_stats(Database& db, int max_failed = 20);

// Sets "state" of every run in `stats`["runs"]["last"] (collect_stats' result): "finished" when it
// has finished_at, else `state_of(run)` ("running", "interrupted", "unknown": the caller checks the
// run's process). A run `state_of` calls "interrupted" is read again first: the counts are from
// collect_stats' snapshot and the liveness check from now, so a run that finished in between (its row
// written, then its process gone) would look interrupted (review s21-ux finding 8). When its row now
// says finished, it is "finished" with its final counts and "unfinished" is one less. Throws DbError.
void settle_run_states(Database& db, nlohmann::json& stats,
                       const std::function<std::string(const nlohmann::json& run)>& state_of);

}  // namespace synthdb::db
