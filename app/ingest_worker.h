#pragma once

// The per-document work of `synthdb ingest`, run inside a worker process: convert, classify,
// extract. Everything here is loaded once in the parent before the workers are forked, so each
// worker starts with the model and rules already in memory (copy-on-write).

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

  // Loads the default model and lexicons (data_dir()). Throws ModelError / RuleError.
  Pipeline();
};

// Processes one file. Never throws for a bad document: conversion errors give status "failed" with
// the reason. (Only std::bad_alloc escapes, which the worker pool reports as out of memory.)
db::DocumentResult process_document(const Pipeline& pipeline, const std::string& path,
                                    const std::string& sha256);

}  // namespace synthdb::app
