#include "extract/rules/evaluate.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "extract/rules/text.h"

namespace synthdb::rules {

namespace {

bool close(const std::optional<double>& g, const std::optional<double>& p) {
  if (!g) return true;
  if (!p) return false;
  double tol = std::max(std::abs(*g) * 0.01, 1e-9);
  return std::abs(*g - *p) <= tol;
}

bool spans_overlap(const Entity& a, const Entity& b) { return a.start < b.end && b.start < a.end; }

// "...40 characters before[[mention]]40 after..." on one line, for curators reading --errors.
std::string context(std::string_view text, const Entity& e) {
  size_t b = byte_of_code_point(text, e.start), en = byte_of_code_point(text, e.end);
  size_t from = b > 60 ? b - 60 : 0, to = std::min(text.size(), en + 60);
  // Do not cut a UTF-8 sequence in half.
  while (from > 0 && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) --from;
  while (to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) ++to;
  std::string out = std::string(text.substr(from, b - from)) + "[[" + std::string(text.substr(b, en - b)) + "]]" +
                    std::string(text.substr(en, to - en));
  for (char& c : out) {
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  }
  return out;
}

std::string describe(const GoldParagraph& g, const Entity& e) {
  nlohmann::json j = e;
  return g.id + "\t" + j.dump() + "\t" + context(g.text, e);
}

// MSP's Recipe_Precursor covers the reagents of a recipe: our ligand and reductant roles are
// precursors there. Our additives (pH agents: "adjusted to pH 10 with ammonia", acids and bases
// named in a purchase list) are mostly plain participants in MSP: on the dev split (rules-4) 22
// of the mentions we call additive are gold "other", 11 "solvent" and 7 "precursor", so they map
// to "other".
std::string msp_role(const std::string& role) {
  if (role == "additive") return "other";
  return role == "ligand" || role == "reductant" ? "precursor" : role;
}

// Greedy one-to-one matching of gold and predicted entities of one type in one paragraph.
int match(const std::vector<const Entity*>& gold, const std::vector<const Entity*>& pred, bool exact,
          std::vector<bool>* gold_hit, std::vector<bool>* pred_hit) {
  gold_hit->assign(gold.size(), false);
  pred_hit->assign(pred.size(), false);
  int tp = 0;
  for (size_t g = 0; g < gold.size(); ++g) {
    for (size_t p = 0; p < pred.size(); ++p) {
      if ((*pred_hit)[p]) continue;
      bool ok = exact ? gold[g]->start == pred[p]->start && gold[g]->end == pred[p]->end
                      : spans_overlap(*gold[g], *pred[p]) && same_value(*gold[g], *pred[p]);
      if (ok) {
        (*gold_hit)[g] = (*pred_hit)[p] = true;
        ++tp;
        break;
      }
    }
  }
  return tp;
}

// One paragraph's status: a hit or a miss of its gold class in "status:<class>" and in "status"
// (the accuracy: every scored paragraph is one gold and one prediction there).
void score_status(const GoldParagraph& g, SynthesisStatus pred, EvalReport* report, std::vector<std::string>* errors) {
  const std::string want = to_string(*g.status), got = to_string(pred);
  for (auto* m : {&report->exact, &report->overlap}) {
    Prf& all = (*m)["status"];
    ++all.gold;
    ++all.predicted;
    all.tp += want == got;
    for (const char* c : {"failed", "success", "unknown"}) {
      Prf& r = (*m)[std::string("status:") + c];
      r.gold += want == c;
      r.predicted += got == c;
      r.tp += want == c && got == c;
    }
  }
  if (errors && want != got) {
    size_t n = std::min<size_t>(g.text.size(), 120);
    while (n < g.text.size() && n > 0 && (static_cast<unsigned char>(g.text[n]) & 0xC0) == 0x80) --n;
    std::string head = g.text.substr(0, n);
    for (char& c : head) {
      if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    }
    errors->push_back("STATUS\t" + g.id + "\tgold=" + want + " pred=" + got + "\t" + head);
  }
}

}  // namespace

bool same_value(const Entity& g, const Entity& p) {
  if (!close(g.value, p.value) || !close(g.min, p.min) || !close(g.max, p.max)) return false;
  if (g.value && (p.min || p.max) && !p.value) return false;
  if (!g.normalized.empty() && fold_case(g.normalized) != fold_case(p.normalized)) return false;
  if (!g.quantity.empty() && g.quantity != p.quantity) return false;
  return true;
}

EvalReport evaluate(const std::vector<GoldParagraph>& gold, const std::vector<std::vector<Entity>>& predicted,
                    std::vector<std::string>* errors, const std::vector<SynthesisStatus>& status) {
  EvalReport report;
  std::set<std::string> types;
  for (const auto& g : gold) {
    for (const auto& e : g.entities) types.insert(e.type);
  }
  for (size_t i = 0; i < gold.size(); ++i) {
    ++report.paragraphs;
    const auto& pred = i < predicted.size() ? predicted[i] : std::vector<Entity>{};
    for (const std::string& type : types) {
      std::vector<const Entity*> gs, ps;
      for (const auto& e : gold[i].entities) {
        if (e.type == type) gs.push_back(&e);
      }
      for (const auto& e : pred) {
        if (e.type == type) ps.push_back(&e);
      }
      std::vector<bool> gh, ph, gh_exact, ph_exact;
      Prf& ex = report.exact[type];
      ex.tp += match(gs, ps, true, &gh_exact, &ph_exact);
      ex.gold += static_cast<int>(gs.size());
      ex.predicted += static_cast<int>(ps.size());
      Prf& ov = report.overlap[type];
      ov.tp += match(gs, ps, false, &gh, &ph);
      ov.gold += static_cast<int>(gs.size());
      ov.predicted += static_cast<int>(ps.size());
      if (errors) {
        for (size_t k = 0; k < gs.size(); ++k) {
          if (!gh[k]) errors->push_back("FN\t" + describe(gold[i], *gs[k]));
        }
        for (size_t k = 0; k < ps.size(); ++k) {
          if (!ph[k]) errors->push_back("FP\t" + describe(gold[i], *ps[k]));
        }
        // Found, but with other span boundaries: the exact row counts these as an FN and an FP.
        for (size_t k = 0; k < gs.size(); ++k) {
          if (!gh[k] || gh_exact[k]) continue;
          for (size_t q = 0; q < ps.size(); ++q) {
            if (ph_exact[q] || !spans_overlap(*gs[k], *ps[q])) continue;
            errors->push_back("SPAN\t" + gold[i].id + "\tgold=" + gs[k]->text + "\tpred=" + ps[q]->text + "\t" +
                              context(gold[i].text, *gs[k]));
            break;
          }
        }
      }
    }
    if (types.count("material")) {
      // Strict rows ("role:<r>", "role") compare our roles as they are; the "msp-role" rows first
      // map them to MSP's scheme (msp_role()).
      for (bool mapped : {false, true}) {
        const std::string prefix = mapped ? "msp-role" : "role";
        for (const char* role : {"precursor", "solvent", "target"}) {
          std::vector<const Entity*> gs, ps;
          for (const auto& e : gold[i].entities) {
            if (e.type == "material" && e.role == role) gs.push_back(&e);
          }
          for (const auto& e : pred) {
            if (e.type == "material" && (mapped ? msp_role(e.role) : e.role) == role) ps.push_back(&e);
          }
          std::vector<bool> gh, ph;
          int tp = match(gs, ps, false, &gh, &ph);
          int tpx = match(gs, ps, true, &gh, &ph);
          for (auto* m : {&report.overlap, &report.exact}) {
            for (const std::string& key : {prefix + ":" + role, prefix}) {
              Prf& r = (*m)[key];
              r.tp += m == &report.overlap ? tp : tpx;
              r.gold += static_cast<int>(gs.size());
              r.predicted += static_cast<int>(ps.size());
            }
          }
        }
      }
      // "role-set": what a synthesis database stores per paragraph, each material once with its
      // main role (target > precursor > solvent over its mentions). Gold mentions are named after
      // the predicted mention they overlap, so that a found material compares by one name.
      {
        auto rank = [](const std::string& r) { return r == "target" ? 3 : r == "precursor" ? 2 : r == "solvent" ? 1 : 0; };
        auto key = [](const Entity& e) { return fold_case(!e.normalized.empty() ? e.normalized : !e.text.empty() ? e.text : e.name); };
        std::map<std::string, int> gold_set, pred_set;
        for (const auto& p : pred) {
          if (p.type != "material") continue;
          int& r = pred_set[key(p)];
          r = std::max(r, rank(p.role));
        }
        for (const auto& g : gold[i].entities) {
          if (g.type != "material") continue;
          std::string k;
          for (const auto& p : pred) {
            if (p.type == "material" && spans_overlap(g, p)) {
              k = key(p);
              break;
            }
          }
          if (k.empty()) k = fold_case(!g.text.empty() ? g.text : g.name);
          int& r = gold_set[k];
          r = std::max(r, rank(g.role));
        }
        for (int role = 1; role <= 3; ++role) {
          Prf s;
          for (const auto& [k, r] : gold_set) s.gold += r == role;
          for (const auto& [k, r] : pred_set) {
            if (r != role) continue;
            ++s.predicted;
            auto it = gold_set.find(k);
            s.tp += it != gold_set.end() && it->second == role;
          }
          const char* name = role == 3 ? "role-set:target" : role == 2 ? "role-set:precursor" : "role-set:solvent";
          for (auto* m : {&report.overlap, &report.exact}) {
            for (const char* row : {name, "role-set"}) {
              Prf& r = (*m)[row];
              r.tp += s.tp;
              r.gold += s.gold;
              r.predicted += s.predicted;
            }
          }
        }
      }
      // Role errors on mentions found with an overlapping span: "ROLE gold=<g> pred=<p>".
      if (errors) {
        for (const auto& g : gold[i].entities) {
          if (g.type != "material") continue;
          for (const auto& p : pred) {
            if (p.type != "material" || !spans_overlap(g, p)) continue;
            bool scored = g.role == "precursor" || g.role == "solvent" || g.role == "target" ||
                          p.role == "precursor" || p.role == "solvent" || p.role == "target";
            if (scored && g.role != p.role) {
              errors->push_back("ROLE\t" + gold[i].id + "\tgold=" + g.role + " pred=" + p.role + "\t" +
                                context(gold[i].text, g));
            }
            break;
          }
        }
      }
    }
    if (gold[i].status && i < status.size()) score_status(gold[i], status[i], &report, errors);
  }
  return report;
}

nlohmann::json EvalReport::to_json() const {
  nlohmann::json j{{"paragraphs", paragraphs}, {"types", nlohmann::json::object()}};
  auto prf = [](const Prf& s) {
    return nlohmann::json{{"tp", s.tp},
                          {"predicted", s.predicted},
                          {"gold", s.gold},
                          {"precision", s.precision()},
                          {"recall", s.recall()},
                          {"f1", s.f1()}};
  };
  for (const auto& [type, s] : exact) {
    j["types"][type] = {{"exact", prf(s)}, {"overlap", prf(overlap.at(type))}};
  }
  return j;
}

std::string EvalReport::to_table() const {
  std::string out;
  char buf[256];
  std::snprintf(buf, sizeof buf, "%-16s %6s %6s | %6s %6s %6s | %6s %6s %6s\n", "type", "gold", "pred", "ex.P",
                "ex.R", "ex.F1", "ov.P", "ov.R", "ov.F1");
  out += buf;
  for (const auto& [type, s] : exact) {
    const Prf& o = overlap.at(type);
    std::snprintf(buf, sizeof buf, "%-16s %6d %6d | %6.3f %6.3f %6.3f | %6.3f %6.3f %6.3f\n", type.c_str(), s.gold,
                  s.predicted, s.precision(), s.recall(), s.f1(), o.precision(), o.recall(), o.f1());
    out += buf;
  }
  std::snprintf(buf, sizeof buf, "paragraphs: %d\n", paragraphs);
  out += buf;
  return out;
}

}  // namespace synthdb::rules
