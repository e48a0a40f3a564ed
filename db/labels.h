#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "db/database.h"

namespace synthdb::db {

// A stored body paragraph as the classifier needs it.
struct LabelInput {
  int64_t paragraph_id = 0;
  std::string text;
  std::string section;
  std::string label;  // current label, "" when none
};

// A new classifier verdict for one stored paragraph.
struct LabelUpdate {
  int64_t paragraph_id = 0;
  std::string label;
  double score = 0;
  double synthesis_score = 0;
  std::string method;  // "" stores NULL
};

// Every body paragraph of the database, in id order. Throws DbError.
std::vector<LabelInput> load_body_paragraphs(Database& db);

// Writes `updates` and `model_version` in one transaction (all or nothing). Throws DbError.
void store_labels(Database& db, const std::vector<LabelUpdate>& updates, const std::string& model_version);

}  // namespace synthdb::db
