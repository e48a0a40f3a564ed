#pragma once

// Private to the extractor's own translation units (not installed, not included by the CLI): the
// types and small helpers that several of its passes share, the passes one file defines and another
// calls, and Extractor::Impl. File map: docs/ARCHITECTURE.md.

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <deque>
#include <mutex>

#include "extract/core/error.h"
#include "extract/rules/extractor.h"
#include "extract/rules/learned.h"
#include "extract/rules/lexicon.h"
#include "extract/rules/materials.h"
#include "extract/rules/quantities.h"
#include "extract/rules/text.h"

namespace synthdb::rules {

// Literal lists iterated as string_views are written with sv: a braced list of plain literals is an
// initializer_list<const char*>, and each conversion then calls strlen at run time.
using namespace std::string_view_literals;
// A std::string compared with "literal"sv tests the length inline; with a plain "literal", GCC 12's
// libstdc++ calls strlen() and compare(), which shows in the loops over tokens and entities.


namespace detail {

// A lexicon of phrase → value (first two TSV fields, optional "cs" flag or gate in the third).
struct ValueLexicon {
  // A context gate of an entry (third column of operations.tsv): kVerb = a step only as a passive
  // or infinitive verb ("was reduced in H2", not "reduced graphene oxide"); kAdjective = no step as a
  // participle before its noun ("the mixed solution", "with diluted HCl"); kNoun = a noun that is a
  // step only with a step's context ("reduction at 700 °C", not "oxygen reduction kinetics"); kStep
  // = a unit step that is none as a participle adjective, before a property noun, or in
  // other-work, reference, measurement or mechanism text (words.cc, unit_step_context).
  enum Gate : uint8_t { kAny, kVerb, kAdjective, kNoun, kStep };
  PhraseMatcher matcher;
  std::vector<std::string> values;
  std::vector<Gate> gates;
  void load(LexiconFiles& lexicons, std::string_view file, bool plural) {
    for (const TsvRow& row : lexicons.read_tsv(file, 2)) {
      bool cs = row.fields.size() > 2 && row.fields[2] == "cs";
      matcher.add(row.fields[0], static_cast<int>(values.size()), cs, plural && !cs);
      values.push_back(row.fields[1]);
      const std::string_view gate = row.fields.size() > 2 ? std::string_view(row.fields[2]) : std::string_view();
      gates.push_back(gate == "verb"        ? kVerb
                      : gate == "adjective" ? kAdjective
                      : gate == "noun"      ? kNoun
                      : gate == "step"      ? kStep
                                            : kAny);
    }
  }
};

struct Raw {
  Entity e;
  size_t begin = 0;  // bytes
  size_t end = 0;
  int material_ref = -1;  // amount → index into the materials list (before sorting)
  int material_id = -1;   // material → its index in the materials list
};

// The sentence start that position k (1 <= k <= size) marks, or 0: after a newline or ';', or
// after ". " ("Fig. 2", "ca. 5", "eq. 3" and "vs. x" do not end sentences).
inline size_t boundary_at(std::string_view text, size_t k) {
  char c = text[k - 1];
  if (c == '\n' || c == ';') return k;
  // Byte compares rather than substr() == "..." (a bounds check and a compare() call each): this
  // runs at every full stop of every paragraph.
  if (c == '.' && k < text.size() && text[k] == ' ' &&
      !(k >= 2 && (text[k - 2] == 'g' || is_digit(text[k - 2])) && k >= 4 && text[k - 4] == 'f' &&
        text[k - 3] == 'i' && text[k - 2] == 'g')) {
    if (k >= 3) {
      char a = text[k - 3], b = text[k - 2];
      if ((a == 'c' && b == 'a') || (a == 'e' && b == 'q') || (a == 'v' && b == 's')) return 0;
    }
    return k + 1;
  }
  return 0;
}

// Start of the sentence containing `pos`, looking back at most `max_back` bytes. All boundaries of
// a paragraph are found in one pass; each query is a binary search (every mention and quantity
// asks, and scanning back up to 200 bytes each time was 2 % of the extraction time).
class SentenceStarts {
 public:
  explicit SentenceStarts(std::string_view text) {
    at_.reserve(text.size() / 64 + 4);  // room for a sentence per 64 bytes: no regrowth copies
    // The '\n', ';' and '.' bytes in text order, each byte's next one found with memchr(): they are
    // tens of bytes apart (a test of every byte, eight at a time, took 4 times the instructions).
    constexpr char kEnds[] = {'\n', ';', '.'};
    size_t next[3];
    for (size_t e = 0; e < 3; ++e) next[e] = text.find(kEnds[e]);
    for (;;) {
      const size_t at = std::min({next[0], next[1], next[2]});
      if (at == std::string_view::npos) break;
      if (size_t r = boundary_at(text, at + 1)) at_.push_back({at + 1, r});
      const size_t e = text[at] == '\n' ? 0 : text[at] == ';' ? 1 : 2;
      next[e] = text.find(kEnds[e], at + 1);
    }
  }
  size_t operator()(size_t pos, size_t max_back) const {
    size_t from = pos > max_back ? pos - max_back : 0;
    // The largest boundary k with from < k <= pos, as a backward scan from pos would meet first.
    auto it = std::upper_bound(at_.begin(), at_.end(), pos,
                               [](size_t p, const std::pair<size_t, size_t>& b) { return p < b.first; });
    if (it == at_.begin()) return from;
    --it;
    return it->first > from ? it->second : from;
  }

 private:
  std::vector<std::pair<size_t, size_t>> at_;  // (k, sentence start), k ascending
};

// Last position in `window` where any of `cues` occurs (npos when none).
// One backward pass with a first-byte test: rfind() per cue compares at every position and was a
// tenth of the extraction time on nanocrystal paragraphs (many lengths, ~25 cues each).
// First bytes of a cue list as a 256-bit set: most positions of a window start no cue, and one
// bit test there replaces a compare per cue.
struct FirstBytes {
  uint64_t bits[4] = {0, 0, 0, 0};
  explicit FirstBytes(std::initializer_list<std::string_view> cues) {
    for (std::string_view cue : cues) add(cue);
  }
  template <size_t N>
  explicit FirstBytes(const std::string_view (&cues)[N]) {
    for (std::string_view cue : cues) add(cue);
  }
  void add(std::string_view cue) {
    auto b = static_cast<unsigned char>(cue[0]);
    bits[b >> 6] |= uint64_t{1} << (b & 63);
  }
  bool has(char c) const {
    auto b = static_cast<unsigned char>(c);
    return (bits[b >> 6] >> (b & 63)) & 1;
  }
};

// Where the last occurrence of any of `cues` in `window` starts that `accept(window, pos)` takes
// (a word start, say: last_word_cue()), or npos. One backward pass over the window.
template <class Accept>
size_t last_cue(std::string_view window, std::initializer_list<std::string_view> cues, Accept accept) {
  const FirstBytes first(cues);
  for (size_t pos = window.size(); pos-- > 0;) {
    char c = window[pos];
    if (!first.has(c)) continue;
    for (std::string_view cue : cues) {
      // has_prefix, not compare(): an out-of-line call and a memcmp per candidate (1 % of the time).
      if (cue[0] == c && has_prefix(window.substr(pos), cue) && accept(window, pos)) return pos;
    }
  }
  return std::string_view::npos;
}
inline size_t last_cue(std::string_view window, std::initializer_list<std::string_view> cues) {
  return last_cue(window, cues, [](std::string_view, size_t) { return true; });
}

// What a failure that passed failure_in_context says about the paragraph's status. A failure is
// always an entity (a reported failed attempt), but the status is the paragraph's: an ablation or
// control ("without seeds", "in the absence of Ag+", "control") is a variant of the synthesis and
// fails the paragraph only when the paragraph reports no success elsewhere; a partial or transient
// failure ("The first two attempts failed, but the third gave ...", "No nanorods formed unless AgNO3
// was added") never fails it. A failure under an 'if' condition after the cue ("Phase-pure CsPbI3 NCs
// could not be obtained if the reaction was run above 200 °C", kCondition) is a variant's: it fails
// no paragraph, but the product of its sentence is then no success either (review 13b, R6). A
// failure under a named condition value ("At 140 °C the reaction failed", kScreen) is a variant like
// an ablation, but only an outcome in another sentence, or after a contrast clause that names
// another value ("..., whereas at 180 °C"), is the success that spares the paragraph (review 16b, B6).
enum class FailureScope { kParagraph, kAblation, kPartial, kCondition, kScreen };

// Shape words (morphologies.tsv) with the context gates documented at the top of that file.
struct MorphLexicon {
  enum Gate : uint8_t { kNone, kBase, kHabit, kStock, kAnaphora, kCore, kShape, kRound, kPlant };
  PhraseMatcher matcher;
  std::vector<std::string> labels;
  std::vector<Gate> gates;
  // One-word phrases (folded, with their plurals) → entry: parts of "nanoflakes/HPCs" and the stems
  // of "flake-like", "tube-shaped".
  StringMap<int> single;
  size_t longest_single = 0;  // bytes of the longest key of `single`
  // First words of the matcher's phrases (and their forms without a final "s"): most tokens fail
  // this test on their precomputed hash and skip the matcher call.
  HashFilter first_words;
  // The base stems (and their forms without a final "s"): a shape column's cell may be one ("5.2 disk 30").
  HashFilter base_words;
  void load(LexiconFiles& lexicons, std::string_view file) {
    const auto path = lexicons.path(file);
    for (const TsvRow& row : lexicons.read_tsv(file, 2)) {
      bool cs = false, plural = true;
      Gate gate = kNone;
      if (row.fields.size() > 2) {
        std::string_view flags = row.fields[2];
        while (!flags.empty()) {
          size_t comma = flags.find(',');
          std::string_view f = flags.substr(0, comma);
          flags = comma == std::string_view::npos ? std::string_view() : flags.substr(comma + 1);
          if (f == "cs") cs = true;
          else if (f == "exact") plural = false;
          else if (f == "base") gate = kBase;
          else if (f == "habit") gate = kHabit;
          else if (f == "stock") gate = kStock;
          else if (f == "anaphora") gate = kAnaphora;
          else if (f == "core") gate = kCore;
          else if (f == "shape") gate = kShape;
          else if (f == "round") gate = kRound;
          else if (f == "plant") gate = kPlant;
          else throw RuleError(path.string() + ":" + std::to_string(row.line) + ": unknown flag '" + std::string(f) +
                               "'");
        }
      }
      int entry = static_cast<int>(labels.size());
      labels.push_back(row.fields[1]);
      gates.push_back(gate);
      // A base stem never stands alone: only "-like"/"-shaped" words reach it (through `single`).
      if (gate != kBase) {
        matcher.add(row.fields[0], entry, cs, plural && !cs);
        std::string first = fold_case(row.fields[0].substr(0, row.fields[0].find(' ')));
        first_words.add(first);
      } else {
        base_words.add(fold_case(row.fields[0]));
      }
      if (!cs && row.fields[0].find(' ') == std::string::npos) {
        std::string w = fold_case(row.fields[0]);
        longest_single = std::max(longest_single, w.size() + (plural ? 2 : 0));
        single.emplace(w, entry);
        if (plural) {
          single.emplace(w + "s", entry);
          single.emplace(w + "es", entry);
        }
      }
    }
  }
};

// What the passes of extract() share for one paragraph: the text and its views (built before the
// passes run), the entities found so far (`raws`), and what one pass leaves for a later one. The
// references point at extract()'s locals, built in its order.
struct Paragraph {
  std::string_view text;
  const std::string& folded;  // ascii_lower(text)
  const CodePointMap& cps;
  const TokenView& view;
  const SentenceStarts& sentences;
  const std::vector<uint8_t>& blocked;       // per token: inside a quantity
  const std::vector<Quantity>& qs;           // numbers with units, and the cues without digits
  const std::vector<MaterialMention>& mats;  // MaterialFinder::find()
  const std::vector<uint8_t>& in_material;   // per token: inside a material mention
  std::vector<Raw>& raws;                    // the entities so far, unordered
  const ByteTriples& triples;                // ByteTriples(folded): rules out literals before a scan
  // Left by one pass for a later one:
  std::vector<std::pair<size_t, size_t>> failure_spans = {};  // find_failures(): bytes [begin, end)
  std::vector<FailureScope> failure_scopes = {};              // find_failures(): one per span
  std::vector<std::pair<size_t, size_t>> failure_sentences = {};  // find_failures(): one per span, its sentence
  std::vector<std::pair<size_t, size_t>> cited_sentences = {};    // find_failures(): cited_failure() sentences
  std::vector<int> amount_material = {};    // link_amounts(): per raw, the mention it doses or -1
  std::vector<int> material_amounts = {};   // link_amounts(): per mention, its amounts
  std::vector<int> material_measures = {};  // link_amounts(): the same without fractions
  std::vector<bool> alias = {};             // find_aliases(): per mention, an alias of the one before
  std::vector<std::tuple<size_t, size_t, size_t>> outcome_at = {};  // order_entities(): (entity, begin, end)
  std::vector<size_t> unmade_sizes = {};  // table_sizes(): begins (bytes, ascending) of sizes (and optical cells) of no product made
  // quantity_entities(), table_sizes(), reference_outcomes(): the lengths (bytes [begin, end)) the rules
  // read and ruled out as product sizes (a set-up part, a bibliography entry ...); the learned size
  // stage adds none of them back (StageInput::vetoed_lengths).
  std::vector<std::pair<size_t, size_t>> vetoed_lengths = {};

  // The token that holds byte `byte`, or the first token after it (view.tokens.size() at the end).
  size_t token_at(size_t byte) const {
    auto it = std::lower_bound(view.tokens.begin(), view.tokens.end(), byte,
                               [](const Token& t, size_t b) { return t.end <= b; });
    return static_cast<size_t>(it - view.tokens.begin());
  }
};

// Of material_entities() (defined there), named in Impl's role steps.
struct RoleWalk;
struct MentionCues;

// Passes defined in one file and called from extract() (their comments: at their definitions).
void set_aside_cited(Paragraph& para, Extraction& result);       // failures.cc
void paragraph_status(const Paragraph& para, Extraction& result);  // failures.cc
void find_morphologies(const MorphLexicon& lex, const TokenView& view, std::string_view folded,
                       const std::vector<uint8_t>& blocked, const std::vector<MaterialMention>& mats,
                       const std::vector<uint8_t>& in_material, std::vector<Raw>* raws);  // words.cc
void link_amounts(Paragraph& para);  // amounts.cc
bool precipitate_removed(std::string_view rest);  // words.cc: "at pH 4 and filtered off"
// A quantity that changes rather than a solid that reacts: "size", "content", "amount" (words.cc).
bool changing_quantity(std::string_view w);
void table_sizes(Paragraph& para);   // quantity_entities.cc
void fraction_plqys(Paragraph& para);  // quantity_entities.cc
void reference_outcomes(Paragraph& para);  // quantity_entities.cc
void unused_and_nonsteps(Paragraph& para);  // words.cc: chemicals said not to be used, steps that are none

// A failure pattern with its spaces widened to the no-break and thin spaces (extractor.cc).
std::string any_space(std::string_view pattern);

}  // namespace detail

struct Extractor::Impl {
  std::unique_ptr<QuantityScanner> quantities;
  std::unique_ptr<MaterialFinder> materials;
  detail::ValueLexicon words, temperature_roles, atmospheres;
  detail::MorphLexicon morphologies;  // shape words with context gates (own pass, may overlap materials)
  std::vector<std::string> word_types;  // per entry of `words`: operation, method, morphology, phase
  std::unique_ptr<re2::RE2::Set> failure_set;  // prefilter: which failure rules can match at all
  // Whether may_hold_failure_cue() may skip failure_set: false when a rule names none of its words.
  bool failure_gate = true;
  // One failure rule, compiled on its first hit: most paragraphs hit none, and compiling all of them
  // up front cost about a sixth of start-up. The set has already parsed the same pattern with the
  // same options, so a rule that does not parse fails at construction as before. The once_flag
  // keeps extract() const and thread-safe (and makes the type immovable, hence a deque).
  // `pattern` has its ASCII case folds spelled out (ascii_fold_pattern()) and is matched case-
  // sensitively; `written` is the rule as in failures.tsv, matched with (?i) (spaces widened then) on
  // text that holds the Kelvin sign or the long s (needs_unicode_fold()), which (?i) folds to k and s.
  struct FailureRule {
    FailureRule(std::string n, std::string p, std::string w)
        : name(std::move(n)), pattern(std::move(p)), written(std::move(w)) {}
    const re2::RE2& re(bool unicode) const {
      if (unicode) {
        std::call_once(unicode_once, [this] { unicode_compiled = compile("failures.tsv:" + name, detail::any_space(written), false); });
        return *unicode_compiled;
      }
      std::call_once(once, [this] { compiled = compile("failures.tsv:" + name, pattern, true); });
      return *compiled;
    }
    std::string name, pattern, written;
    mutable std::once_flag once, unicode_once;
    mutable std::unique_ptr<re2::RE2> compiled, unicode_compiled;
  };
  std::deque<FailureRule> failures;
  // failure_set's pattern k is failures[set_rule[k]]. A rule with a gate (third TSV field: literals
  // joined by '|') stays out of the set and is tried only on a paragraph whose lower-cased text holds
  // one of them: every pattern in the set costs start-up and DFA time on every paragraph, and cues
  // of nanocrystal optics ("the PLQY dropped to 5 %") cost 2-4 % of the MSP benchmark there.
  std::vector<int> set_rule;
  // failure_set's rules as written, for text that needs_unicode_fold(): built on first use (rare).
  mutable std::once_flag unicode_set_once;
  mutable std::unique_ptr<re2::RE2::Set> unicode_failure_set;
  const re2::RE2::Set& unicode_set() const;
  std::vector<std::pair<int, std::vector<std::string>>> gated_rules;  // failures index, gate literals
  // Per gated rule, the longest prefix or suffix all its literals share ("instead of the expected|
  // instead of the desired|..."): a paragraph without its byte triples holds none of them.
  std::vector<std::string> gate_common;
  // ByteTriples::slots() of gate_common and of each gated rule's literals, parallel to them.
  std::vector<std::vector<uint16_t>> gate_common_slots;
  std::vector<std::vector<std::vector<uint16_t>>> gate_slots;
  std::unique_ptr<re2::RE2> target_noun, target_before, target_after, solvent_before,
      precursor_before,
      input_after, measured_medium, role_after;
  LearnedModels learned;
  // version() hashes the lexicon bytes read at construction on its first call: hashing them cost
  // about 6 % of start-up, and `synthdb extract` never asks for the version.
  std::string lexicon_bytes;  // every lexicon file's name, a NUL and its bytes
  mutable std::once_flag version_once;
  mutable std::string version;

  // The passes of extract() (their order and what each needs: at their definitions).
  std::vector<Quantity> scan_quantities(std::string_view text, const std::string& folded,
                                        const ByteTriples& triples) const;
  void quantity_entities(detail::Paragraph& para) const;
  void material_entities(detail::Paragraph& para) const;
  // Steps of material_entities() that run the role rules (RE2) above.
  bool cued_role(const detail::Paragraph& para, size_t mi, const detail::MentionCues& mc, detail::RoleWalk& walk,
                 std::string& role) const;
  void prior_role(const detail::Paragraph& para, size_t mi, const detail::MentionCues& mc, detail::RoleWalk& walk,
                  std::string& role) const;
  void find_words(detail::Paragraph& para) const;
  void find_failures(detail::Paragraph& para) const;
  void finish(std::string_view text, std::string folded, std::vector<std::pair<size_t, size_t>> vetoed_lengths,
              Extraction& result) const;
};

}  // namespace synthdb::rules
