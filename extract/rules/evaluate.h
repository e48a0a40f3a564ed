#pragma once

// Scores extracted entities against gold paragraphs (eval-extract).

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "extract/core/entity.h"
#include "extract/rules/brat.h"

namespace synthdb::rules {

struct Prf {
  int tp = 0;
  int predicted = 0;
  int gold = 0;
  double precision() const { return predicted ? static_cast<double>(tp) / predicted : 0; }
  double recall() const { return gold ? static_cast<double>(tp) / gold : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

// Per type: `exact` counts a prediction correct when its [start,end) equals a gold span of the
// same type; `overlap` when the spans overlap and the normalised values are equal (numbers within
// 1 % for value/min/max that the gold sets, strings case-folded for normalized/role... see
// docs/extraction.md). Matching is one-to-one, greedy in text order. Extra rows "role:<r>" score
// material roles precursor/solvent/target (overlapping material spans with equal role), and
// "role" is their micro-average. Rows "msp-role:<r>" and "msp-role" score the same with our
// ligand/reductant roles counted as precursor (MSP's Recipe_Precursor covers them) and additive
// as other (MSP leaves pH agents and acids as plain participants); the strict rows stay. Rows
// "role-set:<r>" and "role-set" score per paragraph the set of (material, role) pairs a synthesis
// record keeps: each material once, named by its normalised name (a gold mention takes the name
// of the predicted mention it overlaps, else its lower-cased text), with the highest role of its
// mentions (target > precursor > solvent); exact and overlap counts are the same there. Only
// types present in the gold are scored. When a gold paragraph carries a status and the caller
// gives the predicted ones, rows "status:failed", "status:success", "status:unknown" score that
// class over the paragraphs with a gold status, and "status" is their micro-average (gold =
// predicted = those paragraphs, so P = R = F1 = accuracy); exact and overlap are the same there.
struct EvalReport {
  std::map<std::string, Prf> exact;
  std::map<std::string, Prf> overlap;
  int paragraphs = 0;
  nlohmann::json to_json() const;
  // A fixed-width text table, one row per type.
  std::string to_table() const;
};

// `predicted[i]` are the entities extracted from gold[i].text. Mismatches are appended to `errors`
// when it is not null, one tab-separated line each: "FN|FP <id> <entity JSON> <context>" (false
// negatives and positives under the overlap criterion) and "ROLE <id> gold=<r> pred=<r> <context>"
// (a material found with an overlapping span but another role); the context is the paragraph
// around the mention with the mention in [[ ]]. `status[i]` is the status extracted from
// gold[i].text; empty (the default) scores no status, else it must be as long as `gold`. A status
// error is "STATUS <id> gold=<s> pred=<s> <first 120 bytes of the text>".
EvalReport evaluate(const std::vector<GoldParagraph>& gold, const std::vector<std::vector<Entity>>& predicted,
                    std::vector<std::string>* errors = nullptr, const std::vector<SynthesisStatus>& status = {});

// Whether two entities of the same type carry equal normalised values (the overlap criterion).
bool same_value(const Entity& gold, const Entity& predicted);

}  // namespace synthdb::rules
