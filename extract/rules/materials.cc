#include "extract/rules/materials.h"

#include <cstring>

#include "extract/core/error.h"

namespace synthdb::rules {

namespace {

// Two-letter element symbols that are also common capitalised words at a sentence start; as a
// lone token they are not read as elements ("In a typical synthesis", "As shown").
constexpr std::string_view kAmbiguousSymbols[] = {"In", "As", "At", "Be", "No", "Am", "Es", "Pa", "Ho", "He", "Po"};
// One-letter-element formulas that are real species although they have a single digit.
constexpr std::string_view kSmallMolecules[] = {"N2", "O2", "H2", "I2", "F2", "S8", "P4", "C60", "C70", "O3"};
// Bracket contents that are ligand abbreviations inside formulas: Cd(OAc)2, Zn(acac)2, Zn(St)2.
constexpr std::string_view kFormulaGroups[] = {"OAc", "Ac", "acac", "OA", "St", "OTf", "hfac", "TMS", "tmhd",
                                               "thd", "dtc", "DDTC", "Et", "Me", "Ph", "Bu", "OEt", "OMe",
                                               "OiPr", "OBu", "CO", "TOP", "en", "bpy", "phen", "oleate"};
// Suffixes on a hyphenated token whose first part is the material ("OA-capped", "Ag-doped").
constexpr std::string_view kHyphenSuffixes[] = {"-capped", "-coated", "-stabilized", "-stabilised", "-passivated",
                                                "-terminated", "-based", "-doped", "-modified", "-functionalized",
                                                "-containing", "-derived", "-rich", "-free", "-protected"};

bool ends_with(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

// "Fig. S2", "Table S1", "Scheme 1": labels, not materials.
bool is_label_word_before(const TokenView& view, size_t i) {
  std::string_view w = view.folded[i - 1];
  return w == "fig" || w == "figure" || w == "figs" || w == "table" || w == "scheme" || w == "sample" || w == "eq";
}

bool is_roman(std::string_view s) {
  if (s.empty() || s.size() > 4) return false;
  for (char c : s) {
    if (c != 'I' && c != 'V' && c != 'i' && c != 'v') return false;
  }
  return true;
}

}  // namespace

MaterialFinder::MaterialFinder(const std::filesystem::path& lexicon_dir) {
  for (const TsvRow& row : read_tsv(lexicon_dir / "elements.tsv", 2)) {
    symbols_[row.fields[0]] = true;
    for (size_t k = 1; k < row.fields.size(); ++k) element_names_[fold_case(row.fields[k])] = row.fields[0];
  }
  auto words_path = lexicon_dir / "chemical_words.tsv";
  for (const TsvRow& row : read_tsv(words_path, 2)) {
    const std::string& c = row.fields[1];
    WordClass wc = c == "cation"    ? kCation
                   : c == "anion"   ? kAnion
                   : c == "acid"    ? kAcid
                   : c == "hydrate" ? kHydrate
                   : c == "organic" ? kOrganic
                   : c == "stop"    ? kStop
                   : c == "part"    ? kPart
                                    : kNone;
    if (wc == kNone) {
      throw RuleError(words_path.string() + ":" + std::to_string(row.line) + ": unknown class '" + c + "'");
    }
    words_[fold_case(row.fields[0])] = wc;
  }
  for (auto g : kFormulaGroups) formula_groups_[std::string(g)] = true;
  for (const TsvRow& row : read_tsv(lexicon_dir / "acronyms.tsv", 1)) not_acronyms_[row.fields[0]] = true;
  auto mat_path = lexicon_dir / "materials.tsv";
  for (const TsvRow& row : read_tsv(mat_path, 4)) {
    Entry e;
    e.normalized = row.fields[1];
    e.formula = row.fields[2] == "-" ? "" : row.fields[2];
    e.role = row.fields[3] == "-" ? "" : row.fields[3];
    bool cs = row.fields.size() > 4 && row.fields[4].find("cs") != std::string::npos;
    matcher_.add(row.fields[0], static_cast<int>(entries_.size()), cs, !cs);
    entries_.push_back(std::move(e));
  }
}

size_t MaterialFinder::formula_prefix(std::string_view s, size_t pos, int* elements, int depth) const {
  size_t p = pos;
  auto read_count = [&]() {
    size_t q = p;
    while (q < s.size() && (is_digit(s[q]) || (s[q] == '.' && q + 1 < s.size() && is_digit(s[q + 1]) && q > p))) ++q;
    if (q == p && q < s.size() && (s[q] == 'x' || s[q] == 'y' || s[q] == 'n') &&
        (q + 1 >= s.size() || !is_lower(s[q + 1]))) {
      ++q;
    }
    p = q;
  };
  while (p < s.size()) {
    char c = s[p];
    if (is_upper(c)) {
      size_t len = 0;
      if (p + 1 < s.size() && is_lower(s[p + 1]) && symbols_.count(s.substr(p, 2))) {
        len = 2;
      } else if (symbols_.count(s.substr(p, 1))) {
        len = 1;
      }
      if (!len) break;
      p += len;
      ++*elements;
      read_count();
    } else if ((c == '(' || c == '[') && depth < 3) {
      char close = c == '(' ? ')' : ']';
      size_t q = s.find(close, p + 1);
      if (q == std::string_view::npos) break;
      std::string_view inner = s.substr(p + 1, q - p - 1);
      int inner_elements = 0;
      if (formula_groups_.count(inner)) {
        ++*elements;
      } else if (!inner.empty() && formula_prefix(inner, 0, &inner_elements, depth + 1) == inner.size()) {
        *elements += inner_elements;
      } else {
        break;
      }
      p = q + 1;
      read_count();
    } else {
      break;
    }
  }
  return p;
}

bool MaterialFinder::is_formula(std::string_view t) const {
  // Nanostructure abbreviations that parse as formulas (N+Cs, N+P... are not meant).
  for (std::string_view a : {"NCs", "NPs", "NC", "NP", "QDs", "NWs", "NRs", "NPLs", "NSs", "CNs", "NaNs"}) {
    if (t == a) return false;
  }
  if (t.empty() || !(is_upper(t[0]) || t[0] == '(' || t[0] == '[')) return false;
  int elements = 0;
  size_t p = formula_prefix(t, 0, &elements, 0);
  if (p == 0 || elements == 0) return false;
  std::string_view head = t.substr(0, p);
  // Hydrates and composites: "·2H2O", ".6H2O", "*H2O", "/C", "@SiO2".
  while (p < t.size()) {
    size_t sep = 0;
    for (std::string_view d : {"·", "•", "∙", "⋅", ".", "*", "/", "@"}) {
      if (t.substr(p).starts_with(d)) {
        sep = d.size();
        break;
      }
    }
    // Oxygen deficiency "FeO3-δ" / "O3−δ".
    if (!sep) {
      size_t d = dash_len(t, p);
      if (d && t.substr(p + d).starts_with("δ")) {
        p += d + std::strlen("δ");
        continue;
      }
      return false;
    }
    size_t q = p + sep;
    while (q < t.size() && (is_digit(t[q]) || t[q] == 'x' || t[q] == 'n')) ++q;
    int more = 0;
    size_t e = formula_prefix(t, q, &more, 0);
    if (e == q) return false;
    elements += more;
    p = e;
  }
  bool has_lower = false, has_digit = false;
  for (char c : t) {
    has_lower |= is_lower(c);
    has_digit |= is_digit(c);
  }
  // All-capital words without digits are acronyms (UV, ICP, AMP) far more often than formulas;
  // the real ones (HF, KOH, KBr) are in materials.tsv.
  if (!has_lower && !has_digit) return false;
  if (elements >= 2) return true;
  if (head.size() == 2 && !has_digit && t.size() == 2) {
    for (auto a : kAmbiguousSymbols) {
      if (t == a) return false;
    }
    return true;
  }
  if (has_digit) {
    bool one_letter = head.size() >= 1 && !(head.size() >= 2 && is_lower(head[1]));
    if (!one_letter) return true;
    for (auto m : kSmallMolecules) {
      if (t == m) return true;
    }
    // "S2", "C3", "B1": sample and panel labels.
    size_t digits = 0;
    for (char c : t) digits += is_digit(c);
    return digits >= 2 && t.size() > 3;
  }
  return false;
}

bool MaterialFinder::is_material_acronym(std::string_view t) const {
  if (t.size() < 2 || t.size() > 14 || !is_upper(t[0])) return false;
  std::string_view core = t.ends_with('s') ? t.substr(0, t.size() - 1) : t;
  int upper = 0;
  size_t part = 0;  // length of the current hyphen-separated part
  for (size_t k = 0; k < core.size(); ++k) {
    char c = core[k];
    if (is_upper(c)) {
      ++upper;
    } else if (c == '-') {
      if (k == 0 || k + 1 == core.size()) return false;
      part = 0;
      continue;
    } else if (!is_digit(c)) {
      return false;
    }
    // Instrument models ("JSM-6340F", "JEM-2100F") have long digit-letter parts after a hyphen.
    if (++part > 4 && core.find('-') != std::string_view::npos && core.find('-') < k) return false;
  }
  if (upper < 2) return false;
  if (not_acronyms_.count(t) || not_acronyms_.count(core)) return false;
  // Roman numerals ("XII"), and acronyms that end in digits only after one letter ("P2", "S1").
  bool roman = true;
  for (char c : core) roman &= c == 'I' || c == 'V' || c == 'X';
  return !roman;
}

MaterialFinder::WordClass MaterialFinder::classify(std::string_view w) const {
  auto it = words_.find(w);
  if (it == words_.end() && w.size() > 3 && w.back() == 's') it = words_.find(w.substr(0, w.size() - 1));
  if (it != words_.end()) return it->second;
  // "iron(iii)", "tungsten(iv)": element name with oxidation state.
  std::string_view base = w;
  size_t paren = w.find('(');
  if (paren != std::string_view::npos && w.back() == ')' && is_roman(w.substr(paren + 1, w.size() - paren - 2))) {
    base = w.substr(0, paren);
  }
  if (element_names_.count(base)) return kElement;
  if (w.size() < 5) return kNone;
  // Every suffix rule below ends in one of these letters; most English words are rejected here.
  char last = w.back();
  if (last != 'e' && last != 's' && last != 'l' && last != 'r' && last != 'c' && !is_digit(w[0])) return kNone;
  for (char c : w) {
    // Chemical words are letters, digits, hyphens, commas (locants) and brackets only.
    if (!(is_lower(c) || is_digit(c) || c == '-' || c == ',' || c == '(' || c == ')' || c == '\'' ||
          static_cast<unsigned char>(c) >= 0x80)) {
      return kNone;
    }
  }
  // Locants: "1-dodecanethiol", "1,10-phenanthroline", "n-hexane".
  bool locant = is_digit(w[0]) && w.find('-') != std::string_view::npos;
  if (ends_with(w, "ide") || ends_with(w, "ides")) return w.size() >= 6 ? kAnion : kNone;
  if (ends_with(w, "ate") || ends_with(w, "ates") || ends_with(w, "ite") || ends_with(w, "ites")) {
    return locant ? kAnion : kNone;  // weak: only after a cation word (see find())
  }
  for (std::string_view suf : {"ol", "ols", "ene", "enes", "ane", "anes", "yne", "amine", "amines", "amide", "thiol",
                               "thiols", "phosphine", "one", "ones", "ine", "ines", "ether"}) {
    if (ends_with(w, suf)) {
      if ((suf == "ine" || suf == "ines") && w.size() < 7) return kNone;
      return kOrganic;
    }
  }
  if (locant) return kOrganic;
  // Name parts that cannot end a name: "dodecyl", "carboxylic", "isobutyl".
  if (ends_with(w, "yl") || ends_with(w, "ic")) return kPart;
  return kNone;
}

std::vector<MaterialMention> MaterialFinder::find(const TokenView& view, const std::vector<bool>& blocked) const {
  std::vector<MaterialMention> out;
  const size_t n = view.tokens.size();
  StringMap<size_t> aliases;  // paper-local abbreviation → index in out
  auto joined_by_space = [&](size_t a) {
    // Tokens a and a+1 belong to one name only when separated by spaces alone.
    for (size_t k = view.tokens[a].end; k < view.tokens[a + 1].begin; ++k) {
      char c = view.text[k];
      if (c != ' ' && space_len(view.text, k) == 0 && (static_cast<unsigned char>(c) & 0xC0) != 0x80) return false;
    }
    return true;
  };
  auto raw_class_uncached = [&](size_t k) -> WordClass {
    std::string_view raw = view.raw(k);
    // "(III)" between words: "iron (III) chloride".
    if (view.tokens[k].begin > 0 && view.text[view.tokens[k].begin - 1] == '(' && view.tokens[k].end < view.text.size() &&
        view.text[view.tokens[k].end] == ')' && is_roman(raw)) {
      return kCation;
    }
    return classify(view.folded[k]);
  };
  // Word classes are computed once per token: runs starting at consecutive tokens overlap.
  std::vector<int8_t> class_cache(n, -1);
  auto raw_class = [&](size_t k) -> WordClass {
    if (class_cache[k] < 0) class_cache[k] = static_cast<int8_t>(raw_class_uncached(k));
    return static_cast<WordClass>(class_cache[k]);
  };

  for (size_t i = 0; i < n;) {
    if (blocked[i]) {
      ++i;
      continue;
    }
    std::string_view raw = view.raw(i);
    MaterialMention m;
    bool found = false;
    size_t len = 0;

    // "O2/N2", "MnO2/HPCs", "water/ethanol": a slash between material names lists materials.
    if (raw.find('/') != std::string_view::npos && raw.find("//") == std::string_view::npos) {
      std::vector<std::pair<size_t, size_t>> parts;
      bool all = true;
      size_t from = 0;
      while (all) {
        size_t slash = raw.find('/', from);
        std::string_view part = raw.substr(from, slash == std::string_view::npos ? std::string_view::npos : slash - from);
        WordClass pc = classify(fold_case(part));
        all = !part.empty() && (is_formula(part) || is_material_acronym(part) || pc == kOrganic || pc == kElement ||
                                aliases.count(part));
        parts.emplace_back(from, from + part.size());
        if (slash == std::string_view::npos) break;
        from = slash + 1;
      }
      if (all && parts.size() >= 2 && matcher_.match(view, i).entry < 0) {
        for (auto [b, e] : parts) {
          MaterialMention part;
          part.first_token = part.last_token = i;
          part.begin = view.tokens[i].begin + b;
          part.end = view.tokens[i].begin + e;
          std::string_view t = raw.substr(b, e - b);
          part.normalized = is_formula(t) || is_material_acronym(t) ? std::string(t) : fold_case(t);
          if (is_formula(t)) part.formula = std::string(t);
          out.push_back(std::move(part));
        }
        ++i;
        continue;
      }
    }
    auto lex = matcher_.match(view, i);
    for (size_t k = 0; lex.entry >= 0 && k < lex.tokens; ++k) {
      if (blocked[i + k]) lex = {};
    }
    // "TOP" in a sentence about a top layer, "OA" as a label: abbreviations need a plausible use.
    if (lex.entry >= 0 && lex.tokens == 1 && raw == "TOP" && i + 1 < n &&
        (view.folded[i + 1] == "layer" || view.folded[i + 1] == "surface" || view.folded[i + 1] == "view")) {
      lex = {};
    }

    // Chemical-name run: element/cation/organic words ending in an anion, acid, hydrate or organic head.
    size_t run = 0;
    bool salt = false;
    {
      std::vector<WordClass> cls;
      bool formula_first = is_formula(raw);
      size_t j = i;
      while (j < n && !blocked[j]) {
        WordClass c = (j == i && formula_first) ? kElement : raw_class(j);
        if (c == kNone || c == kStop) {
          // Weak -ate/-ite anion after a cation-like word: "ammonium heptamolybdate".
          std::string_view f = view.folded[j];
          bool weak = !cls.empty() && (cls.back() == kElement || cls.back() == kCation || cls.back() == kOrganic || cls.back() == kPart) &&
                      (ends_with(f, "ate") || ends_with(f, "ates") || ends_with(f, "ite")) && c != kStop;
          if (!weak) break;
          c = kAnion;
        }
        cls.push_back(c);
        if (j + 1 < n && !joined_by_space(j)) {
          ++j;
          break;
        }
        ++j;
      }
      // Trim to the last head word.
      size_t r = cls.size();
      while (r > 0) {
        WordClass c = cls[r - 1];
        bool head = c == kAnion || c == kOrganic || c == kHydrate || (c == kAcid && r >= 2) ||
                    (c == kElement && (r == 1 || cls[r - 2] == kElement));
        if (c == kHydrate && r == 1) head = false;
        if (head) break;
        --r;
      }
      if (r == 1 && cls[0] == kElement) {
        // A lone element name: "lead" is a verb too often; formulas are handled below.
        // "lead" is a verb too often; "zinc blende" is a crystal phase.
        if (view.folded[i] == "lead" || formula_first ||
            (i + 1 < n && view.folded[i + 1].starts_with("blende"))) {
          r = 0;
        }
      }
      run = r;
      for (size_t k = 0; k < r; ++k) salt |= cls[k] == kAnion && k > 0;
    }

    if (lex.entry >= 0 && lex.tokens >= run) {
      const Entry& e = entries_[lex.entry];
      m.normalized = e.normalized;
      m.formula = e.formula;
      m.role_prior = e.role;
      len = lex.tokens;
      found = true;
    } else if (run > 0) {
      len = run;
      found = true;
      std::string norm;
      for (size_t k = i; k < i + run; ++k) {
        if (!norm.empty()) norm += ' ';
        norm += view.folded[k];
      }
      m.normalized = norm;
      if (run == 1 && is_formula(raw)) m.formula = std::string(raw);
      // A named salt ("zinc acetate", "cupric nitrate hydrate") is most often a starting material.
      if (salt) m.role_prior = "precursor";
    } else if (is_formula(raw)) {
      len = 1;
      found = true;
      m.formula = std::string(raw);
      m.normalized = std::string(raw);
    } else if (auto a = aliases.find(raw); a != aliases.end()) {
      len = 1;
      found = true;
      m.normalized = out[a->second].normalized;
      m.formula = out[a->second].formula;
      m.role_prior = out[a->second].role_prior;
    } else if (is_material_acronym(raw) && !(i > 0 && is_label_word_before(view, i))) {
      len = 1;
      found = true;
      m.normalized = std::string(raw);
    } else if (false) {
      len = 1;
      found = true;
      m.normalized = out[a->second].normalized;
      m.formula = out[a->second].formula;
      m.role_prior = out[a->second].role_prior;
    } else {
      // "OA-capped", "Ag-doped": the part before the hyphen.
      for (auto suf : kHyphenSuffixes) {
        if (view.folded[i].ends_with(suf) && raw.size() > suf.size()) {
          std::string_view head = raw.substr(0, raw.size() - suf.size());
          std::string head_fold = fold_case(head);
          if (is_formula(head) || classify(head_fold) == kOrganic || classify(head_fold) == kElement) {
            m.first_token = m.last_token = i;
            m.begin = view.tokens[i].begin;
            m.end = m.begin + head.size();
            m.normalized = is_formula(head) ? std::string(head) : head_fold;
            if (is_formula(head)) m.formula = std::string(head);
            out.push_back(std::move(m));
          }
          break;
        }
      }
      ++i;
      continue;
    }
    if (!found) {
      ++i;
      continue;
    }
    // A following hydrate word or "·2H2O" token belongs to the name.
    while (i + len < n && !blocked[i + len] && joined_by_space(i + len - 1) &&
           (raw_class(i + len) == kHydrate ||
            (view.raw(i + len).starts_with("·") && is_formula(view.raw(i + len).substr(std::strlen("·")))))) {
      ++len;
    }
    m.first_token = i;
    m.last_token = i + len - 1;
    m.begin = view.tokens[i].begin;
    m.end = view.tokens[i + len - 1].end;
    out.push_back(std::move(m));
    size_t index = out.size() - 1;
    i += len;
    // "oleylamine (OLA)", "Ba0.95La0.05FeO3-δ (BLF)": a bracketed abbreviation right after a
    // mention names the same material for the rest of the paragraph.
    if (i < n && !blocked[i]) {
      const Token& t = view.tokens[i];
      std::string_view abbr = view.raw(i);
      bool bracketed = t.begin > 0 && view.text[t.begin - 1] == '(' && t.end < view.text.size() &&
                       view.text[t.end] == ')';
      bool has_upper = false;
      for (char c : abbr) has_upper |= is_upper(c);
      if (bracketed && has_upper && abbr.size() <= 10 && abbr.size() >= 2 && !is_digit(abbr[0])) {
        aliases[std::string(abbr)] = index;
        MaterialMention alias = out[index];
        alias.first_token = alias.last_token = i;
        alias.begin = t.begin;
        alias.end = t.end;
        out.push_back(std::move(alias));
        ++i;
      }
    }
  }
  return out;
}

}  // namespace synthdb::rules
