#include "extract/rules/tables.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <string>

#include "extract/rules/text.h"

namespace synthdb::rules {

namespace {

using namespace std::string_view_literals;
constexpr size_t npos = std::string_view::npos;

// Length of a caption head at `p` ("Table 1 ", "Table A1 ", "Figure 2 ", "Fig. 3 ", "Scheme 1 ",
// up to the caption's first word, which must be capitalised), 0 when none. A reference in prose
// ("shown in Table 1", "and Table 1. S.-J.S. wrote ...") starts no caption: the word before it is a
// lower-case word there, as it never is in front of a caption in a dump.
size_t caption_head(std::string_view text, size_t p) {
  if (p > 0 && is_alpha(text[p - 1])) return 0;
  size_t b = p;
  while (b > 0 && text[b - 1] == ' ') --b;
  if (b > 0 && (is_lower(text[b - 1]) || text[b - 1] == ',')) return 0;
  size_t k = p;
  bool found = false;
  for (std::string_view w : {"Table "sv, "Figure "sv, "Fig. "sv, "Scheme "sv}) {
    if (text.substr(p).starts_with(w)) {
      k += w.size();
      found = true;
      break;
    }
  }
  if (!found) return 0;
  if (k < text.size() && is_upper(text[k])) ++k;  // "Table A1", "Table S2"
  size_t digits = k;
  while (k < text.size() && is_digit(text[k])) ++k;
  if (k == digits || k - digits > 3) return 0;
  if (k < text.size() && (text[k] == '.' || text[k] == ':')) ++k;
  size_t w = skip_spaces(text, k);
  if (w == k || w >= text.size() || !is_upper(text[w])) return 0;
  return w - p;
}

// Every place a table ends, in text order: a caption of any kind, the reference list or the back
// matter of the article. Found once per paragraph: a search per table from its start to the next
// marker would cross the whole text for each of a dump's many tables.
std::vector<size_t> table_ends(std::string_view text) {
  std::vector<size_t> ends;
  for (std::string_view w : {"Table "sv, "Figure "sv, "Fig. "sv, "Scheme "sv}) {
    for (size_t p = find_bytes(text, w); p != npos; p = find_bytes(text, w, p + 1)) {
      if (caption_head(text, p)) ends.push_back(p);
    }
  }
  for (std::string_view w : {"References "sv, "Acknowledg"sv, "Author Contributions"sv, "Conflicts of Interest"sv}) {
    for (size_t p = find_bytes(text, w); p != npos; p = find_bytes(text, w, p + 1)) ends.push_back(p);
  }
  std::sort(ends.begin(), ends.end());
  return ends;
}

// The end of a caption whose head ends at `from`: after the first ". " before a capital letter
// (the header row follows), `limit` when there is none before it.
size_t caption_end(std::string_view text, size_t from, size_t limit) {
  text = text.substr(0, limit);
  for (size_t p = text.find(". ", from); p != npos; p = text.find(". ", p + 1)) {
    size_t w = skip_spaces(text, p + 1);
    if (w < limit && is_upper(text[w])) return w;
  }
  return limit;
}

// Whether a number starts at `p` as a cell of its own: a digit (or a minus sign before one) after a
// space, '(', '/' or '='; not the "2" of "cm2" or "8" of "Si3N4".
bool cell_number_at(std::string_view text, size_t p) {
  size_t d = p;
  if (size_t m = dash_len(text, p); m && (m == 3 || text[p] == '-')) d = p + m;  // "−0.9", "-56"
  if (d >= text.size() || !is_digit(text[d])) return false;
  if (p == 0) return true;
  char c = text[p - 1];
  return c == ' ' || c == '(' || c == '/' || c == '=';  // not "[4]", a reference in a row's first cell
}

// The dimension a header word names ("thickness", "diameter", "size" ...), "-" for a distance that
// is no product dimension (wavelength, radius, depth ...), empty for any other word. `prev` is
// the word before, for "pore size" / "pore diameter".
std::string_view header_dimension(std::string_view w, std::string_view prev) {
  // "Path length (mm)", "Slit width (nm)": the word before names a length of no product.
  if (!prev.empty() && header_dimension(prev, {}) == "-") return "-";
  if (w.ends_with("s") && w.size() > 4 && !w.ends_with("ss")) w.remove_suffix(1);  // "thicknesses" stays
  if (w == "thicknesse" || w == "thickness" || w == "thick") return "thickness";
  if (w == "diameter" || w == "size") return prev == "pore" ? "pore" : w == "size" ? "size" : "diameter";
  if (w == "length" || w == "width") return w;
  // Also the words of a measurement's instrument or a physical length of no product: "Path length
  // (mm)", "Slit width (nm)", "Debye length (nm)", "Cuvette", "Beam spot size", "Diffusion length".
  for (std::string_view x : {"wavelength"sv, "radiu"sv, "radius"sv, "radii"sv, "depth"sv, "distance"sv, "spacing"sv,
                             "roughnes"sv, "roughness"sv, "lattice"sv, "bar"sv, "height"sv, "path"sv, "slit"sv,
                             "debye"sv, "cuvette"sv, "aperture"sv, "pinhole"sv, "beam"sv, "spot"sv, "focal"sv,
                             "detector"sv, "channel"sv, "electrode"sv, "diffusion"sv, "coherence"sv,
                             "penetration"sv, "screening"sv, "probe"sv}) {
    if (w == x) return "-";
  }
  return {};
}

// The words of folded[from, to) that name dimensions: the one dimension named, "" when none, "-"
// when a non-product distance or two different dimensions are named (the column is ambiguous).
std::string_view named_dimension(std::string_view folded, size_t from, size_t to) {
  std::string_view found, prev;
  for (size_t p = from; p < to;) {
    if (!is_lower(folded[p])) {
      // "λ" is a wavelength.
      if (folded.substr(p, 2) == "\xce\xbb") return "-";
      ++p;
      continue;
    }
    size_t e = p;
    while (e < to && is_lower(folded[e])) ++e;
    std::string_view w = folded.substr(p, e - p);
    std::string_view d = header_dimension(w, prev);
    if (d == "-" || (!d.empty() && !found.empty() && d != found && !(found == "size" && d == "pore"))) return "-";
    if (!d.empty()) found = d;
    prev = w;
    p = e;
  }
  return found;
}

// The length units of a table, with their factor to nm: kLengthUnitSpellings (text.h) read by tables,
// behind header_unit() and length_unit_at(). The words ("micron") are read in a header's brackets
// only: after a slash in a cell ("(SP/80 nm)") the reader never took them. Not the quantity scanner's
// units.tsv, which holds more lengths ("cm", "μ m", "nanometres") than tables were tuned on.

// A length unit spelt in a header ("nm", "μm", "µm", "um", "mm", "Å", "microns") → its factor to
// nm; 0 for anything else.
double header_unit(std::string_view u) {
  for (const LengthUnitSpelling& l : kLengthUnitSpellings) {
    if ((l.readers & (kLengthInTables | kLengthInHeaders)) && u == l.surface) return l.factor;
  }
  return 0;
}

// A bracketed group at `p` ('(' or '[') that reads as a unit ("(nm)", "(mW/cm2)", "[°C]", "(%)"):
// short and without a word of four letters or more ("(anode-electrolyte-cathode)", "(BCFZY)" and
// "(process/thickness)" are no unit), not only digits ("[4]"). Returns the position after its closing
// bracket, or 0.
size_t unit_group(std::string_view text, size_t p, std::string_view* unit) {
  char close = text[p] == '(' ? ')' : ']';
  size_t e = text.substr(0, std::min(text.size(), p + 14)).find(close, p + 1);  // at most 12 bytes inside
  if (e == npos || e == p + 1) return 0;
  std::string_view in = text.substr(p + 1, e - p - 1);
  int run = 0;
  bool symbol = false;  // a letter, '%' or a non-ASCII sign ("°C", "Ω"): "[4]", "[12–14]" are references
  for (size_t k = 0; k < in.size(); ++k) {
    const char c = in[k];
    run = is_alpha(c) ? run + 1 : 0;
    if (run >= 4 || c == '(' || c == '[') return 0;
    if (size_t d = dash_len(in, k)) {
      k += d - 1;  // a dash or minus sign is no symbol
      continue;
    }
    symbol |= is_alpha(c) || c == '%' || static_cast<unsigned char>(c) >= 0x80;
  }
  if (!symbol) return 0;
  *unit = in;
  return e + 1;
}

// The units besides lengths that a header writes after a slash ("Time/h", "E/eV", "P/W"): a list,
// since a slash joins words too ("and/or", "w/o", "x/y", "NiO/YSZ"; review 20, 12).
constexpr std::string_view kSlashUnits[] = {"h"sv,  "min"sv, "s"sv,  "ms"sv, "eV"sv,  "meV"sv, "keV"sv, "V"sv,
                                            "mV"sv, "kV"sv,  "K"sv,  "W"sv,  "mW"sv,  "kW"sv,  "mA"sv,  "g"sv,
                                            "mg"sv, "kg"sv,  "mL"sv, "ml"sv, "kPa"sv, "mol"sv, "mM"sv,  "rpm"sv, "cm"sv, "m"sv};

// A unit written after a slash in a header ("Thickness/μm", "TEM diameter/nm", "T/°C", "Time/h"),
// up to the next space, at `p` (the slash), before `limit`: a length unit, a short symbol with '°'
// or '%', or one of kSlashUnits; not "NiO/YSZ" or "and/or", nor a slash between digits. Returns the
// position after the unit, or 0.
size_t slash_unit(std::string_view text, size_t p, size_t limit, std::string_view* unit) {
  if (p == 0 || !is_alnum(text[p - 1])) return 0;
  // "R0/Ω cm2": a symbol with an index digit before the slash; "1/2" (a fraction) has a number there.
  if (is_digit(text[p - 1])) {
    size_t b = p - 1;
    while (b > 0 && is_alnum(text[b - 1])) --b;
    if (!is_alpha(text[b])) return 0;
  }
  size_t e = p + 1;
  while (e < limit && text[e] != ' ') ++e;
  if (e == p + 1 || e - p - 1 > 8) return 0;
  std::string_view u = text.substr(p + 1, e - p - 1);
  if (!header_unit(u)) {
    bool symbol = u.find('%') != npos || u.starts_with("\u00b0") || u.starts_with("\u03a9");
    bool known = false;
    for (std::string_view w : kSlashUnits) known |= u == w;
    if (!symbol && !known) return 0;
  }
  *unit = u;
  return e;
}

// One table: [begin, end) in bytes; the header lies in [header, cells), its cells from `cells` on.
struct Table {
  size_t begin, header, cells, end;
};

// A number cell at `p`: its end and value; false when the token at `p` is no plain number. Stricter
// than the quantity scanner's number reader on purpose, since a bare cell has no unit to confirm it:
//  - digits and at most one inner '.' ("26.84"; not "1." or "1.2.3"); no thousands groups ("1,000"),
//    exponents ("1 × 10−3") or superscript digits;
//  - `spaced` (a cell of its own): a dash before it is a minus sign ("−0.9"), and a space or the end
//    of the text must follow ("5μm", "3a" are no bare number);
//  - not `spaced` (after a slash, before its unit: "/80 nm", "/2–3 μm"): no sign, anything may follow.
bool number_cell(std::string_view text, size_t p, size_t* end, double* value, bool spaced = true) {
  size_t d = p;
  bool negative = false;
  if (size_t m = dash_len(text, p); m && spaced) {
    d = p + m;
    negative = true;
  }
  size_t e = d;
  while (e < text.size() && (is_digit(text[e]) || text[e] == '.')) ++e;
  const bool digits = e > d && text[e - 1] != '.';
  const bool ends_cell = !spaced || e == text.size() || text[e] == ' ';
  if (!digits || !ends_cell) return false;
  // from_chars stops at a second '.': the whole run must be read.
  auto [ptr, ec] = std::from_chars(text.data() + d, text.data() + e, *value);
  if (ec != std::errc() || ptr != text.data() + e) return false;
  if (negative) *value = -*value;
  *end = e;
  return true;
}

// A length unit at `p` ("nm", "μm", "µm", "um", "mm", "Å") not glued to a word, an area ("mm2",
// "mm²") or a rate ("nm/min"): its byte length and factor to nm; 0 when none.
size_t length_unit_at(std::string_view text, size_t p, double* factor) {
  for (const LengthUnitSpelling& l : kLengthUnitSpellings) {
    const std::string_view u = l.surface;
    if (!(l.readers & kLengthInTables) || text.compare(p, u.size(), u) != 0) continue;
    size_t e = p + u.size();
    if (e < text.size() && (is_alnum(text[e]) || text[e] == '/' || static_cast<unsigned char>(text[e]) == 0xC2)) return 0;
    *factor = l.factor;
    return u.size();
  }
  return 0;
}

// A cell of a table body: a quantity, or a length written after a slash, which the quantity scanner
// does not start a number at ("(SP/80 nm)", "(PLD/2–3 μm)": process/thickness cells).
struct Cell {
  size_t begin, end;
  std::optional<double> value, min, max;
  bool length, taken;
};

// The lengths after a slash in [from, to): "/80 nm", "/ 2–3 μm"; not "1/2 mm" (a fraction).
void slash_lengths(std::string_view text, size_t from, size_t to, std::vector<Cell>* out) {
  for (size_t s = text.find('/', from); s != npos && s < to; s = text.find('/', s + 1)) {
    if (s == 0 || is_digit(text[s - 1])) continue;
    size_t p = skip_spaces(text, s + 1);
    size_t e;
    double lo, hi;
    if (!number_cell(text, p, &e, &lo, false)) continue;
    hi = lo;
    if (size_t d = dash_len(text, e)) {
      size_t e2;
      if (number_cell(text, e + d, &e2, &hi, false)) e = e2;
    }
    double f;
    size_t u = skip_spaces(text, e);
    size_t ul = length_unit_at(text, u, &f);
    if (!ul) continue;
    Cell& c = out->emplace_back(Cell{p, u + ul, {}, {}, {}, true, false});
    if (hi == lo) {
      c.value = lo * f;
    } else {
      c.min = lo * f;
      c.max = hi * f;
    }
  }
}

// The lengths with units in the cells of `t` (first layout of table_lengths()).
void cell_lengths(std::string_view text, std::string_view folded, const std::vector<Quantity>& qs,
                  const std::vector<uint8_t>& taken, const Table& t, std::vector<TableLength>* out) {
  std::string_view dim = named_dimension(folded, t.begin, t.cells);
  if (dim.empty() || dim == "-") return;
  std::vector<Cell> slashed;
  slash_lengths(text, t.cells - 1, t.end, &slashed);  // t.cells > t.begin: the "/" of "(SP/80 nm)" before it
  std::vector<Cell> cells;
  // qs are in text order and do not overlap: the first that ends after t.cells, by binary search.
  const size_t first = static_cast<size_t>(
      std::partition_point(qs.begin(), qs.end(), [&](const Quantity& q) { return q.end <= t.cells; }) - qs.begin());
  for (size_t i = first, k = 0; i < qs.size(); ++i) {
    const Quantity& q = qs[i];
    if (q.begin >= t.end) break;
    // "(PLD/2–3 μm)": the scanner read "3 μm"; the slash cell is the whole range.
    while (k < slashed.size() && slashed[k].end <= q.begin) ++k;
    if (k < slashed.size() && slashed[k].begin < q.end) {
      if (taken[i]) slashed[k].taken = true;
      continue;
    }
    cells.push_back(Cell{q.begin, q.end, q.value, q.min, q.max, q.kind == "length", taken[i] != 0});
  }
  cells.insert(cells.end(), slashed.begin(), slashed.end());
  std::sort(cells.begin(), cells.end(), [](const Cell& a, const Cell& b) { return a.begin < b.begin; });
  size_t prev_end = t.header;  // the first cell's words start after the header's last bracket
  for (const Cell& c : cells) {
    const size_t from = prev_end;
    prev_end = c.end;
    if (c.taken || !c.length || c.begin < t.cells) continue;
    const double v = c.value ? *c.value : c.max ? *c.max : 0;
    if (v < 0.1 || v >= 1e7) continue;  // below 1 Å, or centimetres: no layer or particle
    // The cell's own words: back to the previous quantity or closing bracket.
    size_t lb = from;
    for (size_t k = c.begin; k > from; --k) {
      if (folded[k - 1] == ')' || folded[k - 1] == ']') {
        lb = k;
        break;
      }
    }
    if (c.begin - lb > 48) lb = c.begin - 48;
    // A cell that names its own dimension or symbol ("Ø = 2 mm", "h = 200 μm", "λ = 532 nm")
    // was the sentence rules' to decide; a dimension word right after the length as well.
    std::string_view lead = folded.substr(lb, c.begin - lb);
    if (!named_dimension(folded, lb, c.begin).empty() || lead.find("\xc3\xb8") != npos ||
        lead.find("\xc3\x98") != npos || lead.find("\xe2\x8c\x80") != npos) {
      continue;
    }
    size_t last = lead.find_last_not_of(" ~<>\u2248\u223c\u2264\u2265");
    if (last != npos && lead[last] == '=') continue;
    size_t a = skip_spaces(folded, c.end);
    if (size_t d = dash_len(folded, a)) a += d;
    size_t ae = a;
    while (ae < folded.size() && is_lower(folded[ae])) ++ae;
    std::string_view next = folded.substr(a, ae - a);
    if (!header_dimension(next, {}).empty() || next == "in" || next == "wide" || next == "long" || next == "high" ||
        next == "sized") {
      continue;
    }
    TableLength& r = out->emplace_back();
    r.begin = c.begin;
    r.end = c.end;
    r.value = c.value;
    r.min = c.min;
    r.max = c.max;
    r.dimension = dim;
    r.lead_begin = lb;
  }
}

// The lower-case word that ends at `p`, spaces before `p` skipped, not reaching before `floor`; its
// start in *begin. Empty (and *begin the position reached) when a space run ends at no such word.
std::string_view word_before(std::string_view folded, size_t p, size_t floor, size_t* begin) {
  size_t e = p;
  while (e > floor && folded[e - 1] == ' ') --e;
  size_t b = e;
  while (b > floor && is_lower(folded[b - 1])) --b;
  *begin = b;
  return folded.substr(b, e - b);
}

// "8.2 ± 0.7 78": a cell's spread belongs to its value, no cell of its own (review 15a, A14).
// Returns the end of the spread after the number ending at `e`, else `e`.
size_t past_spread(std::string_view text, size_t e) {
  size_t q = skip_spaces(text, e);
  if (!text.substr(q).starts_with("\u00b1")) return e;
  size_t s = skip_spaces(text, q + std::string_view("\u00b1").size()), se;
  double sd;
  return s < text.size() && number_cell(text, s, &se, &sd) ? se : e;
}

// "Sample Diameter (nm) PLQY (%) A 8.2 78": a first header word "Sample" before a capitalised word is
// the header of the row-label column, no subject of the next column (a sample form would drop it;
// review 15a, A14). Returns where the subject of the column starts: after that word, else `from`.
// Also after a caption without a full stop ("Table 2 Grain size of the sintered samples Sample Anode
// (μm)"): the last "Sample" written with a capital before a capitalised word, not the caption's
// "samples" (s33-left).
size_t row_label_header(std::string_view text, std::string_view folded, size_t from, size_t to) {
  auto after_label = [&](size_t at, std::string_view w) {
    size_t next = skip_spaces(text, at + w.size());
    if (next < to && text[next] == '|') next = skip_spaces(text, next + 1);  // "Sample | Size (nm)"
    return next <= to && is_upper(text[next]) ? next : npos;
  };
  const std::string_view span = folded.substr(from, to - from);
  for (std::string_view w : {"samples "sv, "sample "sv}) {
    if (span.starts_with(w)) {
      const size_t next = after_label(from, w);
      return next == npos ? from : next;
    }
  }
  // Only under a caption of sizes or layer thicknesses: a caption that names its objects ("Thickness of
  // the purchased Ni foil substrates Sample Thickness (μm)", "Dimensions of the button cells Sample
  // Diameter (mm)") keeps them as the column's subject, for the readers that exclude them (s33-review L4).
  bool size_caption = false;
  for (std::string_view w : {"grain size"sv, "particle size"sv, "crystallite size"sv, "layer thickness"sv, "thickness of the layer"sv}) {
    size_caption |= span.find(w) != npos;
  }
  for (size_t k = size_caption ? span.rfind(" sample") : npos; k != npos && k > 0; k = span.rfind(" sample", k - 1)) {
    const size_t at = from + k + 1;
    if (text[at] != 'S') continue;
    for (std::string_view w : {"samples "sv, "sample "sv}) {
      if (folded.substr(at).starts_with(w)) {
        if (const size_t next = after_label(at, w); next != npos) return next;
      }
    }
  }
  return from;
}

// The optical outcome a column of a table names (s21-optics): `words` are the column's header words
// (folded, "sample pl", "shell λpl", "abs. peak"), `unit` the text of its unit group. "PL (nm)",
// "λem (nm)", "Emission peak (nm)" → pl_peak; "Abs (nm)", "λabs (nm)", "Absorption peak (nm)",
// "LSPR (nm)" → absorption_peak; "FWHM (nm)", "(meV)", "(eV)" → fwhm; "PLQY (%)", "QY (%)", "PL QY
// (%)", "Quantum yield (%)" → plqy; "Yield (%)" → yield; "Eg (eV)", "Band gap (eV)" → band_gap. Empty
// for any other column ("Stokes shift (nm)", "λex (nm)", "Slit (nm)"). *factor: to the type's unit.
std::string_view optical_column(std::string_view words, std::string_view unit, double* factor) {
  while (!words.empty() && words.back() == ' ') words.remove_suffix(1);
  size_t sp = words.rfind(' ');
  const std::string_view w = sp == npos ? words : words.substr(sp + 1);
  std::string_view prev = sp == npos ? std::string_view{} : words.substr(0, sp);
  if (size_t sp2 = prev.rfind(' '); sp2 != npos) prev = prev.substr(sp2 + 1);
  const bool peak_word = one_of(w, {"peak", "peaks", "max", "max.", "maximum", "position"});
  *factor = 1;
  if (unit == "nm") {
    if (w == "fwhm") return "fwhm";
    if (one_of(w, {"pl", "\u03bbpl", "\u03bbem", "emission", "photoluminescence", "luminescence"}) ||
        (peak_word && one_of(prev, {"pl", "emission", "photoluminescence", "luminescence"}))) {
      return "pl_peak";
    }
    if (one_of(w, {"abs", "abs.", "\u03bbabs", "absorption", "absorbance", "lspr", "spr", "exciton", "excitonic"}) ||
        (peak_word && one_of(prev, {"abs", "abs.", "absorption", "exciton", "excitonic", "lspr", "spr", "plasmon"}))) {
      return "absorption_peak";
    }
    return {};
  }
  if (unit == "meV" || unit == "mev") return w == "fwhm" ? "fwhm" : std::string_view{};
  if (unit == "eV" || unit == "ev") {
    if (w == "fwhm") {
      *factor = 1000;
      return "fwhm";
    }
    return one_of(w, {"eg", "gap", "bandgap", "band-gap"}) ? "band_gap" : std::string_view{};
  }
  if (unit == "%") {
    if (one_of(w, {"plqy", "plqys", "qy", "qys", "plqe"}) || (one_of(w, {"yield", "yields"}) && prev == "quantum")) {
      return "plqy";
    }
    return one_of(w, {"yield", "yields"}) ? "yield" : std::string_view{};
  }
  return {};
}

// Whether a table's caption and header (`head`, folded) say that it lists the settings of a
// measurement: a caption that names them ("Instrument settings", "Measurement parameters", "Acquisition
// conditions", "parameters of the measurement") or a column of a setting with its unit ("Slit (nm)",
// "Filter (nm)", "Integration time (ms)"). Its wavelengths are the ones chosen for the instrument, no
// product's peak. A word of an instrument elsewhere is not enough: "Optical gain and emission of the
// QDs", "measured with a 400 nm long-pass filter", "recorded on a Cary spectrometer" head tables of
// products (s33-review L2).
bool settings_table(std::string_view head) {
  // Whole-word occurrences of `w` (a plural allowed): calls `at(begin, end)` until it returns true.
  auto any_word = [&](std::string_view w, auto at) {
    for (size_t k = head.find(w); k != npos; k = head.find(w, k + 1)) {
      size_t e = k + w.size();
      if (e < head.size() && head[e] == 's') ++e;
      if ((k == 0 || !is_alpha(head[k - 1])) && (e == head.size() || !is_alpha(head[e])) && at(k, e)) return true;
    }
    return false;
  };
  for (std::string_view w : {"slit"sv, "filter"sv, "integration time"sv, "bandpass"sv, "band pass"sv, "pmt voltage"sv}) {
    if (any_word(w, [&](size_t, size_t e) {
          e = skip_spaces(head, e);
          return e < head.size() && head[e] == '(';
        })) {
      return true;
    }
  }
  if (head.find("parameters of the measurement") != npos) return true;
  for (std::string_view w : {"setting"sv, "parameter"sv, "condition"sv}) {
    if (any_word(w, [&](size_t k, size_t) {
          size_t p = k;
          while (p > 0 && head[p - 1] == ' ') --p;
          size_t q = p;
          while (q > 0 && is_alpha(head[q - 1])) --q;
          return one_of(head.substr(q, p - q), {"instrument", "instrumental", "measurement", "measuring", "acquisition",
                                               "detector", "spectrometer", "fluorometer", "fluorimeter", "spectrofluorometer",
                                               "monochromator", "photomultiplier", "pmt", "recording"});
        })) {
      return true;
    }
  }
  return false;
}

// Whether `head` names XRD other than in a diameter symbol "dXRD (nm)" (a crystallite size column).
bool xrd_word(std::string_view head) {
  for (size_t k = head.find("xrd"); k != npos; k = head.find("xrd", k + 1)) {
    if (k == 0 || head[k - 1] != 'd' || (k >= 2 && is_alpha(head[k - 2]))) return true;
  }
  return false;
}

// A layer of a cell or a coated product as a column's whole name with a length unit: "Anode (μm)",
// "AFL (μm)", "Electrolyte (μm)" in a table of cells name the layers' thicknesses.
bool layer_column(std::string_view w) {
  if (w.size() > 4 && w.ends_with("s")) w.remove_suffix(1);
  return one_of(w, {"anode", "cathode", "electrolyte", "afl", "cfl", "interlayer", "layer", "film", "coating",
                    "membrane", "barrier", "shell"});
}

// The bare numbers of a column headed by a dimension with its unit (second layout).
void column_lengths(std::string_view text, std::string_view folded, const std::vector<Quantity>& qs,
                    const Table& t, std::vector<TableLength>* out) {
  // The header's unit groups, in order; which of them are lengths under a dimension word.
  struct Column {
    double factor;  // 0: not a length
    std::string_view dimension;
    size_t subject_begin, subject_end;  // the header words before the dimension word
    bool d_symbol;                      // headed "d" alone: below 1 nm a lattice spacing (review 20, 2)
    std::string_view optical = {};      // an optical outcome's column (optical_column()), factor 0
    double optical_factor = 1;
    bool in_nm = false;                 // the unit group is "(nm)"
  };
  std::vector<Column> columns;
  // "hkl d (nm) 2θ (°)": a column "d" of a diffraction table is a lattice spacing, no diameter.
  const std::string_view head = folded.substr(t.begin, t.cells - t.begin);
  // "XRD results. Sample Phase d (nm) FWHM (°)", "Peak d (Å)": a lattice spacing too (review 20, 2).
  const bool diffraction = head.find("hkl") != npos || head.find("2\xce\xb8") != npos ||
                           head.find("spacing") != npos || head.find("interplanar") != npos ||
                           xrd_word(head) || head.find("lattice") != npos ||
                           head.find("fwhm (\u00b0") != npos || text.substr(t.begin, t.cells - t.begin).find("(\u00c5)") != npos;
  // "Table 2 Grain size of the sintered samples Sample Anode (μm) Cathode (μm)": the caption opens with
  // the sizes of grains or particles and names no thickness, and no column is a size of its own (not
  // "Particle size (nm) Shell (nm)", "Sample Size (μm) Anode (μm)", "Effect of the particle size of the
  // starting powder on the cells ... Anode (μm)"; s33-review L3).
  const bool grain_caption = [&] {
    if (head.find("thick") != npos) return false;
    for (std::string_view w : {"size"sv, "diameter"sv}) {
      for (size_t k = head.find(w); k != npos; k = head.find(w, k + 1)) {
        size_t e = k + w.size();
        if (e < head.size() && head[e] == 's') ++e;
        e = skip_spaces(head, e);
        if (e < head.size() && (head[e] == '(' || head[e] == '/' || head[e] == '[')) return false;
      }
    }
    size_t p = 0;
    if (head.starts_with("table")) {  // "Table 2", "Table II.", "Table 3:"
      p = skip_spaces(head, 5);
      while (p < head.size() && is_alnum(head[p])) ++p;
      while (p < head.size() && (head[p] == '.' || head[p] == ':')) ++p;
      p = skip_spaces(head, p);
    }
    for (std::string_view w : {"the "sv, "average "sv, "mean "sv}) {
      if (head.substr(p).starts_with(w)) p += w.size();
    }
    for (std::string_view w : {"grain size"sv, "particle size"sv, "crystallite size"sv, "grain diameter"sv, "particle diameter"sv}) {
      if (head.substr(p).starts_with(w)) return true;
    }
    return false;
  }();
  // "Cycles Thickness (nm) Roughness (nm) 200 18 0.9 500 44 1.2", "Run Power (W) ... 1 100 0.5": a
  // first header word that counts the rows heads a column of numbers without a unit of its own.
  size_t counter_end = t.header;
  {
    size_t e = t.header;
    while (e < t.cells && is_lower(folded[e])) ++e;
    const std::string_view first = folded.substr(t.header, e - t.header);
    if (e < t.cells && folded[e] == ' ' && (first == "entry" || first == "run" || first == "cycles" || first == "no")) {
      counter_end = e;
    }
  }
  const bool counter = counter_end > t.header;
  // Whether every column of the header has its unit group: then a run of numbers may hold several
  // rows (below). Not when the header has a column without a unit (review 20, 1): a row-label or
  // unit-less column ("Peak d (Å)", "D (nm) Ratio", "Yield"), as a second capitalised word or a
  // symbol after other words before a unit group, or any words after the last one.
  bool rows_run = true;
  auto one_column = [&](size_t from, size_t to) {
    int words = 0;
    std::string_view last;
    for (size_t b = skip_spaces(text, from); b < to;) {
      size_t e = b;
      while (e < to && text[e] != ' ') ++e;
      const std::string_view w = text.substr(b, e - b);
      if (w == "|") {
        if (words) return false;  // "Sample | Size (nm)"
      } else {
        if (words && is_upper(w[0])) return false;
        ++words;
        last = w;
      }
      b = skip_spaces(text, e);
    }
    return words <= 1 || last.size() > 2;
  };
  // "D (nm) ratio SBET (m2 g−1)": between two unit groups, lower-case words and then one capitalised
  // word are a column without a unit ("ratio") and the next column's name ("SBET"). Returns where the
  // capitalised word starts, npos when the words are no such pair.
  auto unitless_then_column = [&](size_t from, size_t to) {
    size_t capital = npos;
    bool first = true;
    for (size_t b = skip_spaces(text, from); b < to;) {
      size_t e = b;
      while (e < to && text[e] != ' ') ++e;
      if (is_upper(text[b])) {
        if (first || capital != npos) return npos;
        capital = b;
      } else if (capital == npos) {
        for (size_t k = b; k < e; ++k) {
          if (!is_lower(text[k])) return npos;
        }
      }
      first = false;
      b = skip_spaces(text, e);
    }
    return capital;
  };
  // The columns with those unit-less columns in place (`wide`), and whether every other column has its
  // unit (`wide_run`): a run that fits no row of `columns` is read by them (review 20, s20-fixtab left).
  std::vector<Column> wide;
  bool wide_run = true, unitless = false;
  size_t group_end = t.header;  // end of the previous unit group
  for (size_t p = t.header; p < t.cells; ++p) {
    if (text[p] != '(' && text[p] != '[' && text[p] != '/') continue;
    std::string_view unit;
    size_t e = text[p] == '/' ? slash_unit(text, p, t.cells, &unit) : unit_group(text, p, &unit);
    if (!e || e > t.cells) continue;  // not "(80" of a first cell "(SP/80 nm)"
    const bool plain = one_column(std::max(group_end, counter_end), p);
    size_t capital = plain || group_end == t.header ? npos : unitless_then_column(group_end, p);
    // "Sample AR LSPR (nm)", "Sample pH LSPR (nm)", "Sample Time Eg (eV)": before the first unit group,
    // the row labels' header, one unit-less column (a capitalised word or a short symbol) and the
    // column's capitalised name (s21-optics2).
    if (!plain && group_end == t.header && !counter) {
      size_t b[3], k = 0, q = skip_spaces(text, t.header);
      bool ok = true;
      while (q < p && ok) {
        if (k == 3) {
          ok = false;
          break;
        }
        b[k] = q;
        size_t we = q;
        while (we < p && text[we] != ' ') ++we;
        for (size_t j = q; j < we; ++j) ok &= is_alpha(text[j]);
        const size_t len = we - q;
        ok &= len > 0 && (is_upper(text[q]) || (k == 1 && len <= 3));
        ++k;
        q = skip_spaces(text, we);
      }
      if (ok && k == 3) capital = b[2];
    }
    rows_run &= plain;
    wide_run &= plain || capital != npos;
    if (capital != npos) {
      wide.push_back(Column{0, {}, 0, 0, false});
      unitless = true;
    }
    Column& c = columns.emplace_back(Column{0, {}, 0, 0, false});
    if (double f = header_unit(unit)) {
      // "Electrolyte thickness (nm)", "Pore size (nm)": the word before the unit and the one before it.
      size_t wb, pw;
      std::string_view word = word_before(folded, p, t.header, &wb);
      std::string_view prev = word_before(folded, wb, t.header, &pw);
      std::string_view d = header_dimension(word, prev);
      // "d (nm)", "D (nm)", "Dp (nm)": the symbols of a diameter and a pore diameter, written alone;
      // a symbol has no subject ("Sample d (nm)": "Sample" heads the row labels).
      bool symbol = false;
      if (d.empty() && (wb == t.header || folded[wb - 1] == ' ') && !diffraction) {
        // also with the method as an index: "dBET (nm) dXRD (nm) dSEM (nm)", "dTEM (nm)"
        if (word == "d" || (word.size() == 4 && word[0] == 'd' && one_of(word.substr(1), {"bet", "xrd", "sem", "tem", "dls"}))) {
          d = "diameter";
        }
        if (word == "dp") d = "pore";
        symbol = !d.empty();
      }
      // Under a caption of grain or particle sizes ("Table 2 Grain size of the sintered samples Sample
      // Anode (μm) Cathode (μm)") the layers' columns hold those sizes, not thicknesses (s33-left).
      if (d.empty() && (wb == t.header || folded[wb - 1] == ' ') && layer_column(word)) {
        // Only an electrode's or electrolyte's grains: a shell, coating or film column stays a thickness.
        d = grain_caption && !one_of(word, {"layer", "layers", "film", "films", "coating", "coatings", "membrane", "membranes",
                                            "barrier", "barriers", "shell", "shells"})
                ? "size"
                : "thickness";
      }
      if (!d.empty() && d != "-") {
        c = Column{f, d, symbol ? wb : row_label_header(text, folded, std::min(group_end, wb), wb), wb,
                   symbol && d == "diameter"};  // not "Dp (nm)": pores below 1 nm are no lattice spacing
      }
    }
    if (c.factor == 0) {
      const size_t from = std::max(group_end, counter_end);
      c.optical = optical_column(folded.substr(from, p - from), unit, &c.optical_factor);
      if (diffraction && c.optical == "fwhm") c.optical = {};  // a reflection's width
      c.in_nm = unit == "nm";
    }
    wide.push_back(c);
    if (capital != npos && c.factor > 0 && capital <= c.subject_end) wide.back().subject_begin = capital;
    group_end = e;
    p = e - 1;
  }
  if (columns.empty()) return;
  for (size_t b = group_end; b < t.cells; ++b) rows_run &= text[b] == ' ' || text[b] == '|';
  for (size_t b = group_end; b < t.cells; ++b) wide_run &= text[b] == ' ' || text[b] == '|';
  if (counter) columns.insert(columns.begin(), Column{0, {}, 0, 0, false});
  if (counter) wide.insert(wide.begin(), Column{0, {}, 0, 0, false});
  // "Table 5 Instrument settings λex (nm) λem (nm) Slit (nm) Filter (nm) 365 450 5 400 ...": a table of
  // measurement settings gives no peak or width. One with a product's column (a size, a PLQY, a yield,
  // a band gap: "Detector settings and emission of the samples Sample λem (nm) PLQY (%)") keeps them.
  {
    bool product = false;
    for (const Column& c : columns) {
      product |= c.factor > 0 || c.optical == "plqy" || c.optical == "yield" || c.optical == "band_gap";
    }
    if (!product && settings_table(head)) {
      for (std::vector<Column>* cols : {&columns, &wide}) {
        for (Column& c : *cols) {
          if (c.optical == "pl_peak" || c.optical == "absorption_peak" || c.optical == "fwhm") c.optical = {};
        }
      }
    }
  }
  bool any = false;
  for (const Column& c : columns) any |= c.factor > 0 || !c.optical.empty();
  if (!any) return;
  // Rows: runs of plain numbers separated by single spaces.
  std::vector<std::pair<size_t, size_t>> run;  // (begin, end) of each number
  std::vector<double> values;
  // A run of numbers is one row, or several rows in a row when the first column holds numbers too
  // ("Temperature (°C) D (nm) ... 400 6.2 142 500 9.8 96") and every column has its unit (rows_run):
  // then its length is a multiple of the columns. A table of one column takes single numbers only ("Crystallite size (nm) Ni/Al2O3 fcc Ni
  // 8.5 Co/Al2O3 hcp Co 11.2").
  const size_t n = columns.size();
  // With a counter column every row starts with a whole number: a run that straddles two rows
  // ("Entry ... Product Size (nm) 1 180 10 1:1 spheres 5.2 2 200 10") is no row.
  auto counts_rows = [&](size_t stride) {
    for (size_t k = 0; k < run.size(); k += stride) {
      if (text.substr(run[k].first, run[k].second - run[k].first).find('.') != npos) return false;
    }
    return true;
  };
  auto fits = [&](size_t stride, bool several) {
    return (run.size() == stride || (several && stride > 1 && run.size() % stride == 0)) &&
           (!counter || counts_rows(stride));
  };
  // An optical column's cell k of the run (read by the columns `cols`): its value in the type's unit;
  // a FWHM in nm goes to meV around the PL peak of its own row, as fwhm_in_mev() does in prose (not
  // when the peak is below 200 nm or the width half of it: a misread); a percentage above 100 is no
  // yield.
  auto optical_cell = [&](const std::vector<Column>& cols, size_t k) {
    const size_t stride = cols.size();
    const Column& col = cols[k % stride];
    double v = values[k] * col.optical_factor;
    if ((col.optical == "plqy" || col.optical == "yield") && v > 100) return;
    std::string_view unit;
    if (col.optical == "fwhm") {
      unit = col.in_nm ? "nm" : "meV";
      const size_t row = k - k % stride;
      for (size_t j = 0; j < stride && unit == "nm"; ++j) {
        if (cols[j].optical != "pl_peak") continue;
        const double peak = values[row + j];
        if (peak < 200 || v >= peak / 2) break;
        const double lo = peak - v / 2, hi = peak + v / 2;
        v = std::round((1239.84 / lo - 1239.84 / hi) * 1000 * 10) / 10;
        unit = "meV";
      }
    }
    TableLength& r = out->emplace_back();
    r.begin = run[k].first;
    r.end = run[k].second;
    r.value = v;
    r.type = col.optical;
    r.unit = unit;
    r.lead_begin = r.begin;
  };
  // "Shell λPL (nm) FWHM (meV) PLQY (%) 1 ML 612 160 45 3 ML 626 140 72": a row label that starts
  // with a number ("3 ML") joins the run before it; one number more than the columns, whole, before
  // a short word and a number cell is that label's (s21-optics). `word_next`: such a label follows.
  auto flush = [&](bool word_next = false) {
    if (word_next && n > 1 && run.size() == n + 1) {
      run.pop_back();
      values.pop_back();
    }
    const std::vector<Column>* cols = fits(n, rows_run) ? &columns
                                      : unitless && fits(wide.size(), wide_run) ? &wide
                                                                                : nullptr;
    if (cols) {
      for (size_t k = 0; k < run.size(); ++k) {
        const Column& col = (*cols)[k % cols->size()];
        if (!col.optical.empty() && values[k] > 0) {
          optical_cell(*cols, k);
          continue;
        }
        if (col.factor == 0 || values[k] <= 0 || (col.d_symbol && values[k] * col.factor < 1)) continue;
        // A number the quantity scanner read (a cell with its own unit) is the first layout's.
        auto q = std::partition_point(qs.begin(), qs.end(), [&](const Quantity& x) { return x.end <= run[k].first; });
        if (q != qs.end() && q->begin < run[k].second) continue;
        TableLength& r = out->emplace_back();
        r.begin = run[k].first;
        r.end = run[k].second;
        r.value = values[k] * col.factor;
        r.dimension = col.dimension;
        r.lead_begin = r.begin;
        r.subject_begin = col.subject_begin;
        r.subject_end = col.subject_end;
      }
    }
    run.clear();
    values.clear();
  };
  for (size_t p = t.cells; p < t.end;) {
    size_t e;
    double v;
    if ((p == t.cells || text[p - 1] == ' ') && number_cell(text, p, &e, &v)) {
      e = past_spread(text, e);
      run.emplace_back(p, e);
      values.push_back(v);
      // "A | 8.2 | 78 | B": a pipe table's bars between the cells of a row (review 15a, A14).
      p = text.compare(e, 3, " | ") == 0 ? e + 3 : e + 1;
      continue;
    }
    if (!run.empty()) {
      // A row label "3 ML": a short word with a number cell right after it, the run's last number whole.
      size_t we = p;
      while (we < t.end && is_alpha(text[we])) ++we;
      flush(we > p && we - p <= 3 && we + 1 < t.end && text[we] == ' ' && is_digit(text[we + 1]) &&
            text.substr(run.back().first, run.back().second - run.back().first).find('.') == npos);
    }
    size_t sp = text.find(' ', p);
    p = sp == npos ? t.end : sp + 1;
  }
  flush();
}

// The comma/"and" list of bare numbers at `p` ("4.1, 5.6 and 7.9", "3.5 ± 0.3", "3.2, 3.2, 3.9"):
// each number with its spread, as (begin, end, value); empty when no number starts at `p`.
std::vector<std::pair<std::pair<size_t, size_t>, double>> number_list(std::string_view text, size_t p) {
  std::vector<std::pair<std::pair<size_t, size_t>, double>> out;
  for (;;) {
    size_t e;
    double v;
    // The last item may end the sentence: "3.2, 3.2, 3.9." is read without its full stop.
    size_t run = p;
    while (run < text.size() && (is_digit(text[run]) || text[run] == '.')) ++run;
    const bool stop = run > p + 1 && text[run - 1] == '.' && (run == text.size() || text[run] == ' ');
    if (p >= text.size() || !number_cell(stop ? text.substr(0, run - 1) : text, p, &e, &v, false)) break;
    // A number glued to a word or unit is no cell ("5.2nm" is the quantity scanner's).
    if (e < text.size() && !(text[e] == ' ' || text[e] == ',' || text[e] == ';' || text[e] == '.')) break;
    e = past_spread(text, e);
    out.push_back({{p, e}, v});
    std::string_view rest = text.substr(e);
    size_t sep = 0;
    for (std::string_view s : {", and "sv, ", "sv, " and "sv}) {
      if (rest.starts_with(s)) {
        sep = s.size();
        break;
      }
    }
    if (!sep) break;
    p = e + sep;
  }
  return out;
}

// Third layout, prose or a specification list with no caption: a dimension header with its length
// unit, a few words without digits, a colon and a list of bare numbers ("TEM size (nm) of samples A,
// B and C: 4.1, 5.6 and 7.9, respectively", "Core diameter (nm): 3.2, 3.2, 3.9", "Size (nm): 5.2 ±
// 0.6; PL peak (nm): 520"; review 15a, A14). All length units of tables but "Å" end in "m)".
void labelled_lengths(std::string_view text, std::string_view folded, const std::vector<Quantity>& qs,
                      std::vector<TableLength>* out) {
  for (size_t m = find_bytes(text, "m)"); m != npos; m = find_bytes(text, "m)", m + 2)) {
    const size_t open = text.rfind('(', m);
    if (open == npos || m - open > 4) continue;
    std::string_view unit;
    const size_t close = unit_group(text, open, &unit);
    const double factor = close ? header_unit(unit) : 0;
    if (factor == 0) continue;
    const size_t floor = open > 40 ? open - 40 : 0;
    size_t wb, pw;
    const std::string_view word = word_before(folded, open, floor, &wb);
    const std::string_view prev = word_before(folded, wb, floor, &pw);
    const std::string_view d = header_dimension(word, prev);
    if (d.empty() || d == "-") continue;
    // The words up to the colon: no digit, bracket or sentence end ("of samples A, B and C").
    size_t colon = close;
    while (colon < text.size() && colon - close <= 60 && text[colon] != ':' && !is_digit(text[colon]) &&
           text[colon] != '(' && text[colon] != ';' && text.compare(colon, 2, ". ") != 0) {
      ++colon;
    }
    if (colon >= text.size() || text[colon] != ':') continue;
    for (const auto& [span, v] : number_list(text, skip_spaces(text, colon + 1))) {
      // A number the quantity scanner read is some other rule's.
      auto q = std::partition_point(qs.begin(), qs.end(), [&](const Quantity& x) { return x.end <= span.first; });
      if (v <= 0 || (q != qs.end() && q->begin < span.second)) continue;
      TableLength& r = out->emplace_back();
      r.begin = span.first;
      r.end = span.second;
      r.value = v * factor;
      r.dimension = d;
      r.lead_begin = r.begin;
      r.subject_begin = prev.empty() ? wb : pw;
      r.subject_end = wb;
      r.table_begin = prev.empty() ? wb : pw;
      r.cells_begin = colon;
    }
  }
}

}  // namespace

std::vector<TableLength> table_lengths(std::string_view text, std::string_view folded,
                                       const std::vector<Quantity>& qs, const std::vector<uint8_t>& taken) {
  std::vector<TableLength> out;
  std::vector<size_t> ends;
  // A table whose caption, header and rows are lines of their own ("Table 2 ... NCs⏎Sample PL (nm)
  // FWHM (nm)⏎NC-1 508 21⏎NC-2 515 19"): a line break separates cells as a space does, so the table
  // is read on a copy with spaces for the breaks (same length: every offset holds). The first break
  // after a caption ends it (s22-optics3).
  const size_t first_break = text.find('\n');
  std::string spaced_text, spaced_folded;
  const std::string_view lines = text;
  if (first_break != npos) {
    spaced_text.assign(text);
    spaced_folded.assign(folded);
    std::replace(spaced_text.begin(), spaced_text.end(), '\n', ' ');
    std::replace(spaced_folded.begin(), spaced_folded.end(), '\n', ' ');
    text = spaced_text;
    folded = spaced_folded;
  }
  auto read = [&](Table t) {
    t.cells = t.header;
    while (t.cells < t.end && !cell_number_at(text, t.cells)) ++t.cells;
    if (t.cells < t.end) {
      const size_t before = out.size();
      cell_lengths(text, folded, qs, taken, t, &out);
      column_lengths(text, folded, qs, t, &out);
      for (size_t k = before; k < out.size(); ++k) {
        out[k].table_begin = t.begin;
        out[k].cells_begin = t.cells;
      }
      // Each layout comes out in text order; a table may hold both.
      std::sort(out.begin() + static_cast<std::ptrdiff_t>(before), out.end(),
                [](const TableLength& a, const TableLength& b) { return a.begin < b.begin; });
    }
  };
  bool captioned = false;
  for (size_t p = find_bytes(text, "Table "); p != npos; p = find_bytes(text, "Table ", p + 1)) {
    size_t head = caption_head(text, p);
    if (!head) continue;
    captioned = true;
    if (ends.empty()) ends = table_ends(text);  // holds p itself: never empty from here on
    Table t;
    t.begin = p;
    auto next = std::upper_bound(ends.begin(), ends.end(), p);
    t.end = next == ends.end() ? text.size() : *next;
    t.header = caption_end(text, p + head, t.end);
    // The break is looked for before the header only: a search to the paragraph's end at every
    // caption was quadratic ("Table 1 Caption ..." repeated over 2.5 MB with no break; s33-slow).
    if (first_break != npos && p + head < t.header) {
      if (size_t nl = lines.substr(0, t.header).find('\n', p + head); nl != npos) t.header = nl + 1;
    }
    // "Table 1. Sample Size (nm) PLQY (%) A 8.2 78": a table without a title starts its header at once.
    // So does a title without a full stop, as PMC and PDF dumps print most ("Table 2 Microstructure of the
    // anodes Sample Ni size (μm) ..."): its words are read with the header's, where only the words next
    // to a unit group name a column.
    if (t.header == t.end) t.header = p + head;
    read(t);
    p = t.end - 1;  // t.end > p: the next "Table " is searched from the table's end
  }
  // No caption, but a first line that is a header: two or more unit groups ("Sample Shell (ML) λabs
  // (nm) λPL (nm) FWHM (meV)⏎CdSe 0 552 566 98⏎...") and no sentence in it (s22-optics3).
  if (!captioned && first_break != npos && lines.substr(0, first_break).find(". ") == npos) {
    int groups = 0;
    for (size_t p = 0; p < first_break; ++p) {
      std::string_view unit;
      if (text[p] == '(' && unit_group(text, p, &unit)) ++groups;
    }
    if (groups >= 2) {
      if (ends.empty()) ends = table_ends(text);
      read(Table{0, 0, 0, ends.empty() ? text.size() : ends.front()});
    }
  }
  if (out.empty()) labelled_lengths(text, folded, qs, &out);
  return out;
}

}  // namespace synthdb::rules
