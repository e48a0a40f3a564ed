#include "db/labels.h"

namespace synthdb::db {

std::vector<LabelInput> load_body_paragraphs(Database& db) {
  std::vector<LabelInput> out;
  auto st = db.prepare(
      "SELECT id, text, section, coalesce(label, '') FROM paragraphs WHERE kind = 'body' ORDER BY id");
  while (st.step()) out.push_back({st.column_int(0), st.column_text(1), st.column_text(2), st.column_text(3)});
  return out;
}

void store_labels(Database& db, const std::vector<LabelUpdate>& updates, const std::string& model_version) {
  Transaction tx(db);
  auto up = db.prepare(
      "UPDATE paragraphs SET label = ?1, score = ?2, synthesis_score = ?3, method = ?4, "
      "model_version = ?5 WHERE id = ?6");
  for (const LabelUpdate& u : updates) {
    up.bind(1, u.label).bind(2, u.score).bind(3, u.synthesis_score);
    up.bind_text_or_null(4, u.method).bind(5, model_version).bind(6, u.paragraph_id);
    up.step();
    up.reset();
  }
  tx.commit();
}

}  // namespace synthdb::db
