// Learned stage "materials" (see learned.h): a logistic-regression model over features of each
// material mention the rules found decides whether to keep it, drop it, or move one of its edges
// by a word. Trained on the MSP dev split (docs/learned/materials.md).
#include <algorithm>
#include <string>
#include <string_view>

#include "extract/rules/learned.h"

namespace synthdb::rules {

namespace {

// Labels. A mention that overlaps a gold span with other edges and no single edit fixes is
// labelled keep: it is half right (its amount and role may count) and dropping it is no repair.
constexpr std::string_view kKeep = "keep", kDrop = "drop";
constexpr std::string_view kTrimFirst = "trim-first", kTrimLast = "trim-last", kAddNext = "add-next",
                           kAddPrev = "add-prev";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
// Bytes that end a word on either side (the mention finder's tokens split on the same ones).
bool is_break(char c) {
  return is_space(c) || c == ',' || c == ';' || c == '(' || c == ')' || c == '[' || c == ']' || c == '"';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

struct Span {
  size_t begin = 0, end = 0;  // bytes; empty when begin == end
  bool empty() const { return begin == end; }
};

// The word before byte `b` (skipping spaces and breaks), without a final '.' or ':'.
Span word_before(std::string_view t, size_t b) {
  while (b > 0 && is_break(t[b - 1])) --b;
  size_t e = b;
  while (b > 0 && !is_break(t[b - 1])) --b;
  while (e > b && (t[e - 1] == '.' || t[e - 1] == ':')) --e;
  return {b, e};
}
// The word after byte `e`, without a final '.' or ':'.
Span word_after(std::string_view t, size_t e) {
  while (e < t.size() && is_break(t[e])) ++e;
  size_t b = e;
  while (e < t.size() && !is_break(t[e])) ++e;
  while (e > b && (t[e - 1] == '.' || t[e - 1] == ':')) --e;
  return {b, e};
}

// Code point index of byte offset `b` (a code point boundary).
int64_t cp_of(const StageInput& in, size_t b) {
  return std::lower_bound(in.byte_of.begin(), in.byte_of.end(), b) - in.byte_of.begin();
}

// "CsPbBr3" -> "AaAaAa0": letter case and digit classes with runs collapsed, capped.
void shape(std::string_view s, std::string& out) {
  char last = 0;
  for (char c : s) {
    char k = is_upper(c) ? 'A' : is_lower(c) ? 'a' : is_digit(c) ? '0' : (static_cast<unsigned char>(c) >= 0x80 ? 'u' : c);
    if (k == last) continue;
    last = k;
    out += k;
    if (out.size() > 24) break;
  }
}

// The candidate edges of an edit, or an empty span when the edit does not apply.
Span edit_span(std::string_view t, Span m, std::string_view label) {
  std::string_view s = t.substr(m.begin, m.end - m.begin);
  if (label == kTrimFirst) {
    size_t sp = s.find(' ');
    if (sp == std::string_view::npos) return {};
    size_t b = m.begin + sp;
    while (b < m.end && is_space(t[b])) ++b;
    return b < m.end ? Span{b, m.end} : Span{};
  }
  if (label == kTrimLast) {
    size_t sp = s.rfind(' ');
    if (sp == std::string_view::npos || sp == 0) return {};
    size_t e = m.begin + sp;
    while (e > m.begin && is_space(t[e - 1])) --e;
    return e > m.begin ? Span{m.begin, e} : Span{};
  }
  if (label == kAddNext) {
    // Only across spaces: "sodium hydroxide solution", not across a comma or bracket.
    size_t e = m.end;
    if (e >= t.size() || !is_space(t[e])) return {};
    while (e < t.size() && is_space(t[e])) ++e;
    Span w = word_after(t, e);
    if (w.begin != e || w.empty()) return {};
    return {m.begin, w.end};
  }
  if (label == kAddPrev) {
    size_t b = m.begin;
    if (b == 0 || !is_space(t[b - 1])) return {};
    while (b > 0 && is_space(t[b - 1])) --b;
    Span w = word_before(t, b);
    if (w.end != b || w.empty()) return {};
    return {w.begin, m.end};
  }
  return {};
}

constexpr std::string_view kEdits[] = {kTrimFirst, kTrimLast, kAddNext, kAddPrev};

bool is_determiner(std::string_view w) {
  return w == "the" || w == "a" || w == "an" || w == "this" || w == "these" || w == "that" || w == "those" ||
         w == "its" || w == "their" || w == "each";
}

}  // namespace

std::vector<std::string> material_features(const StageInput& in, const Extraction& x, size_t i) {
  const Entity& e = x.entities[i];
  std::vector<std::string> f;
  f.reserve(40);
  const std::string_view t = in.text, low = in.folded;
  const Span m{in.byte_of[e.start], in.byte_of[e.end]};
  const std::string_view raw = t.substr(m.begin, m.end - m.begin), fold = low.substr(m.begin, m.end - m.begin);
  auto add = [&f](std::string_view prefix, std::string_view value) {
    std::string s;
    s.reserve(prefix.size() + value.size());
    s += prefix;
    // The model file is tab- and line-separated: whitespace inside a value becomes a space.
    for (char c : value) s += c == '\t' || c == '\n' || c == '\r' ? ' ' : c;
    f.push_back(std::move(s));
  };
  if (fold.size() <= 40) add("t=", fold);
  // Words of the mention.
  size_t first_sp = fold.find(' '), last_sp = fold.rfind(' ');
  std::string_view head = last_sp == std::string_view::npos ? fold : fold.substr(last_sp + 1);
  int words = 1;
  for (char c : fold) words += c == ' ';
  add("h=", head);
  if (first_sp != std::string_view::npos) add("f=", fold.substr(0, first_sp));
  add("n=", std::string_view("1234+").substr(std::min(words, 5) - 1, 1));
  if (head.size() >= 4 && is_lower(head.back())) add("s3=", head.substr(head.size() - 3));
  std::string sh;
  shape(raw, sh);
  add("sh=", sh);
  bool digit = false, upper2 = false, hyphen = false, slash = false, bracket = false;
  int uppers = 0, lowers = 0;
  for (char c : raw) {
    digit |= is_digit(c);
    uppers += is_upper(c);
    lowers += is_lower(c);
    hyphen |= c == '-';
    slash |= c == '/' || c == '@';
    bracket |= c == '(' || c == '[';
  }
  upper2 = uppers >= 2;
  if (digit) f.emplace_back("digit");
  if (hyphen) f.emplace_back("hyphen");
  if (slash) f.emplace_back("slash");
  if (bracket) f.emplace_back("bracket");
  if (!e.formula.empty()) f.emplace_back("formula");
  if (upper2 && lowers == 0) f.emplace_back("caps");
  if (upper2 && lowers > 0 && !digit && e.formula.empty()) f.emplace_back("mixedcaps");
  if (uppers == 1 && is_upper(raw[0]) && lowers > 0 && !digit) f.emplace_back("capitalised");
  if (raw.size() <= 2) f.emplace_back("short");
  // A lexicon or normalised name that differs from the surface (the lexicon knew the name).
  if (!e.normalized.empty() && e.normalized != fold && e.normalized != raw) f.emplace_back("renamed");
  add("r=", e.role);
  bool amount = false;
  for (const Entity& a : x.entities) amount |= a.material && static_cast<size_t>(*a.material) == i;
  if (amount) f.emplace_back("amount");
  // Context words.
  Span p1 = word_before(t, m.begin), n1 = word_after(t, m.end);
  std::string_view pw = low.substr(p1.begin, p1.end - p1.begin), nw = low.substr(n1.begin, n1.end - n1.begin);
  add("p1=", pw.empty() ? "<s>" : pw);
  add("n1=", nw.empty() ? "</s>" : nw);
  if (!p1.empty()) {
    Span p2 = word_before(t, p1.begin);
    add("p2=", low.substr(p2.begin, p2.end - p2.begin));
  }
  if (!n1.empty()) {
    Span n2 = word_after(t, n1.end);
    add("n2=", low.substr(n2.begin, n2.end - n2.begin));
  }
  if (is_determiner(pw)) f.emplace_back("det");
  add("hn1=", std::string(head) + "|" + std::string(nw));
  // The bytes right around the mention: brackets (an alias, a formula after a name), commas (a list).
  char before = m.begin > 0 ? t[m.begin - 1] : '^', after = m.end < t.size() ? t[m.end] : '$';
  if (before == ' ' && m.begin > 1) before = t[m.begin - 2] == ',' || t[m.begin - 2] == '(' ? t[m.begin - 2] : ' ';
  if (after == ' ' && m.end + 1 < t.size()) after = t[m.end + 1] == '(' ? '(' : ' ';
  add("pc=", std::string_view(&before, 1));
  add("nc=", std::string_view(&after, 1));
  // Sentence start: the mention is capitalised only because of its position.
  {
    size_t b = m.begin;
    while (b > 0 && is_space(t[b - 1])) --b;
    if (b == 0 || t[b - 1] == '.') f.emplace_back("sent0");
  }
  // The same string as another material mention of the paragraph.
  int same = 0;
  for (size_t j = 0; j < x.entities.size(); ++j) {
    const Entity& o = x.entities[j];
    if (j == i || o.type != "material") continue;
    same += low.substr(in.byte_of[o.start], in.byte_of[o.end] - in.byte_of[o.start]) == fold;
  }
  if (same > 0) f.emplace_back(same > 1 ? "same2" : "same1");
  // The sentence around the mention: which other entity types it holds (a material in a sentence
  // with no operation, amount or condition is more often a composition, label or instrument).
  {
    size_t sb = m.begin, se = m.end;
    while (sb > 1 && !(t[sb - 1] == ' ' && t[sb - 2] == '.')) --sb;
    while (se + 1 < t.size() && !(t[se] == '.' && is_space(t[se + 1]))) ++se;
    const int64_t cs = cp_of(in, sb), ce = cp_of(in, se);
    bool op = false, amt = false, cond = false, other_mat = false;
    for (size_t j = 0; j < x.entities.size(); ++j) {
      const Entity& o = x.entities[j];
      if (j == i || o.end <= cs || o.start >= ce) continue;
      const std::string_view ty = o.type;
      op |= ty == "operation";
      amt |= ty == "amount";
      cond |= ty == "temperature" || ty == "time" || ty == "atmosphere" || ty == "pressure";
      other_mat |= ty == "material";
    }
    f.emplace_back(op ? "s:op" : "s:noop");
    // Conjunctions the linear model cannot form itself.
    add("c:r.op.amt=", e.role + (op ? "+op" : "-op") + (amt ? "+amt" : "-amt") + (amount ? "+link" : "-link"));
    add("c:sh.r=", sh + "|" + e.role);
    add("c:p1.r=", std::string(pw) + "|" + e.role);
    f.emplace_back(amt ? "s:amt" : "s:noamt");
    if (cond) f.emplace_back("s:cond");
    if (!other_mat) f.emplace_back("s:alone");
  }
  return f;
}

std::vector<learn::Example> material_examples(const std::vector<GoldParagraph>& gold,
                                              const std::vector<Extraction>& rules) {
  std::vector<learn::Example> out;
  for (size_t p = 0; p < gold.size() && p < rules.size(); ++p) {
    const GoldParagraph& g = gold[p];
    StageInput in(g.text);
    std::vector<std::pair<int64_t, int64_t>> spans;
    for (const Entity& ge : g.entities) {
      if (ge.type == "material") spans.emplace_back(ge.start, ge.end);
    }
    auto exact = [&](int64_t s, int64_t e) {
      return std::find(spans.begin(), spans.end(), std::pair{s, e}) != spans.end();
    };
    const Extraction& x = rules[p];
    for (size_t i = 0; i < x.entities.size(); ++i) {
      const Entity& e = x.entities[i];
      if (e.type != "material") continue;
      std::string_view label = kDrop;
      bool overlap = false;
      for (auto [s, en] : spans) overlap |= s < e.end && e.start < en;
      if (exact(e.start, e.end)) {
        label = kKeep;
      } else if (overlap) {
        label = kKeep;
        Span m{in.byte_of[e.start], in.byte_of[e.end]};
        for (std::string_view edit : kEdits) {
          Span s = edit_span(in.text, m, edit);
          if (!s.empty() && exact(cp_of(in, s.begin), cp_of(in, s.end))) {
            label = edit;
            break;
          }
        }
      }
      out.push_back({material_features(in, x, i), std::string(label), g.id});
    }
  }
  return out;
}

void material_apply(const learn::LinearModel& model, const StageInput& in, Extraction& x) {
  const std::vector<std::string>& labels = model.labels();
  std::vector<bool> keep(x.entities.size(), true);
  bool dropped = false;
  for (size_t i = 0; i < x.entities.size(); ++i) {
    Entity& e = x.entities[i];
    if (e.type != "material") continue;
    std::string_view label = labels[model.predict(material_features(in, x, i))];
    if (label == kKeep) continue;
    if (label == kDrop) {
      keep[i] = false;
      dropped = true;
      continue;
    }
    Span m{in.byte_of[e.start], in.byte_of[e.end]};
    Span s = edit_span(in.text, m, label);
    if (s.empty()) continue;
    int64_t start = cp_of(in, s.begin), end = cp_of(in, s.end);
    // An extended edge must not run into another entity.
    bool clash = false;
    for (size_t j = 0; j < x.entities.size(); ++j) {
      const Entity& o = x.entities[j];
      clash |= j != i && o.start < end && start < o.end && !(o.start < e.end && e.start < o.end);
    }
    if (clash) continue;
    std::string old_fold(in.folded.substr(m.begin, m.end - m.begin));
    e.start = start;
    e.end = end;
    e.text = std::string(in.text.substr(s.begin, s.end - s.begin));
    // The name follows the new surface; a formula survives only if the surface still is it.
    e.name = e.text;
    if (e.normalized == old_fold || e.normalized.empty()) e.normalized = std::string(in.folded.substr(s.begin, s.end - s.begin));
    if (!e.formula.empty() && e.formula != e.text) e.formula.clear();
  }
  if (dropped) remove_entities(x, keep);
}

}  // namespace synthdb::rules
