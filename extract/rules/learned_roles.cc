// Learned stage "roles" (see learned.h): a logistic-regression model re-decides the role of every
// material mention the rules found. Trained on the MSP dev split (docs/learned/roles.md).
//
// The feature set is small on purpose. Richer context features (words around the mention, the
// nearest verb and its kind, prepositions, name class, head word, linked amounts, first/repeated
// mention, purchase-list sentences, brackets) were measured and each of them lowered the grouped
// cross-validated accuracy on MSP dev and the end-to-end role F1 when training on one half of dev
// and scoring the other: MSP's role labels differ from paper to paper (the same kind of reagent is
// Recipe_Precursor in one paper and a plain participant in the next), so what such features learn
// from ~55 papers does not carry over to the next ones. On our own consistently annotated role
// gold the same features do help (docs/learned/roles.md, "Findings").
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "extract/rules/learned.h"

namespace synthdb::rules {

namespace {

using namespace std::string_view_literals;

// Label of a training example whose rule mention is no gold material at all.
constexpr std::string_view kNone = "none";

// A mention gets the most probable of the roles when that probability reaches this threshold,
// else "other". Below one half on purpose: the role rows score F1 over precursor/solvent/target,
// and with MSP's noisy labels the F1-best decision keeps a role that is only likely (measured on
// the dev halves: 0.25-0.4 are equal within noise, 0.5 loses recall).
constexpr double kRoleThreshold = 0.35;

bool is_role(std::string_view r) {
  return r == "precursor" || r == "solvent" || r == "target" || r == "ligand" || r == "reductant";
}

// Features are a few fixed strings, so that the stage allocates nothing per mention: "rule=<r>",
// "list-prev=<r>", "list-next=<r>" for the contract roles (and "none" for anything else).
constexpr std::string_view kContractRoles[] = {"precursor", "solvent", "target", "ligand",
                                               "reductant", "additive", "other", "none"};
constexpr size_t kRoleCount = std::size(kContractRoles);

size_t role_index(std::string_view r) {
  for (size_t k = 0; k + 1 < kRoleCount; ++k) {
    if (kContractRoles[k] == r) return k;
  }
  return kRoleCount - 1;
}

struct FeatureNames {
  std::string rule[kRoleCount], prev[kRoleCount], next[kRoleCount];
  FeatureNames() {
    for (size_t k = 0; k < kRoleCount; ++k) {
      rule[k] = "rule=" + std::string(kContractRoles[k]);
      prev[k] = "list-prev=" + std::string(kContractRoles[k]);
      next[k] = "list-next=" + std::string(kContractRoles[k]);
    }
  }
};

const FeatureNames& names() {
  static const FeatureNames n;
  return n;
}

constexpr size_t kMaxFeatures = 6;

bool sentence_end_at(std::string_view t, size_t b) {
  // A sentence ends at ". " / "! " / "? " before an upper-case letter or a digit: not at a
  // decimal point ("0.5 g") nor after "ca." / "e.g." (lower case follows). `b` is the byte
  // after the space.
  if (b < 2 || b >= t.size()) return false;
  char c = t[b - 2], n = t[b];
  return (c == '.' || c == '!' || c == '?') && t[b - 1] == ' ' && ((n >= 'A' && n <= 'Z') || (n >= '0' && n <= '9'));
}

// What the features need that is the same for the whole paragraph: computed once per paragraph.
struct Paragraph {
  const StageInput& in;
  const Extraction& x;
  size_t first_sentence_end;     // byte offset where the second sentence starts (or text size)
  std::vector<size_t> materials;  // entity indices of material mentions, text order

  Paragraph(const StageInput& input, const Extraction& ex) : in(input), x(ex) {
    const std::string_view t = in.text;
    first_sentence_end = t.size();
    for (size_t b = 2; b < t.size(); ++b) {
      if (t[b - 1] == ' ' && sentence_end_at(t, b)) {
        first_sentence_end = b;
        break;
      }
    }
    materials.reserve(x.entities.size());
    for (size_t i = 0; i < x.entities.size(); ++i) {
      if (x.entities[i].type == "material") materials.push_back(i);
    }
  }
  size_t byte(int64_t cp) const {
    return in.byte(std::clamp<int64_t>(cp, 0, static_cast<int64_t>(in.size())));
  }
  // Whether material mentions x and y (x before y) are listed together: only commas, "and"/"or",
  // spaces and bracketed asides ("(99%, Aldrich)") between them, and at least one comma or
  // conjunction.
  bool listed(size_t xi, size_t yi) const {
    size_t xe = byte(x.entities[xi].end), yb = byte(x.entities[yi].start);
    if (yb < xe || yb - xe > 40) return false;
    std::string_view gap = std::string_view(in.folded).substr(xe, yb - xe);
    bool conj = false;
    int depth = 0;
    for (size_t k = 0; k < gap.size(); ++k) {
      char c = gap[k];
      if (c == '(') {
        ++depth;
      } else if (c == ')') {
        --depth;
      } else if (depth > 0 || c == ' ') {
        continue;
      } else if (c == ',') {
        conj = true;
      } else if (gap.substr(k).starts_with("and ") || gap.substr(k).starts_with("or ")) {
        conj = true;
        k += 2;
      } else {
        return false;
      }
    }
    return conj && depth == 0;
  }
};

// Features of material mention `i` (index into x.entities; `pos` is its index in p.materials)
// into `out`; returns how many. The views point to static strings. `key`, when given, receives a
// number that identifies the feature set (equal keys, equal features).
size_t features(const Paragraph& p, size_t i, size_t pos, std::string_view (&out)[kMaxFeatures],
                uint32_t* key = nullptr) {
  const Entity& e = p.x.entities[i];
  const FeatureNames& n = names();
  size_t count = 0;
  uint32_t bits = static_cast<uint32_t>(role_index(e.role));
  out[count++] = n.rule[bits];
  // The first sentence often names the product ("X was synthesized by ..."); a mention opening a
  // sentence is its subject. (The last sentence was measured too: MSP marks most mentions there
  // "other", and the model then demoted reagents put in at the end of short texts.)
  const size_t b = p.byte(e.start);
  if (b < p.first_sentence_end) {
    out[count++] = "sent=first";
    bits |= 1u << 4;
  }
  bool opens = b < 3;
  for (size_t k = b >= 2 ? b - 2 : 0; !opens && k <= b; ++k) opens = sentence_end_at(p.in.text, k);
  if (opens) {
    out[count++] = "sent-start";
    bits |= 1u << 5;
  }
  // Gases: an atmosphere ("under Ar and H2") is no reagent, even listed; the rules read these names
  // as "other" too.
  for (std::string_view gas : {"nitrogen"sv, "argon"sv, "air"sv, "hydrogen"sv, "oxygen"sv, "helium"sv}) {
    if (e.normalized == gas) {
      out[count++] = "gas";
      bits |= 1u << 6;
      break;
    }
  }
  // Listed mentions share a role: the neighbour's rule role.
  if (pos > 0 && p.listed(p.materials[pos - 1], i)) {
    size_t r = role_index(p.x.entities[p.materials[pos - 1]].role);
    out[count++] = n.prev[r];
    bits |= static_cast<uint32_t>(r + 1) << 8;
  }
  if (pos + 1 < p.materials.size() && p.listed(i, p.materials[pos + 1])) {
    size_t r = role_index(p.x.entities[p.materials[pos + 1]].role);
    out[count++] = n.next[r];
    bits |= static_cast<uint32_t>(r + 1) << 12;
  }
  if (key) *key = bits;
  return count;
}

std::vector<std::string> feature_strings(const Paragraph& p, size_t i, size_t pos) {
  std::string_view f[kMaxFeatures];
  size_t n = features(p, i, pos, f);
  return std::vector<std::string>(f, f + n);
}

}  // namespace

std::vector<std::string> role_features(const StageInput& in, const Extraction& x, size_t i) {
  Paragraph p(in, x);
  auto pos = std::find(p.materials.begin(), p.materials.end(), i);
  if (pos == p.materials.end()) return {};
  return feature_strings(p, i, static_cast<size_t>(pos - p.materials.begin()));
}

// Labels: the role of the gold material with the same span, else of the gold material overlapping
// the mention most (precursor, solvent, target, ligand, reductant as they are; additive and a
// material without role → "other"); "none" when no gold material overlaps. MSP gold carries only
// precursor/solvent/target/other; the consistent role gold (--gold) also ligand and reductant.
std::vector<learn::Example> role_examples(const std::vector<GoldParagraph>& gold, const std::vector<Extraction>& rules) {
  std::vector<learn::Example> out;
  for (size_t g = 0; g < gold.size() && g < rules.size(); ++g) {
    std::vector<const Entity*> gm;
    bool any_role = false;
    for (const Entity& e : gold[g].entities) {
      if (e.type != "material") continue;
      gm.push_back(&e);
      any_role |= is_role(e.role);
    }
    // A gold paragraph without any role was not annotated for roles (MSP dev has two; one lists
    // 143 reagent mentions, all plain participants): its "other" labels would teach the model that
    // measured-out reagents are no precursors.
    if (!any_role) continue;
    StageInput in(gold[g].text);
    Paragraph p(in, rules[g]);
    for (size_t pos = 0; pos < p.materials.size(); ++pos) {
      const size_t i = p.materials[pos];
      const Entity& e = rules[g].entities[i];
      const Entity* match = nullptr;
      int64_t best = 0;
      for (const Entity* o : gm) {
        if (o->start == e.start && o->end == e.end) {
          match = o;
          break;
        }
        int64_t overlap = std::min(o->end, e.end) - std::max(o->start, e.start);
        if (overlap > best) {
          best = overlap;
          match = o;
        }
      }
      std::string label = !match ? std::string(kNone) : is_role(match->role) ? match->role : "other";
      out.push_back({feature_strings(p, i, pos), std::move(label), gold[g].id});
    }
  }
  return out;
}

// The model decides among the labels it was trained on (MSP: precursor, solvent, target, other,
// none); our contract has seven roles. Mapping:
//   - the rules' ligand, reductant and additive stay: they come from the lexicon and are finer
//     than MSP's scheme (the `msp-role` rows count ligand/reductant as precursor and additive as
//     other). Letting the model re-decide them was measured: it turned surfactants and the
//     persulfate oxidant into "other"/"solvent" (MSP's labels for them vary by paper) for no gain.
//   - a mention the rules call precursor, solvent, target or other gets the most probable of the
//     role labels when that probability reaches kRoleThreshold, else "other" (also for "none": a
//     mention that is no gold material still is a material the rules found; dropping it is the
//     `materials` stage's call), and only when the new reading is at least as probable as the
//     rules' one.
// All mentions are decided before any is written: the features read the neighbours' rule roles.
void role_apply(const learn::LinearModel& model, const StageInput& in, Extraction& x) {
  if (model.empty()) return;
  bool any = false;
  for (const Entity& e : x.entities) any |= e.type == "material";
  if (!any) return;
  Paragraph p(in, x);
  const auto& labels = model.labels();
  std::vector<char> role_label(labels.size());
  for (size_t k = 0; k < labels.size(); ++k) role_label[k] = is_role(labels[k]);
  std::vector<std::string_view> decided(p.materials.size());
  std::string_view f[kMaxFeatures];
  std::vector<std::pair<uint32_t, std::string_view>> cache;  // feature-set key -> decision
  cache.reserve(16);
  for (size_t pos = 0; pos < p.materials.size(); ++pos) {
    const std::string_view rule = x.entities[p.materials[pos]].role;
    decided[pos] = rule;  // ligand, reductant, additive: kept (and never rewritten below)
    if (!(rule == "precursor" || rule == "solvent" || rule == "target" || rule == "other")) continue;
    // Decisions view static or model-owned strings only: they are cached across mentions.
    decided[pos] = kContractRoles[role_index(rule)];
    uint32_t key = 0;
    size_t n = features(p, p.materials[pos], pos, f, &key);
    // Most mentions of a paragraph share a few feature sets: decide each set once.
    auto seen = std::find_if(cache.begin(), cache.end(), [&](const auto& c) { return c.first == key; });
    if (seen != cache.end()) {
      decided[pos] = seen->second;
      continue;
    }
    std::vector<double> prob = model.probabilities(std::span<const std::string_view>(f, n));
    size_t best = labels.size();
    double p_rule = 0, p_rest = 0;
    for (size_t k = 0; k < labels.size(); ++k) {
      if (role_label[k] && (best == labels.size() || prob[k] > prob[best])) best = k;
      if (rule == "other" ? !role_label[k] : labels[k] == rule) p_rule += prob[k];
      if (!role_label[k]) p_rest += prob[k];
    }
    std::string_view d = "other"sv;
    double p_d = p_rest;
    if (best < labels.size() && prob[best] >= kRoleThreshold) {
      d = labels[best];
      p_d = prob[best];
    }
    if (d != rule && p_d >= p_rule) decided[pos] = d;
    cache.emplace_back(key, decided[pos]);
  }
  for (size_t pos = 0; pos < p.materials.size(); ++pos) {
    Entity& e = x.entities[p.materials[pos]];
    if (decided[pos] != e.role) e.role = std::string(decided[pos]);
  }
}

}  // namespace synthdb::rules
