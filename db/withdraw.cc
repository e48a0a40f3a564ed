#include "db/withdraw.h"

#include <cctype>
#include <filesystem>

#include "db/database.h"
#include "db/store.h"
#include "extract/core/data_dir.h"
#include "extract/core/error.h"

namespace synthdb::db {
namespace {

bool has_retired_column(Database& db) {
  auto st = db.prepare("SELECT 1 FROM pragma_table_info('documents') WHERE name = 'retired'");
  return st.step();
}

bool is_hex(std::string_view s) {
  for (char c : s)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return !s.empty();
}

// The documents whose id is in the rows of `st` (first column), with their details.
std::vector<StoredDocument> load(Database& db, Statement& st) {
  std::set<int64_t> ids;
  while (st.step()) ids.insert(st.column_int(0));
  std::vector<StoredDocument> out;
  for (int64_t id : ids) {
    auto q = db.prepare(
        "SELECT d.id, d.sha256, d.path, d.status, coalesce(d.retired, ''), "
        "(SELECT count(*) FROM syntheses s WHERE s.document_id = d.id), "
        "(SELECT count(*) FROM curation c WHERE substr(c.target_key, 1, 16) = substr(d.sha256, 1, 16)) "
        "FROM documents d WHERE d.id = ?");
    q.bind(1, id);
    if (!q.step()) continue;
    out.push_back({q.column_int(0), q.column_text(1), q.column_text(2), q.column_text(3), q.column_text(4),
                   q.column_int(5), q.column_int(6)});
  }
  return out;
}

}  // namespace

std::set<std::string> withdrawn_documents(Database& db) {
  std::set<std::string> out;
  if (!has_retired_column(db)) return out;
  auto st = db.prepare("SELECT sha256 FROM documents WHERE substr(retired, 1, length(?1)) = ?1");
  st.bind(1, kWithdrawnPrefix);
  while (st.step()) out.insert(st.column_text(0));
  return out;
}

std::vector<StoredDocument> find_documents(Database& db, std::string_view what, std::string_view display_what,
                                           std::string_view abs_what) {
  const std::string w(what);
  if (w.size() >= 8 && w.size() <= 64 && is_hex(w)) {
    std::string lower = w;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto st = db.prepare("SELECT id FROM documents WHERE substr(sha256, 1, length(?1)) = ?1");
    st.bind(1, lower);
    auto found = load(db, st);
    if (found.size() > 1)
      throw UsageError(w + " matches " + std::to_string(found.size()) + " documents; give more of the sha256");
    if (!found.empty()) return found;
  }
  {
    auto st = db.prepare(
        "SELECT d.id FROM documents d WHERE d.path = ?1 AND NOT EXISTS (SELECT 1 FROM document_paths p "
        "  WHERE p.sha256 = d.sha256 AND p.path = ?1) UNION "
        "SELECT d.id FROM documents d JOIN document_paths p ON p.sha256 = d.sha256 WHERE p.path = ?1 "
        "  AND (?2 = '' OR p.abs_path IS NULL OR p.abs_path = ?2)");
    st.bind(1, display_what).bind(2, abs_what);
    auto found = load(db, st);
    if (!found.empty()) return found;
  }
  std::error_code ec;
  if (std::filesystem::is_regular_file(w, ec)) {
    auto st = db.prepare("SELECT id FROM documents WHERE sha256 = ?");
    st.bind(1, sha256_file(w));
    return load(db, st);
  }
  return {};
}

bool withdraw_document(Database& db, int64_t id, std::string_view reason, std::string_view who) {
  auto st = db.prepare("UPDATE documents SET retired = ?, retired_at = ? WHERE id = ? AND "
                       "(retired IS NULL OR substr(retired, 1, length(?4)) <> ?4)");
  const std::string text = std::string(kWithdrawnPrefix) + std::string(reason) + " (" + std::string(who) + ")";
  st.bind(1, text).bind(2, utc_now()).bind(3, id).bind(4, kWithdrawnPrefix);
  return st.run() > 0;
}

bool restore_document(Database& db, int64_t id) {
  auto st = db.prepare("UPDATE documents SET retired = NULL, retired_at = NULL WHERE id = ? AND "
                       "substr(retired, 1, length(?2)) = ?2");
  st.bind(1, id).bind(2, kWithdrawnPrefix);
  return st.run() > 0;
}

}  // namespace synthdb::db
