#pragma once

// The per-document work of `synthdb ingest`, run inside a worker process: convert, classify,
// extract. Everything here is loaded once in the parent before the workers are forked, so each
// worker starts with the model and rules already in memory (copy-on-write).

#include <filesystem>
#include <string>

#include "classify/classifier.h"
#include "db/store.h"
#include "extract/rules/extractor.h"

namespace synthdb::app {

struct Pipeline {
  classify::Classifier classifier;
  rules::Extractor extractor;
  std::string synthdb_version;
  std::string pdf_version;
  std::string model_version;
  std::string rules_version;
  // "synthdb-0.1.0+pdf-3+model-...+rules-..."; a change makes the next ingest re-process.
  std::string version;

  // Synthesis iff synthesis_score >= threshold; < 0: the most probable label (ingest's default).
  // Set it with set_threshold(), which keeps `version` in step.
  double threshold = -1;

  // Sets `threshold` and records a non-default one in `version` (model part becomes
  // "<model>@<hash>/threshold=<T>"), so that documents labelled with it are told apart from
  // ingest's default and a later ingest re-processes them.
  void set_threshold(double t);

  // Loads the model (default: the shipped one) and the lexicons (data_dir()). Throws ModelError /
  // RuleError.
  explicit Pipeline(const std::filesystem::path& model = {});
};

// Processes one file. Never throws for a bad document: conversion errors give status "failed" with
// the reason. (Only std::bad_alloc escapes, which the worker pool reports as out of memory.)
db::DocumentResult process_document(const Pipeline& pipeline, const std::string& path,
                                    const std::string& sha256);

// Classifies the body paragraphs of `doc`, extracts entities where ingest does and builds the
// synthesis records: everything after conversion. Fills out.paragraphs, out.records_json and
// out.pipeline_version. Used by process_document and by `classify --db --rescore`, which re-runs it
// on stored text. Throws only what the stages throw for the whole document.
void analyse_document(const Pipeline& pipeline, const Document& doc, db::DocumentResult& out);

}  // namespace synthdb::app
