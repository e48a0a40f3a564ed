// synthdb add: hand-added synthesis records (lab notebooks, failed syntheses a paper does not show).
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "app/db_open.h"
#include "db/database.h"
#include "db/records_store.h"
#include "extract/core/error.h"
#include "extract/records/records.h"
#include "extract/rules/extractor.h"

namespace synthdb::app {
namespace {

struct AddOptions {
  std::string db, json_file, curator, reason, source;
};

struct Pending {
  std::string where;  // file:line or file[index]
  size_t order = 0;   // the record's place in the file
  records::Synthesis s;
  std::string source;
};

// The errors of a file, printed in the order of its records: a record's parse error is found while
// the file is read and its store error (a duplicate key) only when it is added, so the errors are
// held with their record's place and each is printed before the first record after it is stored.
class ErrorReport {
 public:
  void add(size_t order, const std::string& where, std::string_view why) {
    if (why.starts_with("add: ")) why.remove_prefix(5);  // the store's messages name the command too
    held_.push_back({order, "add: " + where + ": " + std::string(why)});
  }
  // Prints the held errors of records before `order` (all of them by default).
  void print_before(size_t order = SIZE_MAX) {
    std::stable_sort(held_.begin(), held_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    auto end = std::find_if(held_.begin(), held_.end(), [order](const auto& e) { return e.first >= order; });
    for (auto it = held_.begin(); it != end; ++it) std::cerr << it->second << "\n";
    printed_ += static_cast<int>(end - held_.begin());
    held_.erase(held_.begin(), end);
  }
  int count() const { return printed_ + static_cast<int>(held_.size()); }

 private:
  std::vector<std::pair<size_t, std::string>> held_;
  int printed_ = 0;
};

void collect(nlohmann::json j, const std::string& where, size_t order, const AddOptions& o,
             std::vector<Pending>& out) {
  Pending p;
  p.where = where;
  p.order = order;
  db::convert_condition_units(j);     // "573 K", "2 min" as `curate set` takes them
  p.s = j.get<records::Synthesis>();  // throws InputError naming the field
  p.source = o.source;
  if (j.is_object() && j.contains("source")) {
    if (!j["source"].is_string()) throw InputError("field \"source\" must be a string");
    p.source = j["source"].get<std::string>();
  }
  out.push_back(std::move(p));
}

// A material given by name alone gets the normalized name and formula the extractor gives the same
// name in a paragraph ("CdO" -> cadmium oxide, CdO; "OAm" -> oleylamine), so that hand-added records
// group with extracted ones. Only from a material mention at the start of the name with no other
// material in it ("selenium powder" -> selenium); values given in the file are kept.
void fill_material_names(std::vector<Pending>& pending) {
  std::optional<rules::Extractor> extractor;
  for (Pending& p : pending)
    for (records::Material& m : p.s.materials) {
      if (!m.normalized.empty() || m.name.empty()) continue;
      if (!extractor) extractor.emplace();
      const Extraction x = extractor->extract(m.name);
      const Entity* found = nullptr;
      int materials = 0;
      for (const Entity& e : x.entities)
        if (e.type == "material" && ++materials == 1 && e.start == 0) found = &e;
      if (!found || materials != 1) continue;
      m.normalized = found->normalized;
      if (m.formula.empty()) m.formula = found->formula;
    }
}

void run_add(const AddOptions& o, Context& ctx) {
  std::ifstream in(o.json_file, std::ios::binary);
  if (!in) throw UsageError(o.json_file + ": cannot read");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  std::vector<Pending> pending;
  ErrorReport errors;
  // One JSON value (an object or an array of objects), else JSON Lines.
  nlohmann::json whole = nlohmann::json::parse(text, nullptr, false);
  if (!whole.is_discarded()) {
    if (whole.is_array()) {
      for (size_t i = 0; i < whole.size(); ++i) {
        std::string where = o.json_file + "[" + std::to_string(i) + "]";
        try {
          collect(whole[i], where, i, o, pending);
        } catch (const std::exception& e) {
          errors.add(i, where, e.what());
        }
      }
    } else {
      // One object: on one line (a one-record JSON Lines file) it is file:1, as --help promises.
      const bool one_line = text.find('\n') == std::string::npos || text.find('\n') + 1 >= text.size();
      const std::string where = one_line ? o.json_file + ":1" : o.json_file;
      try {
        collect(whole, where, 0, o, pending);
      } catch (const std::exception& e) {
        errors.add(0, where, e.what());
      }
    }
  } else {
    std::istringstream lines(text);
    std::string line;
    size_t n = 0;
    while (std::getline(lines, line)) {
      ++n;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      std::string where = o.json_file + ":" + std::to_string(n);
      nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_discarded()) {
        errors.add(n, where, "not valid JSON");
        continue;
      }
      try {
        collect(j, where, n, o, pending);
      } catch (const std::exception& e) {
        errors.add(n, where, e.what());
      }
    }
  }
  fill_material_names(pending);
  if (pending.empty() && errors.count() == 0) throw UsageError(o.json_file + ": no records in the file");
  errors.print_before(pending.empty() ? SIZE_MAX : pending.front().order);
  require_synthdb_database(o.db);  // never turns an empty or foreign file into a synthdb database
  db::Database database(o.db);
  for (auto& p : pending) {
    errors.print_before(p.order);
    // One transaction per record: a duplicate key costs that record only.
    try {
      db::Transaction tx(database);
      std::string key = db::add_manual_synthesis(database, p.s, p.source, o.curator, o.reason);
      tx.commit();
      std::cout << key << "\n";
    } catch (const UsageError& e) {
      errors.add(p.order, p.where, e.what());
    }
  }
  errors.print_before();
  if (errors.count() > 0) ctx.exit_code = kExitSomeFailed;
}

}  // namespace

void add_add_command(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<AddOptions>();
  auto* cmd = app.add_subcommand(
      "add",
      "Add synthesis records by hand (e.g. failed syntheses from a lab notebook). The file holds one JSON object, "
      "an array of them, or JSON Lines; fields as in the jsonl export: target, target_formula, method, status "
      "(success|failed|unknown), failure_cue, *_temperature_c, *_time_s, materials [{name, normalized, formula, "
      "role, amount_value, amount_unit, quantity, moles}], steps [{operation, temperature_c, time_s, atmosphere}], "
      "outcomes [{type, value, unit, sd, text_value}], optional key and source. A field the record format does not have (a "
      "typo such as \"targt\" or a material's \"rol\", or an export-only column) rejects the record; the error "
      "names it and lists the fields. Values are "
      "checked as by `curate set`; "
      "units are converted to the canonical ones (0.1 mmol -> 0.0001 mol with moles, 250 uL -> 0.25 mL, 50 Å -> "
      "5 nm; a temperature or time may be text with its unit, \"573 K\", \"2 min\") and an unknown unit or step "
      "operation rejects the record. A material without \"normalized\" gets the normalized name and formula the "
      "extractor gives its name (CdO -> cadmium oxide, CdO). Values not given are derived as for an "
      "extracted record: molar_ratio (moles / moles of the first precursor with moles) and the injection, growth "
      "and reaction conditions from the steps (the ones given are kept). Manual records are never removed by "
      "ingest. Prints each new key; a bad record is reported with file:line (in the file's order) and the rest "
      "are added (exit 1).");
  cmd->add_option("--db", o->db, "SQLite database (must exist: created by `synthdb ingest`)")->required();
  cmd->add_option("--json", o->json_file, "JSON / JSON Lines file with the records")->required();
  cmd->add_option("--curator", o->curator, "Who adds them")->required();
  cmd->add_option("--reason", o->reason, "Why (stored with the addition)");
  cmd->add_option("--source", o->source, "Where the records come from (notebook, DOI) unless a record says so");
  cmd->callback([o, &ctx] { run_add(*o, ctx); });
}

}  // namespace synthdb::app
