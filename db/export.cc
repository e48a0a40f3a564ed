#include "db/export.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <array>
#include <deque>
#include <exception>
#include <functional>
#include <thread>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>
#include <re2/re2.h>

#include "db/curation.h"
#include "db/database.h"
#include "db/migrate.h"
#include "db/store.h"
#include "extract/core/utf8.h"
#include "extract/core/data_dir.h"
#include "extract/core/error.h"
#include "extract/core/strings.h"
#include "extract/records/records.h"

namespace synthdb::db {
namespace {

// The ordinals of a record's `paragraphs` column, a JSON array of integers ("[12,14]"), in order.
std::vector<int64_t> paragraph_ordinals(const std::string& ps) {
  std::vector<int64_t> out;
  for (size_t i = 0; i < ps.size();) {
    if (!std::isdigit(static_cast<unsigned char>(ps[i]))) {
      ++i;
      continue;
    }
    int64_t ordinal = 0;
    i = static_cast<size_t>(std::from_chars(ps.data() + i, ps.data() + ps.size(), ordinal).ptr - ps.data());
    out.push_back(ordinal);
  }
  return out;
}

using nlohmann::json;
using OptD = std::optional<double>;

// ---------------------------------------------------------------------------------------------
// Column specifications (the contract of the export files; documented in docs/records.md).

constexpr const char* kRoles[] = {"solvent", "ligand", "reductant", "additive"};
constexpr int kPrecursorColumns = 3;

std::vector<ColumnSpec> make_synthesis_columns() {
  std::vector<ColumnSpec> c = {
      {"synthesis_id", "string", "", "stable record key (document hash prefix, paragraph, variant) or manual-..."},
      {"parent_id", "string", "", "synthesis_id of the linked earlier record (cores of a shell, base of a variant)"},
      {"variant", "integer", "", "0 for a base procedure, 1.. for its variants: 'the same procedure at ...', a failed attempt or one sample (temperature or reagent amount) of a series reported in the results"},
      {"origin", "string", "", "extracted | manual"},
      {"document_sha256", "string", "", "SHA-256 of the source file (empty for manual records)"},
      {"doi", "string", "", "DOI of the source paper"},
      {"title", "string", "", "title of the source paper"},
      {"year", "integer", "", "publication year (empty for a later paper of a file holding several: not read)"},
      {"journal", "string", "", "journal (empty for a later paper of a file holding several: not read)"},
      {"source", "string", "", "manual records: where the record comes from"},
      {"paragraphs", "string", "", "JSON array of source paragraph ordinals"},
      {"split", "string", "", "train | validation | test when --split is given; by paper (DOI when known, else document and part)"},
      {"target", "string", "", "target material (curated value when edited)"},
      {"target_formula", "string", "", "formula of the target; a shell grown on cores is CORE/SHELL (CdSe/CdS)"},
      {"sample_label", "string", "", "sample label used in the paper (S1, QD-240)"},
      {"method", "string", "", "synthesis method (hot-injection, heat-up, solvothermal, ...)"},
      {"status", "string", "", "success | failed | unknown"},
      {"failure_cue", "string", "",
       "kind of failure: for an extracted record the name of the failure rule that matched (gave_no, no_product, "
       "aggregation, ...: extract/rules/lexicons/failures.tsv), for a hand-added or curator-edited one free text; "
       "the text itself is at failure_cue_paragraph/failure_cue_start/failure_cue_end"},
      {"confidence", "number", "", "0..1 confidence of the record"},
      {"curated", "integer", "", "1 when a curator edited the record or one of its rows"},
      {"injection_temperature_c", "number", "degC", "temperature at injection"},
      {"injection_time_s", "number", "s", "duration of the injection step"},
      {"growth_temperature_c", "number", "degC", "growth temperature after injection"},
      {"growth_time_s", "number", "s", "growth time after injection"},
      {"reaction_temperature_c", "number", "degC", "main (highest) reaction temperature"},
      {"reaction_time_s", "number", "s", "time at the reaction temperature"},
      {"max_temperature_c", "number", "degC", "highest temperature of any step or of the record's conditions"},
      {"heating_rate_c_per_min", "number", "degC/min", "first heating rate given"},
      {"atmosphere", "string", "", "first atmosphere given (N2, Ar, air, vacuum)"},
      {"step_count", "integer", "", "number of steps"},
      {"operations", "string", "", "operations in order, ';'-separated"},
      {"precursor_count", "integer", "", "number of precursors"},
      {"precursor_names", "string", "", "normalised precursor names, ';'-separated"},
      {"precursor_moles_mol", "number", "mol", "sum of precursor amounts in moles (where known)"},
  };
  for (int i = 1; i <= kPrecursorColumns; ++i) {
    std::string p = "precursor" + std::to_string(i) + "_";
    std::string nth = "precursor #" + std::to_string(i);
    c.push_back({p + "name", "string", "", "normalised name of " + nth});
    c.push_back({p + "formula", "string", "", "formula of " + nth});
    c.push_back({p + "amount_value", "number", "", "amount of " + nth + " in the unit of " + p + "amount_unit"});
    c.push_back({p + "amount_unit", "string", "", "g | mL | mol | mol/L | ratio | %"});
    c.push_back({p + "moles_mol", "number", "mol", "amount of " + nth + " in moles"});
    c.push_back({p + "molar_ratio", "number", "", "moles of " + nth + " / moles of precursor #1"});
  }
  for (const char* r : kRoles) {
    std::string role = r;
    c.push_back({role + "_count", "integer", "", "number of " + role + "s"});
    c.push_back({role + "_names", "string", "", "normalised " + role + " names, ';'-separated"});
    c.push_back({role + "_moles_mol", "number", "mol", "sum of " + role + " amounts in moles"});
    c.push_back({role + "_mass_g", "number", "g", "sum of " + role + " masses"});
    c.push_back({role + "_volume_ml", "number", "mL", "sum of " + role + " volumes"});
    c.push_back({role + "_molar_ratio", "number", "", "sum of " + role + " moles / moles of precursor #1"});
  }
  std::vector<ColumnSpec> outcomes = {
      {"size_nm", "number", "nm", "particle size (best-confidence size outcome)"},
      {"size_sd_nm", "number", "nm", "standard deviation of the size"},
      {"size_dimension", "string", "", "diameter | length | width | edge | thickness"},
      {"morphology", "string", "", "sphere, rod, wire, plate, cube, ..."},
      {"phase", "string", "", "crystal phase (wurtzite, zinc blende, cubic, ...)"},
      {"pl_peak_nm", "number", "nm", "photoluminescence peak"},
      {"fwhm_mev", "number", "meV", "PL line width (when given or normalised to meV)"},
      {"fwhm_nm", "number", "nm", "PL line width given in nm"},
      {"plqy_pct", "number", "%", "photoluminescence quantum yield"},
      {"band_gap_ev", "number", "eV", "band gap"},
      {"absorption_peak_nm", "number", "nm", "(first excitonic) absorption peak"},
      {"yield_pct", "number", "%", "reaction yield"},
      {"outcome_count", "integer", "", "number of outcome rows"},
      {"outcome_min_confidence", "number", "", "lowest confidence of the outcomes linked to the record"},
      // Added after the columns above (columns are only ever appended).
      {"pages", "string", "", "JSON array of the page of each source paragraph, in the order of paragraphs"},
      {"reaction_atmosphere", "string", "",
       "atmosphere the reaction ran under: of the step at the reaction temperature, else the first that is not vacuum"},
      {"precursor_moles_complete", "integer", "",
       "1 when every precursor has moles_mol (precursor_moles_mol is their full sum), 0 when some has none "
       "(precursor_moles_mol sums the others only, or is empty), empty when the record has no precursor"},
      {"target_paragraph", "integer", "",
       "paragraph ordinal of the target mention the record was built from (empty when none: a manual record, a "
       "target taken from a heading, or none found)"},
      {"target_start", "integer", "", "code point offset of the target mention in its paragraph"},
      {"target_end", "integer", "", "end (exclusive) of the target mention"},
      {"failure_cue_paragraph", "integer", "", "paragraph ordinal of the failure cue (empty when none)"},
      {"failure_cue_start", "integer", "", "code point offset of the failure cue in its paragraph"},
      {"failure_cue_end", "integer", "", "end (exclusive) of the failure cue"},
      {"part", "integer", "",
       "1-based paper of its file the record comes from (doi/title are that paper's); 1 for a file holding one "
       "paper, empty for manual records"},
  };
  c.insert(c.end(), outcomes.begin(), outcomes.end());
  return c;
}

// syntheses.jsonl only: `paragraphs` and `pages` as JSON arrays (the columns are JSON text in strings).
const std::vector<ColumnSpec> kJsonlArrayFields = {
    {"paragraph_ordinals", "array of integers", "", "the record's `paragraphs` as an array: source paragraph ordinals"},
    {"paragraph_pages", "array of integers", "",
     "the record's `pages` as an array: the page of each paragraph of paragraph_ordinals (null when unknown)"},
};

const std::vector<ColumnSpec> kMaterialColumns = {
    {"synthesis_id", "string", "", "record key (syntheses.csv)"},
    {"ordinal", "integer", "", "position in the record"},
    {"item_key", "string", "", "stable key of this row (curation key)"},
    {"name", "string", "", "name as written"},
    {"normalized", "string", "", "canonical lower-case name"},
    {"formula", "string", "", "formula when known"},
    {"role", "string", "", "precursor | solvent | ligand | reductant | target | additive | workup (washing and "
                           "redispersion solvents, not counted in solvent_*) | other"},
    {"amount_value", "number", "", "amount in amount_unit"},
    {"amount_unit", "string", "", "g | mL | mol | mol/L | ratio | %"},
    {"quantity", "string", "", "mass | volume | moles | concentration | molar_ratio | fraction"},
    {"moles_mol", "number", "mol", "amount in moles (given, or concentration x volume)"},
    {"molar_ratio", "number", "", "moles / moles of the record's first precursor"},
    {"curated", "integer", "", "1 when a curator edited this row"},
    {"paragraph", "integer", "", "source paragraph ordinal"},
    {"start", "integer", "", "code point offset of the mention in the paragraph"},
    {"end", "integer", "", "end (exclusive) of the mention"},
    {"page", "integer", "", "page of the mention's paragraph (1-based)"},
    {"amount_paragraph", "integer", "", "paragraph ordinal of the amount mention (empty when no amount)"},
    {"amount_start", "integer", "", "code point offset of the amount mention in its paragraph"},
    {"amount_end", "integer", "", "end (exclusive) of the amount mention"},
};
const std::vector<ColumnSpec> kStepColumns = {
    {"synthesis_id", "string", "", "record key (syntheses.csv)"},
    {"ordinal", "integer", "", "order of the step"},
    {"item_key", "string", "", "stable key of this row (curation key)"},
    {"operation", "string", "", "mixing | heating | cooling | injection | stirring | degassing | ..."},
    {"temperature_c", "number", "degC", "temperature of the step"},
    {"time_s", "number", "s", "duration of the step"},
    {"heating_rate_c_per_min", "number", "degC/min", "heating rate"},
    {"atmosphere", "string", "", "N2 | Ar | air | vacuum"},
    {"curated", "integer", "", "1 when a curator edited this row"},
    {"paragraph", "integer", "", "source paragraph ordinal"},
    {"start", "integer", "", "code point offset of the mention"},
    {"end", "integer", "", "end (exclusive) of the mention"},
    {"page", "integer", "", "page of the mention's paragraph (1-based)"},
    {"temperature_paragraph", "integer", "", "paragraph ordinal of the temperature_c mention"},
    {"temperature_start", "integer", "", "code point offset of the temperature_c mention"},
    {"temperature_end", "integer", "", "end (exclusive) of the temperature_c mention"},
    {"time_paragraph", "integer", "", "paragraph ordinal of the time_s mention"},
    {"time_start", "integer", "", "code point offset of the time_s mention"},
    {"time_end", "integer", "", "end (exclusive) of the time_s mention"},
};
const std::vector<ColumnSpec> kOutcomeColumns = {
    {"synthesis_id", "string", "", "record key (syntheses.csv)"},
    {"ordinal", "integer", "", "order within the record"},
    {"item_key", "string", "", "stable key of this row (curation key)"},
    {"type", "string", "", "size | morphology | phase | pl_peak | fwhm | plqy | band_gap | absorption_peak | yield"},
    {"value", "number", "", "numeric value in unit"},
    {"unit", "string", "", "nm | meV | % | eV"},
    {"sd", "number", "", "standard deviation (same unit)"},
    {"text_value", "string", "", "morphology / phase name"},
    {"dimension", "string", "", "size: diameter | length | width | edge | thickness"},
    {"confidence", "number", "", "1 in the synthesis paragraph; lower when linked from results"},
    {"curated", "integer", "", "1 when a curator edited this row"},
    {"paragraph", "integer", "", "source paragraph ordinal"},
    {"start", "integer", "", "code point offset of the mention"},
    {"end", "integer", "", "end (exclusive) of the mention"},
    {"page", "integer", "", "page of the mention's paragraph (1-based)"},
};
// s20-paras: the texts the span columns point into, one row per paragraph an exported record cites.
const std::vector<ColumnSpec> kParagraphColumns = {
    {"document_sha256", "string", "", "SHA-256 of the source file (syntheses.csv document_sha256)"},
    {"paragraph", "integer", "", "paragraph ordinal (the paragraph columns of the other files)"},
    {"page", "integer", "", "page of the paragraph (1-based)"},
    {"kind", "string", "", "title | abstract | heading | body | caption | reference | footnote | other"},
    {"section", "string", "", "heading of the section the paragraph is in (may be empty)"},
    {"text", "string", "", "paragraph text; start/end columns are code point offsets into it (end exclusive)"},
    // Added after the columns above (columns are only ever appended).
    {"part", "integer", "", "1-based paper of its file (a file holding several papers is split into parts; docs/pdf.md)"},
};

// ---------------------------------------------------------------------------------------------
// Cells and writers.

struct Cell {
  enum Kind : uint8_t { kMissing, kText, kNumber, kInteger } kind = kMissing;
  std::string_view text;
  double number = 0;
  int64_t integer = 0;
};

Cell text(std::string_view s) { return s.empty() ? Cell{} : Cell{Cell::kText, s, 0, 0}; }
Cell num(const OptD& d) {
  return d && std::isfinite(*d) ? Cell{Cell::kNumber, {}, *d, 0} : Cell{};
}
Cell integer(int64_t v) { return Cell{Cell::kInteger, {}, 0, v}; }
Cell opt_int(const std::optional<int64_t>& v) { return v ? integer(*v) : Cell{}; }

class OutFile {
 public:
  explicit OutFile(const std::filesystem::path& path) : path_(path) {
    f_ = std::fopen(path.c_str(), "wb");
    if (!f_) throw Error(path.string() + ": cannot write: " + std::strerror(errno));
    buf_.reserve(1 << 20);
  }
  ~OutFile() {
    if (f_) std::fclose(f_);
  }
  OutFile(const OutFile&) = delete;
  OutFile& operator=(const OutFile&) = delete;
  std::string& buf() { return buf_; }
  void maybe_flush() {
    if (buf_.size() >= (1 << 20)) flush();
  }
  void flush() {
    if (!buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size())
      throw Error(path_.string() + ": write failed: " + std::strerror(errno));
    buf_.clear();
  }
  // Appends the bytes of `part` (a finished part file) to this file.
  friend void append_file(OutFile& out, const std::filesystem::path& part) {
    out.flush();
    std::FILE* in = std::fopen(part.c_str(), "rb");
    if (!in) throw Error(part.string() + ": cannot read: " + std::strerror(errno));
    std::vector<char> buf(1 << 20);
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), in)) > 0)
      if (std::fwrite(buf.data(), 1, n, out.f_) != n) {
        std::fclose(in);
        throw Error(out.path_.string() + ": write failed: " + std::strerror(errno));
      }
    std::fclose(in);
  }
  void close() {
    if (!f_) return;
    flush();
    if (std::fclose(f_) != 0) {
      f_ = nullptr;
      throw Error(path_.string() + ": write failed: " + std::strerror(errno));
    }
    f_ = nullptr;
  }

 private:
  std::filesystem::path path_;
  std::FILE* f_ = nullptr;
  std::string buf_;
};

// Every number of the export is written as the shortest round-trip form of its value rounded to 12
// significant digits (review s21-ux, item 4): 0.0022500000000000003 (binary noise of a sum) is
// 0.00225, 1.7999999999999998 is 1.8, and a molar ratio the export recomputes after an unrelated
// edit (1.276595744680851) has the bytes it had when stored (1.27659574468). A value whose shortest
// form has 12 significant digits or fewer keeps exactly those bytes (and costs one conversion).
// Writes the shortest form of `d` into buf and returns its end; `rounded` tells whether it had more
// than 12 significant digits, in which case `*out` is the rounded value.
char* shortest(double d, char* buf, size_t size, bool& rounded, double* out) {
  char* p = std::to_chars(buf, buf + size, d).ptr;
  rounded = false;
  if (!std::isfinite(d)) return p;
  int digits = 0;
  bool leading = true;
  for (const char* c = buf; c < p && *c != 'e'; ++c) {
    if (*c < '0' || *c > '9' || (leading && *c == '0')) continue;
    leading = false;
    ++digits;
  }
  if (digits <= 12) return p;
  char tmp[40];
  const char* q = std::to_chars(tmp, tmp + sizeof tmp, d, std::chars_format::general, 12).ptr;
  std::from_chars(tmp, q, *out);
  rounded = true;
  return p;
}

double round12(double d) {
  char buf[40];
  bool rounded = false;
  double r = d;
  shortest(d, buf, sizeof buf, rounded, &r);
  return rounded ? r : d;
}

void append_number(std::string& out, double d) {
  char buf[40];
  bool rounded = false;
  double r = d;
  char* p = shortest(d, buf, sizeof buf, rounded, &r);
  if (rounded) p = std::to_chars(buf, buf + sizeof buf, r).ptr;
  out.append(buf, p);
}

void append_csv_text(std::string& out, std::string_view s) {
  bool quote = false, high = false;
  for (char c : s) {
    if (c == ',' || c == '"' || c == '\r' || c == '\n') quote = true;
    high |= static_cast<unsigned char>(c) >= 0x80;
  }
  // Invalid UTF-8 (plain SQL edits, old databases) is replaced by U+FFFD, as in the JSON Lines
  // export: the files promise UTF-8 and pandas refuses anything else.
  if (high && !valid_utf8(s)) {
    const std::string clean = sanitize_utf8(s);
    append_csv_text(out, clean);
    return;
  }
  if (!quote) {
    out.append(s);
    return;
  }
  out.push_back('"');
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void write_csv_row(std::string& out, const std::vector<Cell>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out.push_back(',');
    const Cell& c = cells[i];
    switch (c.kind) {
      case Cell::kMissing: break;
      case Cell::kText: append_csv_text(out, c.text); break;
      case Cell::kNumber: append_number(out, c.number); break;
      case Cell::kInteger: {
        char tmp[24];
        auto [p, ec] = std::to_chars(tmp, tmp + sizeof tmp, c.integer);
        out.append(tmp, p);
        break;
      }
    }
  }
  out.append("\r\n");
}

void write_csv_header(OutFile& f, const std::vector<ColumnSpec>& cols) {
  std::vector<std::string> names;
  std::vector<Cell> cells;
  for (const auto& c : cols) cells.push_back(text(c.name));
  write_csv_row(f.buf(), cells);
}

json cells_to_json(const std::vector<ColumnSpec>& cols, const std::vector<Cell>& cells) {
  json j = json::object();
  for (size_t i = 0; i < cols.size(); ++i) {
    const Cell& c = cells[i];
    switch (c.kind) {
      case Cell::kMissing: j[cols[i].name] = nullptr; break;
      case Cell::kText: j[cols[i].name] = std::string(c.text); break;
      case Cell::kNumber: j[cols[i].name] = round12(c.number); break;
      case Cell::kInteger: j[cols[i].name] = c.integer; break;
    }
  }
  return j;
}

// ---------------------------------------------------------------------------------------------
// Rows as read (and curated).

struct DocInfo {
  std::string sha256, doi, title, journal, path;
  std::optional<int64_t> year;
};

struct PartInfo {
  std::string doi, title;
  int64_t first_page = 1;
};

struct SynRow {
  int64_t id = 0;
  std::string key, parent_key, origin, source, target, target_formula, sample_label, method, status, failure_cue,
      paragraphs;
  int64_t variant = 0;
  std::optional<int64_t> document_id;
  double confidence = 0;
  OptD inj_t, inj_time, growth_t, growth_time, reaction_t, reaction_time;
  std::string pages;  // JSON array parallel to `paragraphs`
  std::optional<int64_t> part;  // part of the file its first paragraph is in (extracted records)
  // Where the target and the failure cue were read: paragraph ordinal and code point span (s22-stats).
  std::optional<int64_t> target_paragraph, target_start, target_end, failure_paragraph, failure_start, failure_end;
  bool curated = false;
  // Conditions a curator set (bit i: the i-th of conditions()) and their stored values before.
  unsigned edited_conditions = 0;
  std::array<OptD, 6> stored_conditions;
};

// The record's condition fields: even indexes temperatures, odd ones times.
std::array<OptD*, 6> conditions(SynRow& s) {
  return {&s.inj_t, &s.inj_time, &s.growth_t, &s.growth_time, &s.reaction_t, &s.reaction_time};
}
constexpr const char* kConditionFields[6] = {"injection_temperature_c", "injection_time_s", "growth_temperature_c",
                                             "growth_time_s", "reaction_temperature_c", "reaction_time_s"};

struct MatRow {
  int64_t ordinal = 0;
  std::string item_key, name, normalized, formula, role, amount_unit, quantity;
  OptD amount_value, moles, molar_ratio;
  std::optional<int64_t> paragraph, start, end, page, amount_paragraph, amount_start, amount_end;
  bool curated = false;
  bool ratio_curated = false;
};

struct StepRow {
  int64_t ordinal = 0;
  std::string item_key, operation, atmosphere;
  OptD temperature_c, time_s, heating_rate;
  std::optional<int64_t> paragraph, start, end, page, temperature_paragraph, temperature_start, temperature_end,
      time_paragraph, time_start, time_end;
  bool curated = false;
  bool temperature_edited = false, time_edited = false;  // by a curator, stored_* the values before
  OptD stored_temperature, stored_time;
  unsigned supplies = 0;  // bit i: the step supplied the i-th of conditions() (schema v10)
};

struct OutRow {
  int64_t ordinal = 0;
  std::string item_key, type, unit, text_value, dimension;
  OptD value, sd;
  double confidence = 1;
  std::optional<int64_t> paragraph, start, end, page;
  bool curated = false;
};

std::optional<int64_t> opt_int_col(Statement& st, int col) { return st.column_optional_int(col); }

// Reads rows of one child table in synthesis_id order alongside the syntheses cursor.
template <typename Row>
class ChildCursor {
 public:
  // `sql` selects the synthesis id first and returns rows in the order the records are read (same
  // connection and snapshot), so the children of one record are one contiguous run.
  // ?1/?2 bind the key range [lo, hi).
  ChildCursor(Database& db, const std::string& sql, const std::string& lo, const std::string& hi,
              Row (*read)(Statement&))
      : st_(db.prepare(sql)), read_(read) {
    st_.bind(1, lo).bind(2, hi);
    has_ = st_.step();
  }
  // Fills `rows` with the children of synthesis `sid` (the record read now).
  void take(int64_t sid, std::vector<Row>& rows) {
    rows.clear();
    while (has_ && st_.column_int(0) == sid) {
      rows.push_back(read_(st_));
      has_ = st_.step();
    }
  }

 private:
  Statement st_;
  Row (*read_)(Statement&);
  bool has_ = false;
};

MatRow read_mat(Statement& st) {
  MatRow m;
  m.ordinal = st.column_int(1);
  m.item_key = st.column_text(2);
  m.name = st.column_text(3);
  m.normalized = st.column_text(4);
  m.formula = st.column_text(5);
  m.role = st.column_text(6);
  m.amount_value = st.column_optional_double(7);
  m.amount_unit = st.column_text(8);
  m.quantity = st.column_text(9);
  m.moles = st.column_optional_double(10);
  m.molar_ratio = st.column_optional_double(11);
  m.paragraph = opt_int_col(st, 12);
  m.start = opt_int_col(st, 13);
  m.end = opt_int_col(st, 14);
  m.amount_paragraph = opt_int_col(st, 15);
  m.amount_start = opt_int_col(st, 16);
  m.amount_end = opt_int_col(st, 17);
  return m;
}

StepRow read_step(Statement& st) {
  StepRow s;
  s.ordinal = st.column_int(1);
  s.item_key = st.column_text(2);
  s.operation = st.column_text(3);
  s.temperature_c = st.column_optional_double(4);
  s.time_s = st.column_optional_double(5);
  s.heating_rate = st.column_optional_double(6);
  s.atmosphere = st.column_text(7);
  s.paragraph = opt_int_col(st, 8);
  s.start = opt_int_col(st, 9);
  s.end = opt_int_col(st, 10);
  s.temperature_paragraph = opt_int_col(st, 11);
  s.temperature_start = opt_int_col(st, 12);
  s.temperature_end = opt_int_col(st, 13);
  s.time_paragraph = opt_int_col(st, 14);
  s.time_start = opt_int_col(st, 15);
  s.time_end = opt_int_col(st, 16);
  s.supplies = static_cast<unsigned>(st.column_int(17));
  return s;
}

OutRow read_outcome(Statement& st) {
  OutRow o;
  o.ordinal = st.column_int(1);
  o.item_key = st.column_text(2);
  o.type = st.column_text(3);
  o.value = st.column_optional_double(4);
  o.unit = st.column_text(5);
  o.sd = st.column_optional_double(6);
  o.text_value = st.column_text(7);
  o.dimension = st.column_text(8);
  o.confidence = st.column_double(9);
  o.paragraph = opt_int_col(st, 10);
  o.start = opt_int_col(st, 11);
  o.end = opt_int_col(st, 12);
  return o;
}

// Curated values replace stored ones. Numeric edits that do not parse (cannot happen through
// set_field, but plain SQL can write anything) leave the value missing rather than guessing.
struct Curator {
  const CurationOverlay::Fields* fields = nullptr;  // edits of the current row
  bool text(const char* field, std::string& v) const {
    auto it = fields->find(field);
    if (it == fields->end()) return false;
    v = it->second;
    return true;
  }
  bool num(const char* field, OptD& v) const {
    auto it = fields->find(field);
    if (it == fields->end()) return false;
    const std::string& c = it->second;
    double d = 0;
    auto [p, ec] = std::from_chars(c.data(), c.data() + c.size(), d);
    v = (ec == std::errc() && p == c.data() + c.size()) ? OptD(d) : std::nullopt;
    return true;
  }
};

void curate(const CurationOverlay& overlay, SynRow& s) {
  Curator c{overlay.row("syntheses", s.key)};
  if (!c.fields) return;
  s.curated = true;
  c.text("target", s.target);
  c.text("target_formula", s.target_formula);
  c.text("sample_label", s.sample_label);
  c.text("method", s.method);
  c.text("status", s.status);
  c.text("failure_cue", s.failure_cue);
  c.text("parent_key", s.parent_key);
  OptD conf = s.confidence;
  if (c.num("confidence", conf)) s.confidence = conf.value_or(0);
  const auto cond = conditions(s);
  for (int i = 0; i < 6; ++i) {
    s.stored_conditions[i] = *cond[i];
    if (c.num(kConditionFields[i], *cond[i])) s.edited_conditions |= 1u << i;
  }
}

void curate(const CurationOverlay& overlay, MatRow& m) {
  Curator c{overlay.row("synthesis_materials", m.item_key)};
  if (!c.fields) return;
  m.curated = true;
  const OptD old_value = m.amount_value, old_moles = m.moles;
  const std::string old_unit = m.amount_unit, old_quantity = m.quantity;
  c.text("name", m.name);
  c.text("normalized", m.normalized);
  c.text("formula", m.formula);
  c.text("role", m.role);
  bool amount_edited = c.num("amount_value", m.amount_value);
  amount_edited |= c.text("amount_unit", m.amount_unit);
  amount_edited |= c.text("quantity", m.quantity);
  const bool moles_curated = c.num("moles", m.moles);
  m.ratio_curated = c.num("molar_ratio", m.molar_ratio);
  // Derived amounts follow an edited amount (unless the curator set them too): moles given as the
  // amount are the amount; moles from concentration x volume scale with an edited volume.
  if (amount_edited && !moles_curated) {
    if (m.quantity == "moles" && m.amount_unit == "mol") {
      m.moles = m.amount_value;
    } else if (m.quantity == "volume" && old_quantity == "volume" && m.amount_unit == old_unit && old_moles &&
               old_value && *old_value > 0 && m.amount_value) {
      m.moles = *old_moles * *m.amount_value / *old_value;
    } else if (old_quantity == "moles") {
      m.moles.reset();  // the moles were the amount the curator replaced
    }
  }
}

// Molar ratios against the record's first precursor with moles (as records::build() computes them,
// with the same records::molar_ratio()), redone when a curator changed amounts, roles or deleted
// rows; a curated ratio is kept.
void recompute_ratios(std::vector<MatRow>& rows) {
  OptD reference;
  for (const auto& m : rows)
    if (m.role == "precursor" && m.moles && *m.moles > 0) {
      reference = m.moles;
      break;
    }
  for (auto& m : rows)
    if (!m.ratio_curated) m.molar_ratio = records::molar_ratio(m.moles, reference);
}

void curate(const CurationOverlay& overlay, StepRow& s) {
  Curator c{overlay.row("synthesis_steps", s.item_key)};
  if (!c.fields) return;
  s.curated = true;
  c.text("operation", s.operation);
  s.stored_temperature = s.temperature_c;
  s.stored_time = s.time_s;
  s.temperature_edited = c.num("temperature_c", s.temperature_c);
  s.time_edited = c.num("time_s", s.time_s);
  c.num("heating_rate_c_per_min", s.heating_rate);
  c.text("atmosphere", s.atmosphere);
}

// syntheses.csv and steps.csv agree after curation (review s20, item 3): a record's condition and
// its steps hold the same numbers when extracted (records::derive_conditions reads the conditions
// from the steps; a variant's override changes both). A step takes part in condition i when its
// stored temperature (time) equals the condition's stored value and either it supplied the condition
// (synthesis_steps.supplies, schema v10: the step derive_conditions read it from, a degassing or an
// annealing included) or its operation is not degassing, drying, purification or annealing ("degassed
// at 120 °C for 30 min" keeps its 30 min when the reaction's 30 min, read from another step, is
// corrected). A curated condition is also the value of the steps taking part that were not edited
// themselves (a blanked one blanks them); a condition not edited itself takes the curated value of
// the step taking part that was edited: its supplier first, else the first by ordinal. Both sides
// compare stored values, so nothing follows twice. Followed steps count as curated. This rule is
// written twice: here and in SQL, in the views curated_syntheses / curated_steps (last re-created by
// schema/016_views_duplicates.sql; from v10's text). The export cannot read the views without
// slowing down (their correlated subqueries per row), nor the views call C++: change both.
// tests/app/views_test.cc checks that they agree on every record of corpus-samples after edits of
// every step and every condition; tests/app/curate_review_test.cc on the cases of review s20/s21.
bool takes_part(const StepRow& st, int i) {
  return (st.supplies & (1u << i)) || (st.operation != "degassing" && st.operation != "drying" &&
                                       st.operation != "purification" && st.operation != "annealing");
}

void follow_conditions(SynRow& s, std::vector<StepRow>& steps) {
  const auto cond = conditions(s);
  std::vector<uint8_t> step_followed(steps.size(), 0);  // bit 0 temperature, bit 1 time
  // Record to steps: the main condition first (reaction, growth, injection).
  for (int i : {4, 5, 2, 3, 0, 1}) {
    if (!(s.edited_conditions & (1u << i)) || !s.stored_conditions[i]) continue;
    const bool temperature = i % 2 == 0;
    const uint8_t bit = temperature ? 1 : 2;
    for (size_t k = 0; k < steps.size(); ++k) {
      StepRow& st = steps[k];
      if ((temperature ? st.temperature_edited : st.time_edited) || (step_followed[k] & bit) || !takes_part(st, i))
        continue;
      OptD& v = temperature ? st.temperature_c : st.time_s;
      if (v != s.stored_conditions[i]) continue;
      v = *cond[i];
      step_followed[k] |= bit;
      st.curated = true;
    }
  }
  // Steps to record: the supplier's edit first, then the first edited step by ordinal.
  for (int i = 0; i < 6; ++i) {
    if (s.edited_conditions & (1u << i)) continue;
    const bool temperature = i % 2 == 0;
    const StepRow* lead = nullptr;
    for (const StepRow& st : steps) {
      if (!(temperature ? st.temperature_edited : st.time_edited) || !takes_part(st, i)) continue;
      const OptD& stored = temperature ? st.stored_temperature : st.stored_time;
      if (!stored || *cond[i] != stored) continue;
      if (st.supplies & (1u << i)) {
        lead = &st;
        break;
      }
      if (!lead) lead = &st;
    }
    if (lead) *cond[i] = temperature ? lead->temperature_c : lead->time_s;
  }
}

void curate(const CurationOverlay& overlay, OutRow& o) {
  Curator c{overlay.row("outcomes", o.item_key)};
  if (!c.fields) return;
  o.curated = true;
  c.text("type", o.type);
  c.num("value", o.value);
  c.text("unit", o.unit);
  c.num("sd", o.sd);
  c.text("text_value", o.text_value);
  c.text("dimension", o.dimension);
}

uint64_t mix64(uint64_t x) {  // splitmix64 finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// `atmosphere` is the first one written, which is often the degassing's vacuum; what the reaction
// ran under is the atmosphere of its step, else the first that is not vacuum (a degassing at the
// reaction temperature does not count).
std::string_view reaction_atmosphere(const std::vector<StepRow>& steps, const OptD& reaction_t) {
  if (reaction_t)
    for (const auto& st : steps)
      if (st.temperature_c == reaction_t && !st.atmosphere.empty() && st.atmosphere != "vacuum") return st.atmosphere;
  for (const auto& st : steps)
    if (!st.atmosphere.empty() && st.atmosphere != "vacuum") return st.atmosphere;
  return {};
}

void add(OptD& sum, const OptD& v) {
  if (v) sum = sum.value_or(0) + *v;
}

// The records of one paper of a group, the unit of --split.
struct PaperCount {
  int64_t syntheses = 0;
  std::string split;
  std::string paper;  // "doi:<lower-case DOI>" when known, else the group (#p<part> for parts 2..)
};

struct DocCount {
  int64_t syntheses = 0;
  std::map<int64_t, PaperCount> parts;  // part of the file (1: a one-paper file, a manual record) → its paper
};

struct PartResult {
  ExportSummary sum;
  std::map<std::string, DocCount> groups;  // document sha256 or manual:<...> → count
  std::set<int64_t> docs;
  std::vector<std::pair<int64_t, int64_t>> paragraphs;  // (document id, ordinal) cited by exported rows
};

void merge_part(PartResult& into, const PartResult& part) {
  into.sum.syntheses += part.sum.syntheses;
  into.sum.materials += part.sum.materials;
  into.sum.steps += part.sum.steps;
  into.sum.outcomes += part.sum.outcomes;
  for (auto& [k, v] : part.sum.by_status) into.sum.by_status[k] += v;
  for (auto& [k, v] : part.sum.by_split) into.sum.by_split[k] += v;
  for (auto& [k, v] : part.groups) {
    DocCount& g = into.groups[k];
    g.syntheses += v.syntheses;
    for (const auto& [n, p] : v.parts) {
      PaperCount& q = g.parts[n];
      q.syntheses += p.syntheses;
      q.split = p.split;
      q.paper = p.paper;
    }
  }
  into.docs.insert(part.docs.begin(), part.docs.end());
  into.paragraphs.insert(into.paragraphs.end(), part.paragraphs.begin(), part.paragraphs.end());
}

// The paper a record of `group` (a document's sha256, or manual:<...>) counts for in --split: its
// paper's DOI when known, so one paper never lands in two splits whether it was stored as two files
// or as a file and a part of another (review s27); else the group, and its part after the first.
std::string split_unit(const std::string& doi, const std::string& group, int64_t part) {
  if (!doi.empty()) return "doi:" + ascii_lower(doi);
  return part > 1 ? group + "#p" + std::to_string(part) : group;
}

// A source_documents entry's split: `split` and `paper` (when not the group itself) when its records
// are of one paper, as every one-paper file's; for a file whose records come from several of its
// papers, `splits` lists each one's part, paper, split and record count, as each has its own split.
void add_split(json& d, const std::string& group, const DocCount& count) {
  if (count.parts.empty() || count.parts.begin()->second.split.empty()) return;
  if (count.parts.size() == 1) {
    const PaperCount& p = count.parts.begin()->second;
    d["split"] = p.split;
    if (p.paper != group) d["paper"] = p.paper;
    return;
  }
  json splits = json::array();
  for (const auto& [part, p] : count.parts)
    splits.push_back({{"part", part}, {"paper", p.paper}, {"split", p.split}, {"syntheses", p.syntheses}});
  d["splits"] = std::move(splits);
}

}  // namespace

const std::vector<ColumnSpec>& export_columns(const std::string& file) {
  static const std::vector<ColumnSpec> kSynthesis = make_synthesis_columns();
  static const std::vector<ColumnSpec> kNone;
  if (file == "syntheses.csv") return kSynthesis;
  if (file == "materials.csv") return kMaterialColumns;
  if (file == "steps.csv") return kStepColumns;
  if (file == "outcomes.csv") return kOutcomeColumns;
  if (file == "paragraphs.csv") return kParagraphColumns;
  return kNone;
}

std::string split_of(const std::string& group, const std::vector<double>& fractions, uint64_t seed) {
  if (fractions.empty()) return {};
  // FNV-1a over the group, mixed with the seed: stable across platforms and runs.
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : group) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  h = mix64(h ^ mix64(seed + 0x9e3779b97f4a7c15ULL));
  double u = static_cast<double>(h >> 11) * (1.0 / 9007199254740992.0);
  double total = 0;
  for (double f : fractions) total += f;
  double acc = 0;
  size_t idx = fractions.size() - 1;
  for (size_t i = 0; i < fractions.size(); ++i) {
    acc += fractions[i] / total;
    if (u < acc) {
      idx = i;
      break;
    }
  }
  return split_names(fractions.size())[idx];
}

std::vector<std::string> split_names(size_t n) {
  if (n == 2) return {"train", "test"};
  if (n == 3) return {"train", "validation", "test"};
  std::vector<std::string> names;
  for (size_t i = 0; i < n; ++i) names.push_back("split" + std::to_string(i));
  return names;
}

std::vector<double> parse_split(const std::string& text) {
  std::vector<double> out;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t comma = text.find(',', pos);
    // "0.8, 0.2" as one writes a list: blanks around a number are dropped, blanks inside one are not.
    std::string_view part = std::string_view(text).substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    part.remove_prefix(std::min(part.size(), part.find_first_not_of(" \t")));
    part.remove_suffix(part.size() - std::min(part.size(), part.find_last_not_of(" \t") + 1));
    double d = 0;
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), d);
    if (part.empty() || ec != std::errc() || p != part.data() + part.size() || !(d >= 0) || !std::isfinite(d))
      throw UsageError("--split: \"" + text + "\" is not a list of non-negative numbers like 0.8,0.1,0.1");
    out.push_back(d);
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  double sum = 0;
  for (double d : out) sum += d;
  if (out.size() < 2 || std::fabs(sum - 1.0) > 1e-3)
    throw UsageError("--split: \"" + text + "\" needs two or more fractions that sum to 1");
  return out;
}

std::vector<DuplicateCopy> duplicate_copies(Database& db) {
  // The rule (which papers are copies, which copy is kept) is the SQL view duplicate_parts
  // (schema/020_duplicate_parts.sql): the curated views leave out the same records, so a curator's
  // `SELECT count(*) FROM synthesis_wide` and the export agree. A database read without migrating
  // (stats on a read-only file) may predate it: v16-v19 have duplicate_documents (whole files, part
  // 1), older ones no view, and then no copies are listed.
  std::vector<DuplicateCopy> duplicates;
  const bool parts = has_object(db, "view", "duplicate_parts");
  if (!parts && !has_object(db, "view", "duplicate_documents")) return duplicates;
  auto st = db.prepare(parts ? "SELECT id, duplicate_of, sha256, duplicate_of_sha256, part, duplicate_of_part, "
                               "first_paragraph, last_paragraph, duplicate_of_first_paragraph FROM duplicate_parts "
                               "ORDER BY id, part"
                             : "SELECT id, duplicate_of, sha256, duplicate_of_sha256, 1, 1, 0, 9223372036854775807, 0 "
                               "FROM duplicate_documents ORDER BY id");
  while (st.step())
    duplicates.push_back({st.column_int(0), st.column_int(1), st.column_text(2), st.column_text(3), st.column_int(4),
                          st.column_int(5), st.column_int(6), st.column_int(7), st.column_int(8)});
  return duplicates;
}

std::string kept_copy_key(Database& db, const DuplicateCopy& c, const std::string& key) {
  if (c.sha256.size() != 64 || c.kept_sha256.size() != 64) return "";
  std::string head;  // the kept copy's key up to the paragraph number
  size_t at = 0;     // where the paragraph number starts in `key`
  if (key.compare(0, 18, c.sha256.substr(0, 16) + "-p") == 0)
    head = c.kept_sha256.substr(0, 16) + "-p", at = 18;
  else if (key.size() > 66 && key.compare(0, 66, c.sha256 + ":p") == 0)
    head = c.kept_sha256 + ":p", at = 66;
  else
    return "";
  size_t end = at;
  while (end < key.size() && end - at < 9 && key[end] >= '0' && key[end] <= '9') ++end;
  if (end == at) return "";
  const int64_t n = std::stoll(key.substr(at, end - at));
  if (n < c.first || n > c.last) return "";  // another paper of the same file
  auto st = db.prepare(
      "SELECT k.ordinal FROM paragraphs o JOIN paragraphs k ON k.document_id = ?3 AND k.part = ?4 AND k.text = o.text "
      "WHERE o.document_id = ?1 AND o.ordinal = ?2 ORDER BY abs((k.ordinal - ?6) - (o.ordinal - ?5)), k.ordinal LIMIT 1");
  st.bind(1, c.id).bind(2, n).bind(3, c.kept).bind(4, c.kept_part).bind(5, c.first).bind(6, c.kept_first);
  if (!st.step()) return "";
  return head + std::to_string(st.column_int(0)) + key.substr(end);
}

ExportSummary export_dataset(Database& db, const ExportOptions& o) {
  if (o.format != "csv" && o.format != "jsonl")
    throw UsageError("export: --format must be csv or jsonl, not \"" + o.format + "\"");
  if (o.status != "all" && o.status != "success" && o.status != "failed" && o.status != "unknown")
    throw UsageError("export: --status must be success, failed, unknown or all, not \"" + o.status + "\"");
  // RE2, not std::regex: a curator's pattern must not be able to blow the stack (std::regex recurses
  // per character) or take exponential time.
  std::unique_ptr<RE2> target_re;
  if (!o.target_regex.empty()) {
    RE2::Options re_options;
    re_options.set_case_sensitive(false);
    re_options.set_log_errors(false);
    target_re = std::make_unique<RE2>(o.target_regex, re_options);
    if (!target_re->ok())
      throw UsageError("export: --target is not a valid regular expression: " + target_re->error());
  }
  const std::string method_filter = ascii_lower(o.method);
  std::error_code ec;
  std::filesystem::create_directories(o.out_dir, ec);
  if (ec) throw Error(o.out_dir.string() + ": cannot create output directory: " + ec.message());

  // Consistency: every row of the export comes from ONE committed state, even while ingest writes
  // (WAL). A read transaction is a snapshot; several connections (one per reader thread) get the
  // same snapshot by starting their read transactions while `gate` holds the write lock, so that no
  // commit can fall between them. The lock is held for milliseconds (writers wait through their busy
  // timeout). Without the lock (read-only file, a writer holding it for long), one connection reads.
  int threads = o.threads > 0 ? o.threads
                              : static_cast<int>(std::max(1u, std::min(4u, std::thread::hardware_concurrency())));
  const bool file_db = !db.path().empty() && db.path() != ":memory:";
  // Small exports are not worth the threads (an explicit o.threads is obeyed: tests use it). Decided
  // before the gate, so that the usual small export never takes the write lock nor waits for an
  // ingest's transaction; this count is outside the snapshot, which only needs to agree with itself.
  constexpr int64_t kThreadedFrom = 20000;
  if (o.threads <= 0 && threads > 1) {
    auto st = db.prepare("SELECT count(*) FROM syntheses");
    st.step();
    if (st.column_int(0) < kThreadedFrom) threads = 1;
  }
  std::unique_ptr<Database> gate;
  std::unique_ptr<Transaction> gate_tx;
  if (threads > 1 && file_db) {
    try {
      OpenOptions go;
      go.migrate = false;
      go.busy_timeout_ms = 5000;
      gate = std::make_unique<Database>(db.path(), go);
      gate_tx = std::make_unique<Transaction>(*gate, Transaction::Mode::kImmediate);
    } catch (const std::exception&) {
      gate_tx.reset();
      gate.reset();
      threads = 1;
    }
  } else {
    threads = 1;
  }
  Transaction snapshot(db, Transaction::Mode::kDeferred);
  int64_t record_count = 0;
  {
    auto st = db.prepare("SELECT count(*) FROM syntheses");  // the first read starts the snapshot
    st.step();
    record_count = st.column_int(0);
  }
  if (o.threads <= 0 && record_count < kThreadedFrom) threads = 1;  // it shrank below since the count
  threads = static_cast<int>(std::max<int64_t>(1, std::min<int64_t>(threads, record_count)));
  std::vector<std::unique_ptr<Database>> reader_dbs;
  std::vector<std::unique_ptr<Transaction>> reader_txs;
  if (threads > 1) {
    OpenOptions ro;
    ro.migrate = false;
    ro.read_only = true;
    for (int t = 1; t < threads; ++t) {
      reader_dbs.push_back(std::make_unique<Database>(db.path(), ro));
      reader_txs.push_back(std::make_unique<Transaction>(*reader_dbs.back(), Transaction::Mode::kDeferred));
      auto st = reader_dbs.back()->prepare("SELECT count(*) FROM syntheses");
      st.step();
      if (st.column_int(0) != record_count)  // cannot happen while the gate is held
        throw DbError(db.path().string() + ": export: reader snapshots differ");
    }
  }
  gate_tx.reset();  // rolls back: releases the write lock; the snapshots stay
  gate.reset();

  std::unordered_map<int64_t, DocInfo> docs;
  {
    auto st = db.prepare("SELECT id, sha256, coalesce(doi,''), coalesce(title,''), year, coalesce(journal,''), path "
                         "FROM documents");
    while (st.step())
      docs[st.column_int(0)] = {st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(5),
                                st.column_text(6), st.column_optional_int(4)};
  }
  // Parts after the first of files holding several papers (document_parts, docs/pdf.md).
  std::map<std::pair<int64_t, int64_t>, PartInfo> paper_parts;
  {
    auto st = db.prepare(
        "SELECT document_id, part, coalesce(doi,''), coalesce(title,''), first_page FROM document_parts WHERE part > 1");
    while (st.step())
      paper_parts[{st.column_int(0), st.column_int(1)}] = {st.column_text(2), st.column_text(3), st.column_int(4)};
  }
  const CurationOverlay overlay(db);

  const auto& syn_cols = export_columns("syntheses.csv");
  // "Export files in it are replaced": the files of the other format are removed too, so that a
  // directory never holds a stale syntheses.csv next to a fresh syntheses.jsonl (or the reverse).
  {
    const std::vector<const char*> other = o.format == "csv"
        ? std::vector<const char*>{"syntheses.jsonl", "paragraphs.jsonl"}
        : std::vector<const char*>{"syntheses.csv", "materials.csv", "steps.csv", "outcomes.csv", "paragraphs.csv"};
    for (const char* name : other) {
      std::error_code rm;
      std::filesystem::remove(o.out_dir / name, rm);
      if (rm) throw Error((o.out_dir / name).string() + ": cannot remove stale export file: " + rm.message());
    }
  }
  std::unique_ptr<OutFile> f_syn, f_mat, f_step, f_out;
  if (o.format == "csv") {
    f_syn = std::make_unique<OutFile>(o.out_dir / "syntheses.csv");
    f_mat = std::make_unique<OutFile>(o.out_dir / "materials.csv");
    f_step = std::make_unique<OutFile>(o.out_dir / "steps.csv");
    f_out = std::make_unique<OutFile>(o.out_dir / "outcomes.csv");
    write_csv_header(*f_syn, syn_cols);
    write_csv_header(*f_mat, kMaterialColumns);
    write_csv_header(*f_step, kStepColumns);
    write_csv_header(*f_out, kOutcomeColumns);
  } else {
    f_syn = std::make_unique<OutFile>(o.out_dir / "syntheses.jsonl");
  }

  // Versions of a file that was edited in place: every path the document was seen under now holds a
  // newer ok document. A trainer wants each paper once, in its current version, so these are left
  // out (docs/operations.md). The rule is the view superseded_documents (schema/011_abs_paths.sql and
  // 019: ties on last_seen go to the later sighting, seen_order; two spellings are one file unless both
  // absolute paths are known and differ), so the curated views, `stats`, `search` and the export
  // cannot disagree; export runs on a migrated database, which always has it. The view also lists
  // withdrawn documents, counted on their own below.
  std::unordered_set<int64_t> superseded;
  {
    auto st = db.prepare("SELECT id FROM superseded_documents EXCEPT SELECT id FROM withdrawn_documents");
    while (st.step()) superseded.insert(st.column_int(0));
  }
  // Documents an operator withdrew (`synthdb remove`, schema v8) are left out the same way.
  std::unordered_set<int64_t> withdrawn;
  {
    auto st = db.prepare("SELECT id FROM documents WHERE substr(retired, 1, 11) = 'withdrawn: '");
    while (st.step()) withdrawn.insert(st.column_int(0));
  }

  // Byte-different copies of one paper: papers (a document's part; part 1: the whole of a one-paper
  // file) of ok documents (not superseded) with the same DOI and exactly the same paragraph texts in
  // order (kind 'other' aside), as `stats` lists them (duplicate_documents), so that a paper stored
  // alone and as part 2 of an issue PDF is one paper. One copy per group is exported: of the copies with a live record,
  // the one with curator edits (its keys carry value edits or added records; deletes and restores do
  // not count), else a part 1 before a later part, then the first seen (earliest run, then path); the
  // others go to `duplicates` with the copy kept: duplicate_copies(), i.e. the view duplicate_parts,
  // which the curated views use too. An SI or a corrected version differs in text and stays. Only DOIs
  // held by 2+ papers are read, so the usual export reads nothing.
  std::vector<DuplicateCopy> duplicates;
  std::set<std::pair<int64_t, int64_t>> duplicate_papers;  // (document id, part)
  if (!o.keep_duplicates)
    for (const DuplicateCopy& c : duplicate_copies(db)) duplicates.push_back(c), duplicate_papers.emplace(c.id, c.part);

  // One record as read, with its rows.
  struct Item {
    SynRow s;
    std::vector<MatRow> mats;
    std::vector<StepRow> steps;
    std::vector<OutRow> outs;
  };
  // A run of consecutive records and their formatted output (csv: syntheses, materials, steps,
  // outcomes; jsonl: syntheses.jsonl in out[0]).
  struct Batch {
    std::vector<Item> items;
    std::array<std::string, 4> out;
    PartResult part;
  };

  // Curates, filters and formats one batch. Pure function of the batch and the read-only shared
  // state (documents, overlay, options), so batches can be formatted on any thread.
  auto format_batch = [&](Batch& batch) {
    std::vector<Cell> cells, child;
    cells.reserve(syn_cols.size());
    std::deque<std::string> arena;  // storage for joined strings referenced by cells of one row
    auto& groups = batch.part.groups;
    auto& exported_docs = batch.part.docs;
    ExportSummary& sum = batch.part.sum;

    for (Item& item : batch.items) {
      SynRow& s = item.s;
      auto& mrows = item.mats;
      auto& srows = item.steps;
      auto& orows = item.outs;
      if (s.document_id && (superseded.count(*s.document_id) || withdrawn.count(*s.document_id) ||
                            duplicate_papers.count({*s.document_id, s.part.value_or(1)})))
        continue;
      if (!overlay.empty()) {
        if (overlay.deleted(s.key)) continue;
        curate(overlay, s);
        auto gone = [&](const auto& r) { return overlay.deleted(r.item_key); };
        const size_t materials_before = mrows.size();
        mrows.erase(std::remove_if(mrows.begin(), mrows.end(), gone), mrows.end());
        srows.erase(std::remove_if(srows.begin(), srows.end(), gone), srows.end());
        orows.erase(std::remove_if(orows.begin(), orows.end(), gone), orows.end());
        bool materials_touched = mrows.size() != materials_before;
        for (auto& r : mrows) curate(overlay, r), s.curated |= r.curated, materials_touched |= r.curated;
        if (materials_touched) recompute_ratios(mrows);
        bool steps_timed = false;
        for (auto& r : srows) curate(overlay, r), s.curated |= r.curated, steps_timed |= r.temperature_edited || r.time_edited;
        for (auto& r : orows) curate(overlay, r), s.curated |= r.curated;
        if (s.edited_conditions || steps_timed) follow_conditions(s, srows);
        // A variant of a deleted base (curate delete without --cascade) has no parent to point to.
        if (!s.parent_key.empty() && overlay.deleted(s.parent_key)) s.parent_key.clear();
      }
      // Filters see curated values.
      if (o.status != "all" && s.status != o.status) continue;
      if (!method_filter.empty() && ascii_lower(s.method) != method_filter) continue;
      if (o.min_confidence && s.confidence < *o.min_confidence) continue;
      if (target_re && !RE2::PartialMatch(s.target, *target_re) && !RE2::PartialMatch(s.target_formula, *target_re))
        continue;

      const DocInfo* doc = nullptr;
      if (s.document_id) {
        auto it = docs.find(*s.document_id);
        if (it != docs.end()) doc = &it->second;
      }
      std::string group = doc ? doc->sha256 : "manual:" + (s.source.empty() ? s.key : s.source);
      // A record of a later paper in a file holding several gives that paper's DOI and title.
      const int64_t part = doc ? s.part.value_or(1) : 1;
      const PartInfo* paper = nullptr;
      if (doc && part > 1)
        if (auto it = paper_parts.find({*s.document_id, part}); it != paper_parts.end()) paper = &it->second;
      DocCount& g = groups[group];
      PaperCount& pc = g.parts[part];
      if (pc.syntheses == 0) {
        // Split by paper: the same paper stored as two files (same DOI), or as a file and a part of
        // another file, never lands in two splits.
        pc.paper = split_unit(paper ? paper->doi : doc ? doc->doi : std::string(), group, part);
        pc.split = split_of(pc.paper, o.split, o.seed);
      }
      ++g.syntheses;
      ++pc.syntheses;
      if (doc) exported_docs.insert(*s.document_id);

      // Wide columns.
      arena.clear();
      auto keep = [&](std::string v) -> std::string_view { return arena.emplace_back(std::move(v)); };
      OptD max_t, heating_rate;
      std::string_view atmosphere;
      std::string ops;
      // A hand-added record may give a condition no step holds (growth_temperature_c 270 with a
      // 240 °C injection step: review s21-ux, item 2); an extracted record's come from its steps.
      for (const OptD* t : {&s.inj_t, &s.growth_t, &s.reaction_t})
        if (*t && std::isfinite(**t) && (!max_t || **t > *max_t)) max_t = *t;
      for (const auto& st : srows) {
        if (st.temperature_c && (!max_t || *st.temperature_c > *max_t)) max_t = st.temperature_c;
        if (!heating_rate && st.heating_rate) heating_rate = st.heating_rate;
        if (atmosphere.empty() && !st.atmosphere.empty()) atmosphere = st.atmosphere;
        if (!ops.empty()) ops += ';';
        ops += st.operation.empty() ? "other" : st.operation;
      }
      auto material_name = [](const MatRow& m) -> const std::string& { return m.normalized.empty() ? m.name : m.normalized; };
      std::vector<const MatRow*> precursors;
      for (const auto& m : mrows)
        if (m.role == "precursor") precursors.push_back(&m);
      std::string pnames;
      OptD pmoles;
      bool pmoles_complete = true;  // every precursor has moles: pmoles is not a partial sum
      for (const auto* m : precursors) {
        if (!pnames.empty()) pnames += ';';
        pnames += material_name(*m);
        add(pmoles, m->moles);
        if (!m->moles) pmoles_complete = false;
      }
      cells.clear();
      cells.push_back(text(s.key));
      cells.push_back(text(s.parent_key));
      cells.push_back(integer(s.variant));
      cells.push_back(text(s.origin));
      cells.push_back(text(doc ? std::string_view(doc->sha256) : std::string_view()));
      cells.push_back(text(paper ? std::string_view(paper->doi) : doc ? std::string_view(doc->doi) : std::string_view()));
      cells.push_back(
          text(paper ? std::string_view(paper->title) : doc ? std::string_view(doc->title) : std::string_view()));
      // documents.year/journal are the file's first paper's; a later paper's are not stored (empty).
      const DocInfo* file_paper = paper ? nullptr : doc;
      cells.push_back(file_paper ? opt_int(file_paper->year) : Cell{});
      cells.push_back(text(file_paper ? std::string_view(file_paper->journal) : std::string_view()));
      cells.push_back(text(s.source));
      cells.push_back(text(s.paragraphs));
      cells.push_back(text(pc.split));
      cells.push_back(text(s.target));
      cells.push_back(text(s.target_formula));
      cells.push_back(text(s.sample_label));
      cells.push_back(text(s.method));
      cells.push_back(text(s.status));
      cells.push_back(text(s.failure_cue));
      cells.push_back(num(s.confidence));
      cells.push_back(integer(s.curated ? 1 : 0));
      cells.push_back(num(s.inj_t));
      cells.push_back(num(s.inj_time));
      cells.push_back(num(s.growth_t));
      cells.push_back(num(s.growth_time));
      cells.push_back(num(s.reaction_t));
      cells.push_back(num(s.reaction_time));
      cells.push_back(num(max_t));
      cells.push_back(num(heating_rate));
      cells.push_back(text(atmosphere));
      cells.push_back(integer(static_cast<int64_t>(srows.size())));
      cells.push_back(text(keep(std::move(ops))));
      cells.push_back(integer(static_cast<int64_t>(precursors.size())));
      cells.push_back(text(keep(std::move(pnames))));
      cells.push_back(num(pmoles));
      for (int i = 0; i < kPrecursorColumns; ++i) {
        if (i < static_cast<int>(precursors.size())) {
          const MatRow& m = *precursors[i];
          cells.push_back(text(material_name(m)));
          cells.push_back(text(m.formula));
          cells.push_back(num(m.amount_value));
          cells.push_back(text(m.amount_unit));
          cells.push_back(num(m.moles));
          cells.push_back(num(m.molar_ratio));
        } else {
          cells.insert(cells.end(), 6, Cell{});
        }
      }
      for (const char* role : kRoles) {
        int64_t count = 0;
        std::string names;
        OptD moles, mass, volume, ratio;
        for (const auto& m : mrows) {
          if (m.role != role) continue;
          ++count;
          if (!names.empty()) names += ';';
          names += material_name(m);
          add(moles, m.moles);
          add(ratio, m.molar_ratio);
          if (m.quantity == "mass" && m.amount_unit == "g") add(mass, m.amount_value);
          if (m.quantity == "volume" && m.amount_unit == "mL") add(volume, m.amount_value);
        }
        cells.push_back(integer(count));
        cells.push_back(text(keep(std::move(names))));
        cells.push_back(num(moles));
        cells.push_back(num(mass));
        cells.push_back(num(volume));
        cells.push_back(num(ratio));
      }
      // Best outcome per type: highest confidence, then first mentioned.
      auto best = [&](std::string_view type, std::string_view unit = {}) -> const OutRow* {
        const OutRow* b = nullptr;
        for (const auto& r : orows)
          if (r.type == type && (unit.empty() || r.unit == unit) && (!b || r.confidence > b->confidence)) b = &r;
        return b;
      };
      auto value_of = [](const OutRow* r) -> OptD { return r ? r->value : std::nullopt; };
      const OutRow* size = best("size");
      cells.push_back(num(value_of(size)));
      cells.push_back(num(size ? size->sd : std::nullopt));
      cells.push_back(text(size ? std::string_view(size->dimension) : std::string_view()));
      const OutRow* morph = best("morphology");
      cells.push_back(text(morph ? std::string_view(morph->text_value) : std::string_view()));
      const OutRow* phase = best("phase");
      cells.push_back(text(phase ? std::string_view(phase->text_value) : std::string_view()));
      cells.push_back(num(value_of(best("pl_peak"))));
      cells.push_back(num(value_of(best("fwhm", "meV"))));
      cells.push_back(num(value_of(best("fwhm", "nm"))));
      cells.push_back(num(value_of(best("plqy"))));
      cells.push_back(num(value_of(best("band_gap"))));
      cells.push_back(num(value_of(best("absorption_peak"))));
      cells.push_back(num(value_of(best("yield"))));
      cells.push_back(integer(static_cast<int64_t>(orows.size())));
      OptD min_conf;
      for (const auto& r : orows)
        if (!min_conf || r.confidence < *min_conf) min_conf = r.confidence;
      cells.push_back(num(min_conf));
      cells.push_back(text(s.pages));
      cells.push_back(text(reaction_atmosphere(srows, s.reaction_t)));
      cells.push_back(precursors.empty() ? Cell{} : integer(pmoles_complete ? 1 : 0));
      cells.push_back(opt_int(s.target_paragraph));
      cells.push_back(opt_int(s.target_start));
      cells.push_back(opt_int(s.target_end));
      cells.push_back(opt_int(s.failure_paragraph));
      cells.push_back(opt_int(s.failure_start));
      cells.push_back(opt_int(s.failure_end));
      cells.push_back(doc ? integer(s.part.value_or(1)) : Cell{});
      if (cells.size() != syn_cols.size())
        throw Error("export: internal error: " + std::to_string(cells.size()) + " cells for " +
                    std::to_string(syn_cols.size()) + " columns");

      ++sum.syntheses;
      ++sum.by_status[s.status];
      if (!pc.split.empty()) ++sum.by_split[pc.split];
      sum.materials += static_cast<int64_t>(mrows.size());
      sum.steps += static_cast<int64_t>(srows.size());
      sum.outcomes += static_cast<int64_t>(orows.size());
      // Paragraphs this record cites (its `paragraphs`, its target and failure cue spans and every span
      // column of its rows), for paragraphs.csv; deduplicated per record here and over the export at the end.
      if (doc) {
        std::vector<int64_t> cited;
        auto cite = [&](const std::optional<int64_t>& p) {
          if (p) cited.push_back(*p);
        };
        for (int64_t ordinal : paragraph_ordinals(s.paragraphs)) cited.push_back(ordinal);
        cite(s.target_paragraph), cite(s.failure_paragraph);
        for (const auto& m : mrows) cite(m.paragraph), cite(m.amount_paragraph);
        for (const auto& r : srows) cite(r.paragraph), cite(r.temperature_paragraph), cite(r.time_paragraph);
        for (const auto& r : orows) cite(r.paragraph);
        std::sort(cited.begin(), cited.end());
        cited.erase(std::unique(cited.begin(), cited.end()), cited.end());
        for (int64_t p : cited) batch.part.paragraphs.emplace_back(*s.document_id, p);
      }

      auto mat_cells = [&](const MatRow& m) {
        child = {text(s.key),    integer(m.ordinal),  text(m.item_key),      text(m.name),
                 text(m.normalized), text(m.formula), text(m.role),          num(m.amount_value),
                 text(m.amount_unit), text(m.quantity), num(m.moles),        num(m.molar_ratio),
                 integer(m.curated), opt_int(m.paragraph), opt_int(m.start), opt_int(m.end),
                 opt_int(m.page), opt_int(m.amount_paragraph), opt_int(m.amount_start), opt_int(m.amount_end)};
      };
      auto step_cells = [&](const StepRow& r) {
        child = {text(s.key),        integer(r.ordinal), text(r.item_key), text(r.operation),
                 num(r.temperature_c), num(r.time_s),    num(r.heating_rate), text(r.atmosphere),
                 integer(r.curated), opt_int(r.paragraph), opt_int(r.start), opt_int(r.end),
                 opt_int(r.page), opt_int(r.temperature_paragraph), opt_int(r.temperature_start),
                 opt_int(r.temperature_end), opt_int(r.time_paragraph), opt_int(r.time_start), opt_int(r.time_end)};
      };
      auto out_cells = [&](const OutRow& r) {
        child = {text(s.key),       integer(r.ordinal), text(r.item_key),     text(r.type),
                 num(r.value),      text(r.unit),       num(r.sd),            text(r.text_value),
                 text(r.dimension), num(r.confidence),  integer(r.curated),   opt_int(r.paragraph),
                 opt_int(r.start),  opt_int(r.end),      opt_int(r.page)};
      };
      if (o.format == "csv") {
        write_csv_row(batch.out[0], cells);
        for (const auto& m : mrows) mat_cells(m), write_csv_row(batch.out[1], child);
        for (const auto& r : srows) step_cells(r), write_csv_row(batch.out[2], child);
        for (const auto& r : orows) out_cells(r), write_csv_row(batch.out[3], child);
      } else {
        json j = cells_to_json(syn_cols, cells);
        json jm = json::array(), js = json::array(), jo = json::array();
        for (const auto& m : mrows) mat_cells(m), jm.push_back(cells_to_json(kMaterialColumns, child));
        for (const auto& r : srows) step_cells(r), js.push_back(cells_to_json(kStepColumns, child));
        for (const auto& r : orows) out_cells(r), jo.push_back(cells_to_json(kOutcomeColumns, child));
        j["materials"] = std::move(jm);
        j["steps"] = std::move(js);
        j["outcomes"] = std::move(jo);
        // `paragraphs` and `pages` stay strings (the CSV columns' values, a contract); the same values as
        // JSON arrays, so that a JSON reader needs no second parse (kJsonlArrayFields).
        j["paragraph_ordinals"] = json::parse(s.paragraphs, nullptr, false);
        if (!j["paragraph_ordinals"].is_array()) j["paragraph_ordinals"] = json::array();
        j["paragraph_pages"] = json::parse(s.pages, nullptr, false);
        if (!j["paragraph_pages"].is_array()) j["paragraph_pages"] = json::array();
        batch.out[0] += j.dump(-1, ' ', false, json::error_handler_t::replace);
        batch.out[0] += '\n';
      }
    }
  };

  // Reading: records in key order (stable keys, not rowids, which follow the order ingest workers
  // finished in), so the same database content gives the same bytes whatever order it was ingested
  // in. Thread t reads the keys in [bounds[t], bounds[t+1]) on its own connection (same snapshot),
  // formats them into part files, and the parts are appended in order.
  std::vector<std::string> bounds = {std::string()};
  for (int t = 1; t < threads; ++t) {
    auto st = db.prepare("SELECT key FROM syntheses ORDER BY key LIMIT 1 OFFSET ?");
    st.bind(1, record_count * t / threads);
    if (st.step()) bounds.push_back(st.column_text(0));
  }
  bounds.push_back(std::string("\xff", 1));  // above every UTF-8 key (0xFF never occurs in UTF-8)
  threads = static_cast<int>(bounds.size()) - 1;

  constexpr size_t kBatchSize = 1024;
  auto run_range = [&](Database& pdb, const std::string& lo, const std::string& hi, std::array<OutFile*, 4> files,
                       PartResult& total) {
    auto syn = pdb.prepare(
        "SELECT id, key, coalesce(parent_key,''), variant, origin, coalesce(source,''), document_id, "
        "coalesce(target,''), coalesce(target_formula,''), coalesce(sample_label,''), coalesce(method,''), status, "
        "coalesce(failure_cue,''), confidence, injection_temperature_c, injection_time_s, growth_temperature_c, "
        "growth_time_s, reaction_temperature_c, reaction_time_s, paragraphs, target_paragraph, target_start, "
        "target_end, failure_paragraph, failure_start, failure_end FROM syntheses "
        "WHERE key >= ?1 AND key < ?2 ORDER BY key");
    syn.bind(1, lo).bind(2, hi);
    // CROSS JOIN keeps syntheses (by its key index) as the outer loop, so the child rows come in the
    // same key order as the records without a sort.
    ChildCursor<MatRow> mats(pdb,
                             "SELECT s.id, m.ordinal, m.item_key, coalesce(m.name,''), coalesce(m.normalized,''), "
                             "coalesce(m.formula,''), coalesce(m.role,''), m.amount_value, coalesce(m.amount_unit,''), "
                             "coalesce(m.quantity,''), m.moles, m.molar_ratio, m.paragraph, m.start, m.end, "
                             "m.amount_paragraph, m.amount_start, m.amount_end "
                             "FROM syntheses s CROSS JOIN synthesis_materials m ON m.synthesis_id = s.id "
                             "WHERE s.key >= ?1 AND s.key < ?2 ORDER BY s.key, m.ordinal",
                             lo, hi, read_mat);
    ChildCursor<StepRow> steps(pdb,
                               "SELECT s.id, t.ordinal, t.item_key, coalesce(t.operation,''), t.temperature_c, "
                               "t.time_s, t.heating_rate_c_per_min, coalesce(t.atmosphere,''), t.paragraph, t.start, "
                               "t.end, t.temperature_paragraph, t.temperature_start, t.temperature_end, "
                               "t.time_paragraph, t.time_start, t.time_end, t.supplies FROM syntheses s CROSS JOIN synthesis_steps t ON t.synthesis_id = s.id "
                               "WHERE s.key >= ?1 AND s.key < ?2 ORDER BY s.key, t.ordinal",
                               lo, hi, read_step);
    ChildCursor<OutRow> outs(pdb,
                             "SELECT s.id, u.ordinal, u.item_key, u.type, u.value, coalesce(u.unit,''), u.sd, "
                             "coalesce(u.text_value,''), coalesce(u.dimension,''), u.confidence, u.paragraph, "
                             "u.start, u.end FROM syntheses s CROSS JOIN outcomes u ON u.synthesis_id = s.id "
                             "WHERE s.key >= ?1 AND s.key < ?2 ORDER BY s.key, u.ordinal",
                             lo, hi, read_outcome);
    // Pages of the current record's document: records of one document are adjacent in key order
    // (the key starts with the document hash), so this is one query per document.
    auto pages_st = pdb.prepare("SELECT ordinal, page, part FROM paragraphs WHERE document_id = ?1");
    std::optional<int64_t> pages_doc;
    std::unordered_map<int64_t, int64_t> page_of, part_of;
    auto set_pages = [&](Item& item) {
      const std::optional<int64_t>& doc = item.s.document_id;
      if (doc != pages_doc) {
        pages_doc = doc;
        page_of.clear();
        part_of.clear();
        if (doc) {
          pages_st.reset();
          pages_st.bind(1, *doc);
          while (pages_st.step()) {
            page_of[pages_st.column_int(0)] = pages_st.column_int(1);
            part_of[pages_st.column_int(0)] = pages_st.column_int(2);
          }
        }
      }
      auto page = [&](const std::optional<int64_t>& paragraph) -> std::optional<int64_t> {
        if (!paragraph) return std::nullopt;
        auto it = page_of.find(*paragraph);
        return it == page_of.end() ? std::nullopt : std::optional<int64_t>(it->second);
      };
      for (auto& m : item.mats) m.page = page(m.paragraph);
      for (auto& r : item.steps) r.page = page(r.paragraph);
      for (auto& r : item.outs) r.page = page(r.paragraph);
      // `paragraphs` is a JSON array of ordinals ("[12,14]"); `pages` follows it element by element.
      if (!doc) return;
      std::string pages = "[";
      for (int64_t ordinal : paragraph_ordinals(item.s.paragraphs)) {
        if (!item.s.part)
          if (auto it = part_of.find(ordinal); it != part_of.end()) item.s.part = it->second;
        if (pages.size() > 1) pages += ',';
        auto pg = page(ordinal);
        pages += pg ? std::to_string(*pg) : "null";
      }
      item.s.pages = pages + "]";
    };
    bool syn_done = false;  // a finished statement must not be stepped again (SQLite would re-run it)
    Batch batch;
    for (;;) {
      batch.items.clear();
      while (!syn_done && batch.items.size() < kBatchSize) {
        if (!syn.step()) {
          syn_done = true;
          break;
        }
        Item& item = batch.items.emplace_back();
        SynRow& s = item.s;
        s.id = syn.column_int(0);
        s.key = syn.column_text(1);
        s.parent_key = syn.column_text(2);
        s.variant = syn.column_int(3);
        s.origin = syn.column_text(4);
        s.source = syn.column_text(5);
        s.document_id = syn.column_optional_int(6);
        s.target = syn.column_text(7);
        s.target_formula = syn.column_text(8);
        s.sample_label = syn.column_text(9);
        s.method = syn.column_text(10);
        s.status = syn.column_text(11);
        s.failure_cue = syn.column_text(12);
        s.confidence = syn.column_double(13);
        s.inj_t = syn.column_optional_double(14);
        s.inj_time = syn.column_optional_double(15);
        s.growth_t = syn.column_optional_double(16);
        s.growth_time = syn.column_optional_double(17);
        s.reaction_t = syn.column_optional_double(18);
        s.reaction_time = syn.column_optional_double(19);
        s.paragraphs = syn.column_text(20);
        s.target_paragraph = syn.column_optional_int(21);
        s.target_start = syn.column_optional_int(22);
        s.target_end = syn.column_optional_int(23);
        s.failure_paragraph = syn.column_optional_int(24);
        s.failure_start = syn.column_optional_int(25);
        s.failure_end = syn.column_optional_int(26);
        mats.take(s.id, item.mats);
        steps.take(s.id, item.steps);
        outs.take(s.id, item.outs);
        set_pages(item);
      }
      if (batch.items.empty()) break;
      for (auto& out : batch.out) out.clear();
      batch.part = PartResult{};
      format_batch(batch);
      for (size_t i = 0; i < files.size(); ++i)
        if (files[i] && !batch.out[i].empty()) {
          files[i]->buf() += batch.out[i];
          files[i]->maybe_flush();
        }
      merge_part(total, batch.part);
    }
  };

  const std::vector<std::string> names = o.format == "csv"
      ? std::vector<std::string>{"syntheses.csv", "materials.csv", "steps.csv", "outcomes.csv"}
      : std::vector<std::string>{"syntheses.jsonl"};
  std::vector<std::array<std::unique_ptr<OutFile>, 4>> part_files(threads);
  std::vector<std::array<std::filesystem::path, 4>> part_paths(threads);
  part_files[0][0] = std::move(f_syn);
  part_files[0][1] = std::move(f_mat);
  part_files[0][2] = std::move(f_step);
  part_files[0][3] = std::move(f_out);
  auto remove_parts = [&] {
    for (int t = 1; t < threads; ++t)
      for (auto& p : part_paths[t])
        if (!p.empty()) std::filesystem::remove(p, ec);
  };
  std::vector<PartResult> parts(threads);
  std::vector<std::exception_ptr> errors(threads);
  auto files_of = [&](int t) {
    std::array<OutFile*, 4> f{};
    for (int i = 0; i < 4; ++i) f[i] = part_files[t][i].get();
    return f;
  };
  try {
    for (int t = 1; t < threads; ++t)
      for (size_t i = 0; i < names.size(); ++i) {
        part_paths[t][i] = o.out_dir / (".part" + std::to_string(t) + "-" + names[i]);
        part_files[t][i] = std::make_unique<OutFile>(part_paths[t][i]);
      }
  } catch (...) {
    remove_parts();
    throw;
  }
  std::vector<std::thread> workers;
  for (int t = 1; t < threads; ++t)
    workers.emplace_back([&, t] {
      try {
        run_range(*reader_dbs[t - 1], bounds[t], bounds[t + 1], files_of(t), parts[t]);
      } catch (...) {
        errors[t] = std::current_exception();
      }
    });
  try {
    run_range(db, bounds[0], bounds[1], files_of(0), parts[0]);
  } catch (...) {
    errors[0] = std::current_exception();
  }
  for (auto& w : workers) w.join();
  for (int t = 1; t < threads; ++t)
    for (auto& f : part_files[t])
      if (f) f->close();
  for (auto& e : errors)
    if (e) {
      remove_parts();
      std::rethrow_exception(e);
    }
  for (int t = 1; t < threads; ++t)
    for (size_t i = 0; i < names.size(); ++i) append_file(*part_files[0][i], part_paths[t][i]);
  remove_parts();
  for (auto& f : part_files[0])
    if (f) f->close();
  reader_txs.clear();  // read-only: nothing to commit

  PartResult total;
  for (const auto& part : parts) merge_part(total, part);
  ExportSummary& sum = total.sum;
  std::map<std::string, DocCount>& groups = total.groups;
  std::set<int64_t>& exported_docs = total.docs;
  if (o.format == "csv") {
    for (const char* n : {"syntheses.csv", "materials.csv", "steps.csv", "outcomes.csv"}) sum.files.push_back(o.out_dir / n);
  } else {
    sum.files.push_back(o.out_dir / "syntheses.jsonl");
  }
  sum.documents = static_cast<int64_t>(exported_docs.size());

  // paragraphs.csv / paragraphs.jsonl: the text of every paragraph an exported row cites, ordered by
  // document sha256 and paragraph ordinal; read in the same snapshot as the records.
  {
    std::vector<std::pair<int64_t, int64_t>>& cited = total.paragraphs;
    std::sort(cited.begin(), cited.end(), [&](const auto& a, const auto& b) {
      const std::string& sa = docs[a.first].sha256;
      const std::string& sb = docs[b.first].sha256;
      return sa != sb ? sa < sb : a.first != b.first ? a.first < b.first : a.second < b.second;
    });
    cited.erase(std::unique(cited.begin(), cited.end()), cited.end());
    const std::string name = o.format == "csv" ? "paragraphs.csv" : "paragraphs.jsonl";
    OutFile f(o.out_dir / name);
    if (o.format == "csv") write_csv_header(f, kParagraphColumns);
    auto st = db.prepare("SELECT page, kind, section, text, part FROM paragraphs WHERE document_id = ?1 AND ordinal = ?2");
    std::vector<Cell> cells;
    for (const auto& [doc_id, ordinal] : cited) {
      st.reset();
      st.bind(1, doc_id).bind(2, ordinal);
      if (!st.step()) continue;  // a span into a paragraph the database does not hold (plain SQL)
      const std::string kind = st.column_text(1), section = st.column_text(2), body = st.column_text(3);
      cells = {text(docs[doc_id].sha256), integer(ordinal), integer(st.column_int(0)), text(kind), text(section),
               text(body), integer(st.column_int(4))};
      if (o.format == "csv") {
        write_csv_row(f.buf(), cells);
      } else {
        f.buf() += cells_to_json(kParagraphColumns, cells).dump(-1, ' ', false, json::error_handler_t::replace);
        f.buf() += '\n';
      }
      f.maybe_flush();
      ++sum.paragraphs;
    }
    f.close();
    sum.files.push_back(o.out_dir / name);
  }
  // A duplicate counts as skipped only when the copy kept for it has records that match the filters
  // (the copies hold the same records): "--method microfluidic" matching nothing skips nothing.
  auto kept_exported = [&](const DuplicateCopy& d) {
    auto g = groups.find(docs[d.kept].sha256);
    return g != groups.end() && g->second.parts.count(d.kept_part) > 0;
  };
  duplicates.erase(std::remove_if(duplicates.begin(), duplicates.end(), std::not_fn(kept_exported)), duplicates.end());
  sum.duplicates_skipped = static_cast<int64_t>(duplicates.size());

  // Every split is named in the counts, an empty one with 0 (review s21-ux, item 3: pandas users
  // indexing counts["test"] got a KeyError), and an empty split is a warning: a set of few papers
  // can fall into one split whatever the fractions.
  std::map<std::string, int64_t> papers_by_split;
  if (!o.split.empty()) {
    std::map<std::string, std::string> split_of_paper;
    for (const auto& [group, count] : groups)
      for (const auto& [part, paper] : count.parts) split_of_paper[paper.paper] = paper.split;
    for (const std::string& name : split_names(o.split.size())) {
      sum.by_split.emplace(name, 0);
      papers_by_split.emplace(name, 0);
    }
    for (const auto& [paper, split] : split_of_paper) ++papers_by_split[split];
    // A fraction of 0 empties its split whatever the seed: say so instead of advising another seed.
    std::set<std::string> zero_fraction;
    for (size_t i = 0; i < o.split.size(); ++i)
      if (o.split[i] == 0) zero_fraction.insert(split_names(o.split.size())[i]);
    if (sum.syntheses > 0) {
      for (const auto& [name, n] : sum.by_split) {
        if (n != 0) continue;
        if (zero_fraction.count(name))
          sum.warnings.push_back("split \"" + name + "\" is empty: its fraction is 0");
        else
          sum.warnings.push_back("split \"" + name + "\" is empty: the " + std::to_string(split_of_paper.size()) +
                                 (split_of_paper.size() == 1 ? " paper" : " papers") +
                                 " of this export all fell into other splits (splits are by paper; try another "
                                 "--seed or export more papers)");
      }
    }
  }

  // dataset.json
  json ds;
  ds["name"] = "synthdb synthesis records";
  ds["created_at"] = o.created_at.empty() ? utc_now() : o.created_at;
  ds["synthdb_version"] = synthdb_version();
  ds["schema_version"] = db.schema_version();
  ds["database"] = db.path().string();
  ds["format"] = o.format;
  if (!o.command_line.empty()) ds["command"] = o.command_line;
  ds["filters"] = {{"status", o.status},
                   {"method", o.method.empty() ? json(nullptr) : json(o.method)},
                   {"target_regex", o.target_regex.empty() ? json(nullptr) : json(o.target_regex)},
                   {"min_confidence", o.min_confidence ? json(*o.min_confidence) : json(nullptr)},
                   {"keep_duplicates", o.keep_duplicates}};
  if (!o.split.empty())
    ds["split"] = {{"by", "paper"}, {"fractions", o.split}, {"seed", o.seed}, {"counts", sum.by_split},
                   {"papers", papers_by_split},
                   {"method", "FNV-1a(paper) mixed with the seed, compared with cumulative fractions; paper = "
                              "\"doi:\" + lower-case DOI of the record's paper (its part of the file) when known, else the document "
                              "sha256, + \"#p<part>\" for a later part of a file holding several papers (manual "
                              "records: manual:<source or key>)"}};
  if (!sum.warnings.empty()) ds["warnings"] = sum.warnings;
  ds["counts"] = {{"syntheses", sum.syntheses}, {"materials", sum.materials}, {"steps", sum.steps},
                  {"outcomes", sum.outcomes},   {"documents", sum.documents}, {"by_status", sum.by_status},
                  {"paragraphs", sum.paragraphs},
                  {"groups", groups.size()}, {"superseded_documents_left_out", superseded.size()},
                  {"duplicate_documents_left_out", duplicates.size()},
                  {"withdrawn_documents_left_out", withdrawn.size()}};
  if (!duplicates.empty()) {
    // Which copies were left out and which copy of each was exported (stats: duplicate_documents), by
    // sha256 then path, then part: row ids follow the order documents were stored in, so the same
    // shards merged in another order listed the same copies in another order (s27 persona walk).
    // `part`/`kept_part` name the paper of each file (1: a one-paper file); `doi` is the paper's.
    std::sort(duplicates.begin(), duplicates.end(), [&](const DuplicateCopy& a, const DuplicateCopy& b) {
      const DocInfo &x = docs[a.id], &y = docs[b.id];
      return std::tie(x.sha256, x.path, a.part) < std::tie(y.sha256, y.path, b.part);
    });
    auto doi_of = [&](int64_t id, int64_t part) {
      auto it = paper_parts.find({id, part});
      return part > 1 && it != paper_parts.end() ? it->second.doi : docs[id].doi;
    };
    json left = json::array();
    for (const DuplicateCopy& d : duplicates)
      left.push_back({{"sha256", docs[d.id].sha256}, {"path", docs[d.id].path}, {"doi", doi_of(d.id, d.part)},
                      {"kept_sha256", docs[d.kept].sha256}, {"kept_path", docs[d.kept].path}, {"part", d.part},
                      {"kept_part", d.kept_part}});
    ds["duplicate_documents_left_out"] = std::move(left);
  }
  {
    json pv = json::array(), mv = json::array();
    auto st = db.prepare("SELECT DISTINCT pipeline_version FROM documents WHERE status = 'ok' ORDER BY 1");
    while (st.step()) pv.push_back(st.column_text(0));
    auto ms = db.prepare("SELECT DISTINCT model_version FROM paragraphs WHERE model_version IS NOT NULL "
                         "AND model_version <> '' ORDER BY 1");
    while (ms.step()) mv.push_back(ms.column_text(0));
    ds["versions"] = {{"synthdb", synthdb_version()}, {"pipeline", pv}, {"models", mv}};
  }
  json files = json::object();
  auto describe = [](const std::vector<ColumnSpec>& cols) {
    json a = json::array();
    for (const auto& c : cols) {
      json col = {{"name", c.name}, {"type", c.type}, {"meaning", c.meaning}};
      if (!c.unit.empty()) col["unit"] = c.unit;
      a.push_back(col);
    }
    return a;
  };
  if (o.format == "csv") {
    files["syntheses.csv"] = {{"rows", sum.syntheses}, {"key", "synthesis_id"}, {"columns", describe(syn_cols)}};
    // A record's rows repeat its synthesis_id: the row key is (synthesis_id, ordinal), and item_key
    // alone names the row too (the curation key), as docs/records.md says (review s21-ux, item 5).
    const char* row_key = "synthesis_id, ordinal, item_key";
    files["materials.csv"] = {{"rows", sum.materials}, {"key", row_key}, {"references", "syntheses.csv synthesis_id"},
                              {"columns", describe(kMaterialColumns)}};
    files["steps.csv"] = {{"rows", sum.steps}, {"key", row_key}, {"references", "syntheses.csv synthesis_id"},
                          {"columns", describe(kStepColumns)}};
    files["outcomes.csv"] = {{"rows", sum.outcomes}, {"key", row_key}, {"references", "syntheses.csv synthesis_id"},
                             {"columns", describe(kOutcomeColumns)}};
    files["paragraphs.csv"] = {{"rows", sum.paragraphs},
                               {"key", "document_sha256, paragraph"},
                               {"columns", describe(kParagraphColumns)}};
  } else {
    files["syntheses.jsonl"] = {{"rows", sum.syntheses},
                                {"key", "synthesis_id"},
                                {"columns", describe(syn_cols)},
                                {"arrays", describe(kJsonlArrayFields)},
                                {"materials", describe(kMaterialColumns)},
                                {"steps", describe(kStepColumns)},
                                {"outcomes", describe(kOutcomeColumns)}};
    files["paragraphs.jsonl"] = {{"rows", sum.paragraphs},
                                 {"key", "document_sha256, paragraph"},
                                 {"columns", describe(kParagraphColumns)}};
  }
  ds["files"] = files;
  ds["csv"] = {{"dialect", "RFC 4180"}, {"encoding", "UTF-8"}, {"line_end", "CRLF"}, {"missing", "empty cell"}};
  json sources = json::array();
  for (const auto& [group, count] : groups) {
    json d = {{"group", group}, {"syntheses", count.syntheses}};
    add_split(d, group, count);
    sources.push_back(std::move(d));
  }
  std::unordered_map<std::string, int64_t> id_of_sha;
  for (int64_t id : exported_docs) id_of_sha[docs[id].sha256] = id;
  for (auto& d : sources) {
    auto it = id_of_sha.find(d["group"].get<std::string>());
    if (it == id_of_sha.end()) continue;
    const DocInfo& info = docs[it->second];
    d["sha256"] = info.sha256;
    d["path"] = info.path;
    if (!info.doi.empty()) d["doi"] = info.doi;
    if (!info.title.empty()) d["title"] = info.title;
    if (info.year) d["year"] = *info.year;
    if (!info.journal.empty()) d["journal"] = info.journal;
    // The papers of the file, as `synthdb text --meta` gives them in meta.parts (s25-rec): part 1 is
    // the document's own DOI and title, later parts are document_parts rows. Every document lists
    // its parts, a one-paper file the one element, so a reader never needs a fallback.
    json papers = json::array();
    papers.push_back({{"part", 1}, {"first_page", 1}, {"doi", info.doi}, {"title", info.title}});
    for (auto p = paper_parts.lower_bound({it->second, 2}); p != paper_parts.end() && p->first.first == it->second; ++p)
      papers.push_back({{"part", p->first.second},
                        {"first_page", p->second.first_page},
                        {"doi", p->second.doi},
                        {"title", p->second.title}});
    d["parts"] = std::move(papers);
  }
  ds["source_documents"] = std::move(sources);
  {
    OutFile f(o.out_dir / "dataset.json");
    f.buf() = ds.dump(2, ' ', false, json::error_handler_t::replace);
    f.buf() += '\n';
    f.close();
  }
  sum.files.push_back(o.out_dir / "dataset.json");
  snapshot.commit();
  return sum;
}

}  // namespace synthdb::db
