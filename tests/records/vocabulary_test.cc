// s19-prod2: one vocabulary. The schema v5 triggers (schema/005_curation_checks.sql) write out in
// SQL which tables, fields, statuses, roles, outcome types, quantities, operations and units a
// plain-SQL curation row may use; `synthdb curate set` takes the same lists from db/curation.cc,
// db/units.cc and the extractor's lexicons (operations.tsv, units.tsv). This test reads the triggers
// a new database holds (sqlite_master: what every migrated database enforces) and fails, naming the
// list, the day the two differ: a new operation in operations.tsv, a role added in curation.cc, a
// canonical unit changed in units.cc. The fix is a new migration that re-creates both triggers.
#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "db/curation.h"
#include "db/database.h"
#include "db/units.h"
#include "extract/core/data_dir.h"
#include "extract/core/error.h"
#include "extract/core/tsv.h"
#include "tests/records/fixture.h"

namespace fs = std::filesystem;
using namespace synthdb;
using namespace records_fixture;

namespace {

using Set = std::set<std::string>;

// The vocabularies one trigger body writes out.
struct TriggerVocab {
  Set tables;                                // target_table NOT IN (...)
  std::map<std::string, Set> editable;       // table -> NEW.field IN (...) of the "editable" check
  Set numeric;                               // fields of the "needs a number" check
  std::map<std::string, Set> values;         // "table.field" or "*.field" -> NOT IN (...) (without '')
  std::map<std::string, bool> allows_empty;  // same keys: '' is in the list
  std::map<std::string, std::string> messages;  // same keys: the RAISE message
};

// 'a', 'b', ... starting at the '(' at or after `pos`, up to the matching ')'.
std::vector<std::string> quoted_list(const std::string& s, size_t pos) {
  std::vector<std::string> out;
  size_t i = s.find('(', pos);
  if (i == std::string::npos) return out;
  for (++i; i < s.size() && s[i] != ')';) {
    if (s[i] == '\'') {
      size_t j = s.find('\'', i + 1);
      if (j == std::string::npos) break;
      out.push_back(s.substr(i + 1, j - i - 1));
      i = j + 1;
    } else {
      ++i;
    }
  }
  return out;
}

// The word in quotes after `marker` ("NEW.field = '" -> "role"), or "" when `marker` is absent.
std::string quoted_after(const std::string& s, const std::string& marker, size_t from = 0) {
  const size_t i = s.find(marker, from);
  if (i == std::string::npos) return "";
  const size_t b = i + marker.size();
  const size_t e = s.find('\'', b);
  return e == std::string::npos ? "" : s.substr(b, e - b);
}

// Plain string search, no std::regex: a trigger is several kB and libstdc++'s regex recurses per
// character.
TriggerVocab parse_trigger(const std::string& sql) {
  TriggerVocab v;
  const std::string kRaise = "SELECT RAISE(ABORT, '";
  for (size_t at = sql.find(kRaise); at != std::string::npos; at = sql.find(kRaise, at + 1)) {
    const size_t m = at + kRaise.size();
    const size_t m_end = sql.find("')", m);
    const size_t end = sql.find(';', m_end);
    if (m_end == std::string::npos || end == std::string::npos) break;
    const std::string message = sql.substr(m, m_end - m);
    const std::string where = sql.substr(m_end, end - m_end);
    if (message.find("target_table must be") != std::string::npos) {
      for (auto& t : quoted_list(where, where.find("NOT IN"))) v.tables.insert(t);
    } else if (message.find("not an editable field") != std::string::npos) {
      const std::string kTable = "NEW.target_table = '";
      for (size_t t = where.find(kTable); t != std::string::npos; t = where.find(kTable, t + 1)) {
        const std::string table = quoted_after(where, kTable, t);
        for (auto& f : quoted_list(where, where.find("NEW.field IN", t))) v.editable[table].insert(f);
      }
    } else if (message.find("needs a number") != std::string::npos) {
      for (auto& f : quoted_list(where, where.find("NEW.field IN"))) v.numeric.insert(f);
    } else if (where.find("NOT IN") != std::string::npos) {
      const std::string field = quoted_after(where, "NEW.field = '");
      if (field.empty()) continue;
      const std::string table = quoted_after(where, "NEW.target_table = '");
      const std::string key = (table.empty() ? "*" : table) + "." + field;
      v.messages[key] = message;
      v.allows_empty[key] = false;
      for (auto& x : quoted_list(where, where.find("NOT IN"))) {
        if (x.empty()) v.allows_empty[key] = true;
        else v.values[key].insert(x);
      }
    }
  }
  return v;
}

Set as_set(const std::vector<std::string>& v) { return Set(v.begin(), v.end()); }

std::string show(const Set& s) {
  std::string out;
  for (const auto& x : s) out += (out.empty() ? "" : ", ") + x;
  return "{" + out + "}";
}

// Each difference as one line ("role: trigger {..} vs curation.cc {..}"); empty when they agree.
std::vector<std::string> differences(const TriggerVocab& v) {
  std::vector<std::string> diff;
  auto compare = [&](const std::string& what, const Set& trigger, const Set& code, const char* source) {
    if (trigger != code) diff.push_back(what + ": trigger " + show(trigger) + " vs " + source + " " + show(code));
  };
  compare("target_table", v.tables, as_set(db::curation_tables()), "curation_tables()");
  for (const auto& t : db::curation_tables()) {
    Set code = as_set(db::editable_fields(t));
    code.insert("deleted");                      // curate delete / restore (a tombstone)
    if (t == "syntheses") code.insert("added");  // synthdb add (a manual record)
    compare("editable fields of " + t, v.editable.count(t) ? v.editable.at(t) : Set{}, code,
            "editable_fields()");
  }
  compare("numeric fields", v.numeric, as_set(db::numeric_fields()), "numeric_fields()");

  // Vocabularies of curate set: fixed lists in curation.cc and units.cc, operations.tsv.
  const std::map<std::string, Set> code = {
      {"*.status", as_set(*db::allowed_values("status"))},
      {"*.role", as_set(*db::allowed_values("role"))},
      {"outcomes.type", as_set(*db::allowed_values("type"))},
      {"*.quantity", as_set(db::quantity_vocabulary())},
      {"*.operation", as_set(db::operation_vocabulary())},
  };
  for (const auto& [key, values] : code)
    compare(key, v.values.count(key) ? v.values.at(key) : Set{}, values, "curate set");

  // Units: what curate set stores after converting every unit of units.tsv (the canonical units).
  const db::UnitTable units = db::UnitTable::load();
  Set amount = {"g/L", "ratio"}, outcome, quantities;
  for (const TsvRow& row : read_tsv(data_dir() / "extract/rules/lexicons/units.tsv", 2)) {
    try {
      db::Converted c = db::convert_amount(units, row.fields[0], 1.0, "");
      amount.insert(c.unit);
      if (!c.quantity.empty()) quantities.insert(c.quantity);
    } catch (const UsageError&) {
    }
    for (const auto& type : *db::allowed_values("type")) {
      try {
        db::Converted c = db::convert_outcome(units, type, row.fields[0], 1.0, std::nullopt, "");
        if (!c.unit.empty()) outcome.insert(c.unit);
      } catch (const UsageError&) {
      }
    }
  }
  compare("*.amount_unit", v.values.count("*.amount_unit") ? v.values.at("*.amount_unit") : Set{}, amount,
          "convert_amount()");
  compare("outcomes.unit", v.values.count("outcomes.unit") ? v.values.at("outcomes.unit") : Set{}, outcome,
          "convert_outcome()");
  for (const auto& q : quantities)
    if (!v.values.count("*.quantity") || !v.values.at("*.quantity").count(q))
      diff.push_back("quantity " + q + " (set by convert_amount) is not in the trigger's list");

  // The message a user reads names every value the list accepts.
  for (const auto& [key, values] : v.values)
    for (const auto& x : values)
      if (v.messages.at(key).find(x) == std::string::npos)
        diff.push_back(key + ": the message \"" + v.messages.at(key) + "\" does not name " + x);
  // Free to clear (''): every list but status, role and outcome type (curate set's own rules).
  for (const auto& [key, empty] : v.allows_empty) {
    const bool code_allows = key != "*.status" && key != "*.role" && key != "outcomes.type";
    if (empty != code_allows) diff.push_back(key + ": '' " + (empty ? "accepted" : "refused") + " by the trigger");
  }
  for (const char* key : {"*.status", "*.role", "outcomes.type", "*.quantity", "*.operation", "*.amount_unit",
                          "outcomes.unit"})
    if (!v.values.count(key)) diff.push_back(std::string("no check of ") + key + " in the trigger");
  return diff;
}

std::map<std::string, std::string> fresh_triggers(const fs::path& path) {
  db::Database d(path);  // every shipped migration applied
  std::map<std::string, std::string> out;
  auto st = d.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'curation'");
  while (st.step()) out[st.column_text(0)] = st.column_text(1);
  return out;
}

}  // namespace

TEST_CASE("the schema's curation triggers accept exactly the vocabularies of curate set (s19-prod2)") {
  TempDir tmp;
  const auto triggers = fresh_triggers(tmp.path / "fresh.db");
  REQUIRE(triggers.count("curation_check_insert") == 1);
  REQUIRE(triggers.count("curation_check_update") == 1);
  for (const auto& name : {"curation_check_insert", "curation_check_update"}) {
    CAPTURE(name);
    const TriggerVocab v = parse_trigger(triggers.at(name));
    for (const auto& d : differences(v)) FAIL_CHECK(d);
    // The parser saw what it checks (a changed layout would otherwise pass as "no difference").
    CHECK(v.tables.size() == 4);
    CHECK(v.editable.size() == 4);
    CHECK(v.numeric.size() == db::numeric_fields().size());
    CHECK(v.values.at("*.operation").count("annealing") == 1);
  }
  // Both triggers hold the same checks.
  auto body = [](const std::string& sql) { return sql.substr(sql.find("BEGIN")); };
  CHECK(body(triggers.at("curation_check_insert")) == body(triggers.at("curation_check_update")));

  // The lexicon's header names the operations too.
  const std::string ops = read_lexicon_file(data_dir() / "extract/rules/lexicons/operations.tsv");
  for (const auto& op : db::operation_vocabulary()) CHECK_MESSAGE(ops.find(" " + op) != std::string::npos, op);
}

TEST_CASE("the vocabulary check fails when a trigger and curate set differ (s19-prod2)") {
  TempDir tmp;
  const std::string sql = fresh_triggers(tmp.path / "fresh.db").at("curation_check_insert");
  auto mutated = [&](const std::string& from, const std::string& to) {
    std::string s = sql;
    const size_t at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
  };
  auto diff_of = [&](const std::string& s) {
    std::string all;
    for (const auto& d : differences(parse_trigger(s))) all += d + "\n";
    return all;
  };
  CHECK(diff_of(sql).empty());
  // An operation dropped from the SQL list (as if operations.tsv had gained one).
  CHECK(diff_of(mutated("'drying', 'annealing'", "'drying'")).find("*.operation") != std::string::npos);
  // A role the SQL accepts that curate set refuses.
  CHECK(diff_of(mutated("'workup', 'other'", "'workup', 'catalyst', 'other'")).find("*.role") != std::string::npos);
  // A canonical amount unit missing.
  CHECK(diff_of(mutated("'g/L', 'ratio'", "'g/L'")).find("*.amount_unit") != std::string::npos);
  // An outcome unit the converter never stores.
  CHECK(diff_of(mutated("'meV', 'eV'", "'meV', 'eV', 'µm'")).find("outcomes.unit") != std::string::npos);
  // An editable field not in editable_fields().
  CHECK(diff_of(mutated("'atmosphere', 'deleted'", "'atmosphere', 'pressure', 'deleted'"))
            .find("editable fields of synthesis_steps") != std::string::npos);
  // A numeric field missing, a status added, a message that no longer names a value.
  CHECK(diff_of(mutated("'value', 'sd')", "'value')")).find("numeric fields") != std::string::npos);
  CHECK(diff_of(mutated("'failed', 'unknown')", "'failed', 'unknown', 'partial')")).find("*.status") !=
        std::string::npos);
  CHECK(diff_of(mutated("success, failed or unknown", "success or failed")).find("does not name unknown") !=
        std::string::npos);
}
