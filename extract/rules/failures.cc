// Failure cues and their scope (find_failures), cited failures, and the paragraph status.
#include "extract/rules/extractor_impl.h"

#include <map>

namespace synthdb::rules {

using namespace detail;

namespace {

// Whether a failure cue reports no failure of this synthesis, read from the lower-cased sentence
// text before the cue (`before`) and the cue with a few words after it (`cue`; the match is its
// first `cue_len` bytes): a negated cue ("not polydisperse", "rather than a broad size
// distribution", "none of the syntheses failed"), a hedged one ("might fail to", "could be
// polydisperse"), a failure of earlier work ("Previous reports failed to control the shape; here ..."),
// a measurement that found nothing ("We failed to observe any PL quenching"; "failed to detect any
// nanocrystals" still counts), a negated undesired result ("did not lead to aggregation", "never
// gave any precipitate of bulk"), a polydisperse fraction set aside ("Polydisperse samples were
// discarded"), or a control experiment confirming a role ("Control experiments without Cd(OAc)2
// did not produce nanoplatelets, confirming ...": the paragraph's own synthesis did not fail).
// `tail` is the rest of the sentence after the match. Also no failure: a cue negated through a verb
// ("do not show a broad size distribution") or after it ("A broad size distribution was not
// observed"), an undesired thing that was not observed ("aggregation was not observed"), a cue inside
// a contrast with this work ("Unlike the sample without OA, which had a broad size distribution, our
// NCs ..."), other people's work ("Zhang et al. reported that", "by conventional methods"), a
// condition ("If the temperature is too low, the reaction fails"), and a spread or aggregation that
// was then dealt with ("... was narrowed to 5%", "aggregated, so they were washed twice").
// Whether `span` holds a negation word: "... and could not be size-selected" undoes the remedy
// that would otherwise excuse a spread.
bool holds_negation(std::string_view span) {
  for (std::string_view neg : {" not "sv, "n't "sv, " never "sv, "cannot"sv, " unable"sv, " no "sv}) {
    if (span.find(neg) != std::string_view::npos) return true;
  }
  return false;
}

// Whether a crack, a delamination or a lost bond (`match`, lower-cased) is damage found after the cell or
// film was used: "microcracks were found in the cathode after 200 thermal cycles", "delaminated during
// 500 h of operation", "cracks were observed after the stability test". A measured degradation of a made
// product, no failed fabrication (review 33, GUIDELINE.md section 4); "cracked during sintering" stays one.
bool operation_damage(std::string_view before, std::string_view match, std::string_view tail) {
  bool damage = false;
  // Since s33-fail2 also a leak, a short circuit, a collapse, an oxidation, lost integrity and instability.
  for (std::string_view w : {"crack"sv, "delamin"sv, "peel"sv, "spall"sv, "detach"sv, "fractur"sv, "warp"sv, "blister"sv,
                             "adhe"sv, "separated"sv, "leak"sv, "short-circ"sv, "shortcirc"sv, "collaps"sv, "oxidi"sv, "integrity"sv,
                             "unstable"sv, "not stable"sv, "pinhole"sv, "camber"sv, "swell"sv}) {
    damage |= match.find(w) != std::string_view::npos;
  }
  if (!damage) return false;
  for (std::string_view part : {before, tail}) {
    // "the cell could not be tested" is the failure's consequence, not a test it came from.
    if (part.ends_with(" test")) return true;
    for (std::string_view w : {"operation"sv, "operating"sv, "thermal cycl"sv, "redox"sv, "reoxid"sv, "re-oxid"sv, "cycling"sv, " test "sv,
                               " test,"sv, " tests"sv, "testing"sv, "durability"sv, "long-term"sv, "stability"sv,
                               "post-mortem"sv, "postmortem"sv, "aging"sv, "ageing"sv, "discharg"sv, "polariz"sv,
                               "polaris"sv}) {
      if (part.find(w) != std::string_view::npos) return true;
    }
  }
  return false;
}

// Whether a matched drop "from X % to Y %" is minor: Y at least 20 % and at least three quarters
// of X ("the PLQY decreased from 92% to 85% after a month" reports a stable product).
bool minor_drop(std::string_view match) {
  const size_t from = match.find("from ");
  const size_t to = match.rfind(" to ");
  if (from == std::string_view::npos || to == std::string_view::npos || to < from) return false;
  auto number = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    double v = 0, scale = 0;
    for (char c : s) {
      if (is_digit(c)) {
        v = scale > 0 ? v + (c - '0') * (scale /= 10) : v * 10 + (c - '0');
      } else if (c == '.' && scale == 0) {
        scale = 1;
      } else {
        break;
      }
    }
    return v;
  };
  const double x = number(match.substr(from + 5)), y = number(match.substr(to + 4));
  return y >= 20 && y >= 0.75 * x;
}

// Whether a cue ending in "failed" has a negation right before it inside the match: "the reaction at
// 250 °C never failed" (the `failed` cues allow any words between their subject and the verb).
bool negated_failed(std::string_view match) {
  match = trim_right(match);
  if (!match.ends_with("failed") && !match.ends_with("fails")) return false;
  const std::string_view head = cut_last_word(match).first;
  for (std::string_view neg : {" not"sv, " never"sv, "n't"sv, " hardly"sv, " rarely"sv, " seldom"sv}) {
    if (head.ends_with(neg)) return true;
  }
  return false;
}

// Phrases naming earlier work (failure_in_context(), cites_earlier_work()).
constexpr std::string_view kEarlierWork[] = {
    "previous report"sv, "previous work"sv, "previous stud"sv, "previously reported"sv, "previous method"sv,
    "previous approach"sv, "previous synthes"sv, "prior report"sv, "prior work"sv, "prior stud"sv,
    "earlier report"sv, "earlier work"sv, "earlier stud"sv, "literature"sv, "other groups"sv,
    "other researchers"sv, "have been reported"sv, "has been reported"sv, "reported by"sv, "et al"sv,
    "reported that"sv, "conventional method"sv, "conventional route"sv, "traditional method"sv,
    "other method"sv};

// Whether a clause after a cue (lower-cased) attributes it to earlier work: "in earlier reports",
// "in the literature", or a citation bracket "[5]", "[12, 13]".
bool cites_earlier_work(std::string_view clause) {
  for (std::string_view w : kEarlierWork) {
    if (clause.find(w) != std::string_view::npos) return true;
  }
  for (size_t b = clause.find('['); b != std::string_view::npos; b = clause.find('[', b + 1)) {
    if (b + 1 < clause.size() && is_digit(clause[b + 1])) return true;
  }
  // "as reported in ref. 12", "(refs. 5, 6)", "in reference 7"; a clause cut at the abbreviation's
  // full stop ends in "ref" (review 13b, R12). "the reference sample" is no citation.
  for (size_t r = clause.find("ref"); r != std::string_view::npos; r = clause.find("ref", r + 1)) {
    if (r > 0 && is_alpha(clause[r - 1])) continue;
    std::string_view next = clause.substr(r + 3);
    for (std::string_view form : {"erences"sv, "erence"sv, "s."sv, "s"sv, "."sv}) {
      if (next.starts_with(form)) {
        next.remove_prefix(form.size());
        break;
      }
    }
    const bool abbreviated = !clause.substr(r + 3).starts_with("erence");
    if (!next.empty() && is_alpha(next.front())) continue;
    next.remove_prefix(std::min(next.size(), skip_spaces(next, 0)));
    if ((next.empty() && abbreviated) || (!next.empty() && (is_digit(next.front()) || next.front() == '['))) return true;
  }
  return false;
}

// Whether a cue (lower-cased match) says there was no emission ("not emissive", "no PL was observed").
bool no_emission_cue(std::string_view cue) {
  return contains_any(cue, {"emissi"sv, "luminescen"sv, "fluorescen"sv, " pl "sv, "no pl"sv});
}

// Whether the words right after a cue limit it to a spectral range: "in the NIR range", "beyond
// 1600 nm", "below 400 nm", "at wavelengths above ...", "in the UV region".
bool spectral_range(std::string_view clause) {
  std::string_view c = clause;
  while (!c.empty() && c.front() == ' ') c.remove_prefix(1);
  bool lead = false;
  for (std::string_view w : {"in "sv, "at "sv, "beyond "sv, "below "sv, "above "sv, "between "sv, "from "sv,
                             "over "sv, "across "sv, "for "sv}) {
    lead |= c.starts_with(w);
  }
  if (!lead) return false;
  c = c.substr(0, std::min<size_t>(c.size(), 40));
  return contains_any(c, {"nir"sv, "infrared"sv, " ir "sv, "visible"sv, " uv"sv, "wavelength"sv, "spectral"sv,
                          " nm"sv, "region"sv, " range"sv});
}

// Whether the rest of a sentence explains a state by the material itself: "in agreement with the
// large band gap", "as expected for an indirect semiconductor", "an intrinsic property".
bool intrinsic_property(std::string_view tail) {
  return contains_any(tail, {"band gap"sv, "bandgap"sv, "indirect"sv, "intrinsic"sv, "as expected"sv});
}

// Whether the clause before a cue opens a counterfactual: "..., otherwise aggregation occurred",
// "Otherwise, the reaction fails". "under otherwise identical conditions" is a real comparison.
bool counterfactual(std::string_view before) {
  size_t at = before.rfind("otherwise");
  if (at == std::string_view::npos || (at > 0 && is_alpha(before[at - 1]))) return false;
  std::string_view next = before.substr(at + 9);
  if (!next.empty() && is_alpha(next.front())) return false;
  while (!next.empty() && (next.front() == ' ' || next.front() == ',')) next.remove_prefix(1);
  for (std::string_view w : {"identical"sv, "same"sv, "similar"sv, "unchanged"sv, "equal"sv, "standard"sv}) {
    if (next.starts_with(w)) return false;
  }
  return true;
}

// The failing side of a comparison in the cue's sentence (`found` false when there is none): "X were
// highly emissive, unlike the bare cores, which were not emissive" and ", whereas the CdSe cores were
// not emissive" (marker before the cue, `subordinate`: the side runs from the marker to the cue, unless
// a comma closes the marker's phrase first: then the cue's main clause is the side); "The
// bare cores were not emissive, unlike the core/shell NCs" (marker after it, in `tail`: the side is the
// sentence before the cue, the main clause). A comparison with earlier work ("In contrast to previous
// reports, our attempts failed") is none: failure_in_context() reads those. `before`/`tail` as there.
struct ComparedSide {
  bool found = false;
  bool subordinate = false;
  std::string_view side;
};

ComparedSide compared_side(std::string_view before, std::string_view tail) {
  static constexpr std::string_view kMarkers[] = {
      "unlike "sv, "whereas "sv, ", while "sv, "in contrast to "sv, "in contrast with "sv, "compared with "sv,
      "compared to "sv, "as opposed to "sv, "contrary to "sv, "in comparison with "sv, "in comparison to "sv,
      " than "sv};
  // " than" compares amounts too ("in less than 5 min", "more than half of the NCs"), and "rather
  // than"/"other than" negate or exclude (failure_in_context() reads those).
  auto marker_ok = [](std::string_view text, size_t at, std::string_view m) {
    if (at > 0 && m.front() != ' ' && m.front() != ',' && is_alpha(text[at - 1])) return false;
    std::string_view next = text.substr(at + m.size());
    if (cites_earlier_work(next.substr(0, next.find(',')))) return false;
    if (m != " than "sv) return true;
    std::string_view head = text.substr(0, at);
    for (std::string_view w : {" rather"sv, " other"sv}) {
      if (head.ends_with(w) || head == w.substr(1)) return false;
    }
    if (!next.empty() && (is_digit(next.front()) || next.front() == '~')) return false;
    for (std::string_view w : {"a "sv, "one "sv, "two "sv, "half"sv, "about "sv, "ca. "sv, "approximately "sv}) {
      if (next.starts_with(w)) return false;
    }
    return true;
  };
  size_t best = std::string_view::npos;
  for (std::string_view m : kMarkers) {
    size_t at = before.rfind(m);
    if (at != std::string_view::npos && (best == std::string_view::npos || at > best) && marker_ok(before, at, m)) {
      best = at;
    }
  }
  if (best != std::string_view::npos) {
    // "In contrast to the core/shell QDs, the bare cores were not emissive", "Unlike the reaction at
    // 150 °C, the reaction at 250 °C gave bulk ZnO": the marker's phrase closes with a comma and
    // the cue is in the main clause, whose subject is the failing side. A relative clause after the
    // comma ("unlike the bare cores, which were not emissive") still belongs to the marker's phrase.
    std::string_view seg = before.substr(best);
    const size_t comma = seg.rfind(", ");
    if (comma != std::string_view::npos) {
      std::string_view main = seg.substr(comma + 2);
      if (!main.starts_with("which") && !main.starts_with("that") && !main.starts_with("who")) {
        return {true, false, main};
      }
    }
    return {true, true, seg};
  }
  for (std::string_view m : kMarkers) {
    // After the cue the marker must open a new clause (", unlike ..."), except the comparative "than".
    size_t at = tail.find(m);
    if (at == std::string_view::npos) continue;
    if (m != " than "sv && m.front() != ',' && !(at >= 2 && tail.substr(at - 2, 2) == ", ")) continue;
    if (marker_ok(tail, at, m)) return {true, false, before};
  }
  return {};
}

// Whether the failing side of a comparison (with the cue's own words, which may hold its subject)
// names a reference or starting sample the product is compared with: "the bare cores", "uncoated
// particles", "the commercial powder", "the undoped NCs". Such a sample failed nothing.
bool reference_side(std::string_view side, std::string_view cue) {
  static constexpr std::string_view kReference[] = {
      "bare"sv, "uncoated"sv, "unshelled"sv, "unpassivated"sv, "uncapped"sv, "core-only"sv, " cores"sv,
      "pristine"sv, "untreated"sv, "unmodified"sv, "undoped"sv, "reference"sv, "commercial"sv, "bulk"sv,
      "parent"sv, "starting"sv, "original"sv, "control"sv};
  // In the cue only a subject word counts: "bulk" there is the failure ("only bulk PbS was obtained"),
  // and a sample after "on" is what the attempt grows on ("Attempts to grow ZnS on InP cores at 200 °C
  // were unsuccessful, whereas ...", review 16b, B11).
  for (std::string_view w : kReference) {
    if (side.find(w) != std::string_view::npos) return true;
    const size_t at = w == "bulk"sv ? std::string_view::npos : cue.find(w);
    if (at != std::string_view::npos && cue.substr(0, at).find(" on") == std::string_view::npos) return true;
  }
  return false;
}

// Whether an attempt cue (`cue`, lower-cased, from "attempt") tells of earlier work by its lead word:
// "Previous attempts to prepare Cs2AgBiBr6 NCs by hot injection failed" (review 16b, B10). "Our
// previous attempts" and "we" keep it this work's.
bool earlier_attempt(std::string_view before, std::string_view cue) {
  if (!cue.starts_with("attempt")) return false;
  for (std::string_view lead : {"previous "sv, "earlier "sv, "prior "sv, "past "sv}) {
    if (before.ends_with(lead)) {
      return before.find("our ") == std::string_view::npos && before.find("we ") == std::string_view::npos;
    }
  }
  return false;
}

// Whether "recovered" (`len` bytes at `at`) in a clause isolates a product instead of undoing a state: "failed, and
// only metallic indium was recovered", "was recovered by centrifugation" (review 14a, A6).
bool isolated_instead(std::string_view tail, size_t at, size_t len) {
  std::string_view head = tail.substr(0, at);
  if (const size_t comma = head.rfind(", "); comma != std::string_view::npos) head = head.substr(comma);
  if (head.find("only "sv) != std::string_view::npos) return true;
  std::string_view next = tail.substr(at + len);
  // "the Cu(acac)2 was recovered unchanged": the reagent that did not react, no state undone (review 33).
  for (std::string_view w : {" by centrifug"sv, " by filtration"sv, " by decant"sv, " as a"sv, " unchanged"sv,
                             " unreacted"sv}) {
    if (next.starts_with(w)) return true;
  }
  return false;
}

// Whether the rest of the sentence says the failing state was undone: "not emissive after ligand
// stripping but recovered after OA treatment", "quenched, but the PL was restored by ...". A state
// that "could not be recovered" stays a failure.
bool recovered_after(std::string_view tail) {
  for (std::string_view w : {"recovered"sv, "restored"sv, "regained"sv, "reappeared"sv, "revived"sv, "was reversed"sv,
                             "were reversed"sv, "recovers"sv}) {
    size_t at = tail.find(w);
    if (at != std::string_view::npos && !holds_negation(tail.substr(0, at)) && !isolated_instead(tail, at, w.size())) return true;
  }
  return false;
}

// Whether what a cue says was not obtained or given is a finding or a quantity, no product: the
// subject before it ("Evidence for a phase transition could not be obtained", "true equilibrium
// between the two phases could not be obtained", "the apparently exact model b fails to"; its
// clause's first four words) or the object after "did not give" ("did not give the magnitude of
// the current efficiency"). `before` and `after` are the sentence before the cue and the text after
// its match (lower-cased).
bool abstract_object(std::string_view before, std::string_view after) {
  static constexpr std::string_view kAbstract[] = {
      "evidence"sv, "equilibri"sv, "conductivit"sv, "magnitude"sv, "value"sv, "data"sv, "information"sv,
      "agreement"sv, "fit"sv, "convergence"sv, "correlation"sv, "explanation"sv, "conclusion"sv, "insight"sv,
      "model"sv, "estimate"sv, "indication"sv, "details"sv, "signal"sv};
  auto abstract_word = [](std::string_view w) {
    for (std::string_view a : kAbstract) {
      if (w.starts_with(a) && (w.size() - a.size() <= 3)) return true;  // "values", "fits", "models"
    }
    return false;
  };
  size_t from = 0;
  for (std::string_view b : {", "sv, "; "sv, " that "sv, " which "sv}) {
    size_t at = before.rfind(b);
    if (at != std::string_view::npos) from = std::max(from, at + b.size());
  }
  std::string_view clause = before.substr(from);
  for (int words = 0; words < 4 && !clause.empty(); ++words) {
    clause = clause.substr(skip_spaces(clause, 0));
    size_t sp = clause.find(' ');
    if (abstract_word(clause.substr(0, sp))) return true;
    if (sp == std::string_view::npos) break;
    clause = clause.substr(sp);
  }
  std::string_view a = after.substr(skip_spaces(after, 0));
  for (std::string_view det : {"the "sv, "a "sv, "an "sv, "any "sv}) {
    if (a.starts_with(det)) {
      a.remove_prefix(det.size());
      break;
    }
  }
  return abstract_word(a.substr(0, a.find(' ')));
}

// Whether a failure cue that failure_in_context() set aside tells of earlier work, not of this one:
// "Previous attempts to grow CdS shells on PbS QDs by SILAR have failed because of Ostwald ripening
// [23]". The products of that sentence are then no targets of this work (set_aside_cited(), review
// 13, D22); a sentence that also speaks of this work ("unlike [5], our attempts ...") is no such one.
bool cited_failure(std::string_view before, std::string_view rest) {
  for (std::string_view own : {" our "sv, " we "sv, "this work"sv, " here"sv, "present"sv}) {
    if (before.find(own) != std::string_view::npos || rest.find(own) != std::string_view::npos) return false;
  }
  if (before.starts_with("we ") || before.starts_with("our ")) return false;
  if (contains_any(before, {"previous attempt"sv, "earlier attempt"sv, "prior attempt"sv})) return true;
  return cites_earlier_work(before) || cites_earlier_work(rest.substr(0, rest.find(',')));
}

// Whether the verb after "fail(s) to" or "attempts to" (lower-cased, from its first letter) is an
// analysis of data, not a step of the synthesis: "fails to correctly fit the arc", "Attempts to
// simulate the impedance spectra ... failed" (review 13b, R1).
bool data_analysis_verb(std::string_view verb) {
  if (verb.starts_with("correctly ")) verb.remove_prefix(10);
  for (std::string_view v : {"analy"sv, "describe"sv, "explain"sv, "fit "sv, "account for"sv, "capture"sv,
                             "predict"sv, "converge"sv, "simulate"sv, "index "sv, "model "sv, "deconvolute"sv}) {
    if (verb.starts_with(v)) return true;
  }
  return false;
}

// Whether the verb after "fail(s) to" (lower-cased, from its first letter) asks for a change of a
// product that exists: "Adding DDT failed to affect the PL peak position", "failed to improve the
// PLQY". The product was unchanged (a robustness result), no synthesis failed (review 16b, B8).
bool no_effect_verb(std::string_view verb) {
  for (std::string_view adverb : {"significantly "sv, "noticeably "sv, "substantially "sv}) {
    if (verb.starts_with(adverb)) verb.remove_prefix(adverb.size());
  }
  for (std::string_view v : {"affect"sv, "change"sv, "alter"sv, "influence"sv, "improve"sv, "modify"sv, "shift"sv,
                             "enhance"sv}) {
    if (verb.starts_with(v)) return true;
  }
  return false;
}

// Whether the words of an attempt (its match, lower-cased) name measured data as its object:
// "Attempts to reproduce the impedance spectra failed", "to record XRD patterns of the film".
bool attempt_on_data(std::string_view attempt) {
  for (size_t b = 0; b < attempt.size();) {
    size_t e = attempt.find(' ', b);
    if (e == std::string_view::npos) e = attempt.size();
    std::string_view w = attempt.substr(b, e - b);
    while (!w.empty() && !is_alpha(w.back())) w.remove_suffix(1);
    if (one_of(w, {"data", "spectra", "spectrum", "impedance", "pattern", "patterns", "curve", "curves"})) return true;
    b = e + 1;
  }
  return false;
}

// Whether the words after a cue place it in a fraction of the work-up or in a biological sample:
// "No CsPbBr3 NCs were detected in the supernatant after centrifugation", "... in the filtrate", "No
// Au NPs were detected in the cells after 24 h". A check of a separation or of an uptake, no failed
// synthesis (review 13b, R2); "No CdSe NCs were detected by TEM after the reaction" stays one.
bool workup_or_uptake_place(std::string_view rest) {
  rest.remove_prefix(std::min(rest.size(), skip_spaces(rest, 0)));
  bool in = false;
  for (std::string_view prep : {"in "sv, "within "sv, "inside "sv}) {
    if (rest.starts_with(prep)) {
      rest.remove_prefix(prep.size());
      in = true;
      break;
    }
  }
  if (!in) return false;
  for (std::string_view det : {"the "sv, "any of the "sv, "any "sv}) {
    if (rest.starts_with(det)) {
      rest.remove_prefix(det.size());
      break;
    }
  }
  for (std::string_view w : {"supernatant"sv, "filtrate"sv, "wash"sv, "eluate"sv, "mother liquor"sv, "cells"sv,
                             "cell "sv, "tissue"sv, "organs"sv, "liver"sv, "spleen"sv, "blood"sv, "serum"sv,
                             "urine"sv, "cytoplasm"sv}) {
    if (rest.starts_with(w)) return true;
  }
  return false;
}

// Whether a loss of colloidal stability is the antisolvent step of the work-up: "Upon addition of
// acetone, the NCs lost colloidal stability and were collected by centrifugation", "lost colloidal
// stability in methanol, which enabled their precipitation" (review 13b, R3). "... and could not be
// redispersed" and a loss after a ligand exchange stay failures.
bool antisolvent_step(std::string_view before, std::string_view rest) {
  if (contains_any(before, {"antisolvent"sv, "anti-solvent"sv, "nonsolvent"sv, "non-solvent"sv})) return true;
  for (std::string_view w : {"collected"sv, "centrifug"sv, "isolated"sv, "washed"sv, "purif"sv}) {
    const size_t at = rest.find(w);
    if (at != std::string_view::npos && !holds_negation(rest.substr(0, at))) return true;
  }
  if (const size_t at = rest.find("precipitation"); at != std::string_view::npos) {
    if (contains_any(rest.substr(0, at), {"enabl"sv, "allow"sv, "induc"sv, "permit"sv, "facilitat"sv})) return true;
  }
  return false;
}

// Whether a sentence places a decomposition in a characterisation: "The NCs decomposed at 400 °C
// during TGA", "decomposed under electron beam irradiation during TEM imaging". Damage by the
// measurement is no failed synthesis (review 13b, R4); "decomposed within minutes at 280 °C" is one.
bool characterisation_damage(std::string_view sentence) {
  return contains_any(sentence, {"during tga"sv, "during the tga"sv, "in the tga"sv, "during dsc"sv,
                                 "thermogravimetr"sv, "thermal analysis"sv, "electron beam"sv, "e-beam"sv,
                                 "under the beam"sv, "during tem"sv, "during the tem"sv, "during sem"sv,
                                 "during imaging"sv, "during the imaging"sv, "during xps"sv,
                                 "during the measurement"sv, "during measurement"sv, "during characteri"sv});
}

// Whether a degradation or a dark product is an ageing result read long after the synthesis: "degraded
// to PbBr2 after 30 days under ambient conditions", "during storage", "showed negligible PL after
// exposure to humid air" (review 14c, R15; D3). "degraded rapidly within two days" stays a failure, and
// so does "after 2 days": only a week or more counts.
bool ageing_result(std::string_view before, std::string_view tail) {
  for (std::string_view w : {"storage"sv, "stored"sv, "shelf"sv, "exposure to"sv, "exposed to"sv}) {
    if (before.find(w) != std::string_view::npos || tail.find(w) != std::string_view::npos) return true;
  }
  for (size_t at = tail.find("after "); at != std::string_view::npos; at = tail.find("after ", at + 1)) {
    std::string_view r = tail.substr(at + 6);
    size_t d = 0;
    int count = 0;
    while (d < r.size() && is_digit(r[d])) count = std::min(count * 10 + (r[d++] - '0'), 1000);
    if (d == 0 || d >= r.size() || r[d] != ' ') continue;
    r.remove_prefix(d + 1);
    if (r.starts_with("week") || r.starts_with("month") || r.starts_with("year") ||
        (r.starts_with("day") && count >= 7)) {
      return true;
    }
  }
  return false;
}

// Whether "we were unable to obtain/grow ..." is about a specimen for a measurement, not the
// product: "unable to obtain single crystals for X-ray diffraction" (review 14c, R14).
bool characterisation_specimen(std::string_view clause) {
  return contains_any(clause, {"suitable for"sv, " for x-ray"sv, " for xrd"sv, " for single-crystal"sv,
                               " for single crystal"sv, " for structur"sv, " for diffraction"sv,
                               " for crystallograph"sv, " for tem"sv, " for sem"sv, " for measurement"sv});
}

// Whether a dark product is the reference state of a contrast in its sentence: "non-luminescent in
// the absence of a ZnS shell, but the core/shell NCs were bright" (review 14c, R20). The condition
// must follow the cue: "The InP QDs prepared without ZnCl2 were non-luminescent" stays a failure.
bool contrasted_reference(std::string_view clause, std::string_view tail) {
  if (clause.find("in the absence of"sv) == std::string_view::npos && clause.find(" without "sv) == std::string_view::npos) {
    return false;
  }
  return contains_any(tail, {" but "sv, "whereas"sv, " while "sv, "in contrast"sv});
}

// Whether the rest of a sentence reads an absence of particles as atoms dispersed on a support: "No Pt
// nanoparticles were observed, indicating that Pt is atomically dispersed" (a single-atom catalyst).
bool atomic_dispersion(std::string_view tail) {
  return contains_any(tail, {"atomically"sv, "single-atom"sv, "single atom"sv, "atomic dispersion"sv,
                             "isolated atom"sv, "single-site"sv});
}

// Whether "no precipitate formed/was observed" tells of a colloid that stayed stable or of a work-up
// step, not of a synthesis that gave nothing: "The NC solution was stable: no precipitate formed
// within 3 months of storage", "After the addition of ethanol, no precipitate formed, so the NCs were
// precipitated with methyl acetate" (review 14a, A2). "No precipitate formed after 3 days at 180 °C"
// stays a failure. `before`/`tail` as in failure_in_context(); `match` is the cue's text.
// `prev` is the sentence before.
bool stable_or_workup_precipitate(std::string_view before, std::string_view match, std::string_view tail,
                                  std::string_view prev) {
  for (std::string_view w : {" stable"sv, "stabil"sv, "storage"sv, "stored"sv, "shelf"sv, " month"sv, " week"sv,
                             " year"sv}) {
    if (before.find(w) != std::string_view::npos || tail.find(w) != std::string_view::npos) return true;
  }
  // "No precipitate was observed after 24 h, and the solution remained clear": a solution watched
  // over time that stays clear is a stable one, unless the sentence heats it ("... after 3 days at
  // 180 °C") or the precipitate was to form ("held for 30 min; no precipitate formed and the
  // solution remained clear" is a reaction that gave nothing). Nor where the sentence goes on to say
  // nothing formed ("..., indicating that no Ag2S had formed") or the sentence before added the
  // reagent that was to precipitate it ("Na2S was added to the Ag+ solution.") (review 15c, R9).
  if (match.ends_with("observed") && tail.starts_with(" after ") &&
      contains_any(tail, {"remained clear"sv, "remained transparent"sv, "stayed clear"sv, "stayed transparent"sv}) &&
      before.find("\u00b0") == std::string_view::npos && tail.find("\u00b0") == std::string_view::npos &&
      !contains_any(tail, {" no "sv, " not "sv}) &&
      !contains_any(prev, {" added"sv, " injected"sv, " introduced"sv, "adding "sv, "addition of"sv})) {
    return true;
  }
  if (contains_any(before, {"addition of ethanol"sv, "addition of acetone"sv, "addition of methanol"sv,
                            "addition of methyl acetate"sv, "addition of isopropanol"sv, "addition of 2-propanol"sv,
                            "antisolvent"sv, "anti-solvent"sv, "nonsolvent"sv, "non-solvent"sv})) return true;
  if (contains_any(tail, {"precipitated with"sv, "precipitated by"sv, "centrifug"sv})) return true;
  // "No precipitate formed upon dilution with hexane": a colloid that stays dispersed (review 14c, f1).
  return contains_any(tail, {"upon dilution"sv, "on dilution"sv, "after dilution"sv, "when diluted"sv});
}

// "the splitting of the (110) reflection was not observed for x = 0.2": a feature not seen in one
// sample of a series is a finding of the characterisation, not a failed synthesis. A phase not seen
// is the product that sample missed: "Single-phase perovskite was not observed for x = 0.5" fails as
// "A single phase could not be obtained for x = 0.5" does (review 14d, F13). `before` is the folded
// sentence before the cue.
bool observed_for_sample(std::string_view before, std::string_view cue, std::string_view tail) {
  if (!cue.ends_with("not observed") || !(tail.starts_with(" for ") || tail.starts_with(" in the case of "))) {
    return false;
  }
  const std::string_view subject = before.substr(before.size() > 40 ? before.size() - 40 : 0);
  return !contains_any(subject, {"single phase"sv, "single-phase"sv, "pure phase"sv, "phase-pure"sv,
                                 "phase pure"sv, "pure perovskite"sv});
}

// When it returns false, `*compared` holds compared_side(before, tail), for failure_scope(). `prev` is
// the sentence before.
bool failure_in_context(std::string_view before, std::string_view cue, size_t cue_len, std::string_view tail,
                        ComparedSide* compared, std::string_view prev) {
  // Undesired results of a synthesis, for "aggregation was not observed" (the subject before the
  // cue) and "did not lead to aggregation" (the object after it); "The undesired Cs4PbBr6 phase was
  // not formed" names one by its adjective (review 16b, B9).
  static constexpr std::string_view kUndesired[] = {
      "aggregat"sv, "agglomerat"sv, "precipitat"sv, "coalescen"sv, "ripening"sv, "broadening"sv, "polydispers"sv,
      "degradation"sv, "decomposition"sv, "quenching"sv, "impurit"sv, "byproduct"sv, "by-product"sv,
      "side product"sv, "side reaction"sv, "secondary phase"sv, "phase separation"sv, "change"sv, "loss"sv,
      "etching"sv, "dissolution"sv, "oxidation"sv, "sintering"sv, "fusion"sv, "defects"sv, "damage"sv,
      "flocculation"sv, "sedimentation"sv, "bulk"sv, "undesired"sv, "unwanted"sv, "undesirable"sv, "failure"sv,
      "segregation"sv};
  // The sentence's clause after the match, up to a comma.
  const std::string_view clause_rest = tail.substr(0, tail.find(','));
  // "The PL was quenched by methyl viologen": a quenching experiment, not a damaged product.
  if (cue.substr(0, cue_len).ends_with("quenched") && tail.starts_with(" by ")) return true;
  if (before.starts_with("if ") || before.find(" if ") != std::string_view::npos ||
      before.find("whether") != std::string_view::npos) {
    return true;
  }
  // "conditions under which the synthesis fails", "cases in which the reaction fails": a relative
  // clause that names the conditions of a failure in general, not a failure this work reports
  // (review 8, D9). The subject is at most an article after "<preposition> which".
  {
    std::string_view b = before;
    b = trim_right(b);
    for (std::string_view art : {" the"sv, " a"sv, " this"sv, " our"sv}) {
      if (b.ends_with(art)) {
        b.remove_suffix(art.size());
        break;
      }
    }
    for (std::string_view rel : {" under which"sv, " in which"sv, " at which"sv, " for which"sv, " beyond which"sv,
                                 " below which"sv, " above which"sv, " where"sv}) {
      if (b.ends_with(rel)) return true;
    }
  }
  for (std::string_view w : {"unlike "sv, "in contrast to"sv, "contrary to"sv, "as opposed to"sv, "compared with"sv,
                             "compared to"sv, "in comparison"sv}) {
    if (before.find(w) == std::string_view::npos) continue;
    size_t comma = tail.find(", ");
    if (comma == std::string_view::npos) break;
    std::string_view main = tail.substr(comma + 2);
    for (std::string_view own : {"our "sv, "we "sv, "here"sv, "in this work"sv, "in our"sv, "the present"sv}) {
      if (main.starts_with(own)) return true;
    }
    break;
  }
  // A reference sample the product is compared with ("unlike the bare cores, which were not
  // emissive"), and a state undone later in the sentence ("... but recovered after OA treatment").
  *compared = compared_side(before, tail);
  if (compared->found && reference_side(compared->side, cue.substr(0, cue_len))) return true;
  if (recovered_after(tail)) return true;
  // Only for cues that start at their verb, with the subject before them.
  for (std::string_view verb : {"could not"sv, "was not"sv, "were not"sv, "is not"sv, "are not"sv, "fail"sv,
                                "did not"sv, "does not"sv}) {
    if (cue.starts_with(verb)) {
      if (abstract_object(before, cue.substr(std::min(cue_len, cue.size())))) return true;
      break;
    }
  }
  for (std::string_view other : {"conventional method"sv, "conventional route"sv, "conventional synthes"sv,
                                 "traditional method"sv, "traditional route"sv, "other method"sv, "other route"sv,
                                 "existing method"sv, "previous method"sv, "reported method"sv}) {
    if (clause_rest.find(other) != std::string_view::npos) return true;
  }
  {
    std::string_view r = tail;
    while (!r.empty() && r.front() == ' ') r.remove_prefix(1);
    for (std::string_view neg : {"was not "sv, "were not "sv, "is not "sv, "are not "sv, "was never "sv,
                                 "were never "sv, "could not be "sv, "was absent"sv, "were absent"sv}) {
      if (r.starts_with(neg)) return true;
    }
  }
  if (observed_for_sample(before, cue.substr(0, std::min(cue_len, cue.size())), tail)) return true;
  if (cue.starts_with("was not") || cue.starts_with("were not") || cue.starts_with("was never") ||
      cue.starts_with("were never") || cue.starts_with("never ")) {
    // A relative clause between the subject and the cue is skipped ("The Sr segregation, which frequently
    // degrades LSCF cathodes, was not observed": s33-fail2).
    std::string_view head = before;
    if (const size_t rel = head.rfind(", which "); rel != std::string_view::npos && trim_right(head).ends_with(",")) {
      head = head.substr(0, rel);
    }
    std::string_view subject = head.substr(head.size() > 30 ? head.size() - 30 : 0);
    for (std::string_view bad : kUndesired) {
      // "change" as a word: "the ligand exchange was not successful" is a failed exchange (s33-fail2).
      const size_t at = subject.find(bad);
      if (at != std::string_view::npos &&
          !(bad == "change"sv && at > 0 && subject[at - 1] >= 'a' && subject[at - 1] <= 'z')) {
        return true;
      }
    }
    // "a broad size distribution was not observed": "broad" counts only before the cue (the list
    // after "did not" never had it).
    if (subject.find("broad") != std::string_view::npos) return true;
  }
  if (cue.substr(0, cue_len).find("ggregat") != std::string_view::npos ||
      cue.substr(0, cue_len).find("gglomerat") != std::string_view::npos) {
    bool then = false;
    for (std::string_view w : {", so "sv, " so they"sv, " so that"sv, "therefore"sv, " thus "sv, ", then "sv,
                               "and were then"sv, "which were then"sv}) {
      then |= tail.find(w) != std::string_view::npos;
    }
    for (std::string_view w : {"wash"sv, "redispers"sv, "re-dispers"sv, "sonicat"sv, "filter"sv, "centrifug"sv,
                               "discard"sv, "removed"sv}) {
      if (then && tail.find(w) != std::string_view::npos) return true;
    }
  }
  // Articles and "any" between a negation and the cue: "rather than a broad size distribution".
  const std::string_view b = trim_right_words(before, {" a"sv, " an"sv, " the"sv, " any"sv});
  for (std::string_view neg : {" not"sv, "n't"sv, " non"sv, " never"sv, " nor"sv, " rather than"sv, " instead of"sv,
                               " less"sv, " neither"sv, " without"sv, " no"sv, " none of"sv, " rarely"sv, " seldom"sv,
                               " avoid"sv, " avoids"sv, " avoided"sv, " avoiding"sv, " prevent"sv, " prevents"sv, " little"sv,
                               " negligible"sv, " minimal"sv, " slight"sv, " hardly"sv, " barely"sv,
                               " prevented"sv, " preventing"sv, " suppress"sv, " suppressed"sv, " suppressing"sv,
                               " free of"sv}) {
    if (b.ends_with(neg) || b == neg.substr(1)) return true;
  }
  if (b.ends_with(" non-") || b.ends_with(" not-") || b == "non-" || b == "not-") return true;
  // "do not show a broad size distribution", "did not exhibit any aggregation": up to three verbs
  // of showing or causing between the negation and the cue.
  {
    std::string_view m = b;
    for (int words = 0; words < 3; ++words) {
      const auto [head, w] = cut_last_word(m);
      if (w == "not" || w == "never" || w == "no" || w.ends_with("n't")) {
        if (words > 0) return true;
        break;
      }
      if (!one_of(w, {"show", "shows", "showed", "shown", "exhibit", "exhibits", "exhibited", "display",
                      "displays", "displayed", "have", "has", "had", "give", "gives", "gave", "yield", "yields",
                      "yielded", "produce", "produces", "produced", "cause", "causes", "caused", "observe",
                      "observed", "see", "find", "found", "reveal", "revealed", "suffer", "suffered", "from",
                      "lead", "led", "to", "result", "resulted", "in", "undergo", "underwent", "become", "became",
                      "appear", "appeared", "seem", "seemed", "possess", "possessed", "present", "any"})) {
        break;
      }
      if (head.empty()) break;  // no word left before this one
      m = head;
    }
  }
  // Hedged: a modal right before the cue (one adverb may come between).
  {
    std::string_view m = b;
    for (std::string_view copula : {" be"sv, " become"sv, " have been"sv}) {
      if (m.ends_with(copula)) m.remove_suffix(copula.size());  // "might be polydisperse"
    }
    for (int pass = 0; pass < 2; ++pass) {
      for (std::string_view modal : {" may"sv, " might"sv, " could"sv, " would"sv, " can"sv, " will"sv, " should"sv,
                                     " may have"sv, " might have"sv, " could have"sv, " would have"sv,
                                     " likely to"sv, " expected to"sv, " tend to"sv, " tends to"sv}) {
        if (m.ends_with(modal) || m == modal.substr(1)) return true;
      }
      const auto [head, adverb] = cut_last_word(m);
      if (head.empty() || !adverb.ends_with("ly")) break;
      m = head;  // "might eventually fail to"
    }
  }
  // A control experiment that confirms what a reagent does ("Control experiments without X did not
  // produce nanoplatelets, confirming its role"); a control that only failed still counts ("A
  // control reaction heated only to 220 °C gave no nanocrystals").
  const std::string_view after = cue.substr(std::min(cue_len, cue.size()));
  {
    bool control = false;
    std::string_view clause_after = after.substr(0, after.find_first_of(".;"));
    for (std::string_view w : {"control"sv, "blank"sv, "without"sv, "absence"sv}) {
      control |= before.find(w) != std::string_view::npos || tail.find(w) != std::string_view::npos;
    }
    for (std::string_view w : {"confirming"sv, "confirms"sv, "which confirmed"sv, "demonstrating"sv,
                               "highlighting"sv, "proving"sv, "indicating the role"sv, "indicating the importance"sv,
                               "as expected"sv}) {
      if (control && clause_after.find(w) != std::string_view::npos) return true;
    }
  }
  // "did not lead to aggregation", "never gave any bulk precipitate": a negated undesired result.
  if (cue.starts_with("did not") || cue.starts_with("does not") || cue.starts_with("never")) {
    std::string_view a = after;
    for (bool skipped = true; skipped;) {
      skipped = false;
      while (!a.empty() && a.front() == ' ') a.remove_prefix(1);
      for (std::string_view w : {"any "sv, "a "sv, "an "sv, "the "sv, "significant "sv, "noticeable "sv,
                                 "obvious "sv, "appreciable "sv, "visible "sv, "considerable "sv, "severe "sv,
                                 "much "sv, "substantial "sv, "measurable "sv, "detectable "sv, "further "sv,
                                 "undesired "sv, "unwanted "sv, "irreversible "sv, "particle "sv}) {
        if (a.starts_with(w)) {
          a.remove_prefix(w.size());
          skipped = true;
        }
      }
    }
    for (std::string_view bad : kUndesired) {
      if (a.starts_with(bad)) return true;
    }
  }
  // "The irregular particles formed were removed by size-selective precipitation": a by-product set
  // aside ("formed" is a reduced relative), the wanted shape was kept (review 17e, R11).
  if (cue.starts_with("irregular")) {
    std::string_view a = after;
    while (!a.empty() && a.front() == ' ') a.remove_prefix(1);
    for (std::string_view w : {"were "sv, "was "sv, "could be "sv, "can be "sv}) {
      if (a.starts_with(w)) {
        a.remove_prefix(w.size());
        break;
      }
    }
    if (a.starts_with("then ")) a.remove_prefix(5);
    for (std::string_view w : {"removed"sv, "discarded"sv, "separated"sv, "excluded"sv, "rejected"sv}) {
      if (a.starts_with(w)) return true;
    }
  }
  // "The particles were highly aggregated on the TEM grid": the aggregation of a TEM sample or of
  // magnetic particles says nothing about the colloid.
  if (cue.substr(0, cue_len).find("aggregat") != std::string_view::npos ||
      cue.substr(0, cue_len).find("agglomerat") != std::string_view::npos) {
    std::string_view near = after.substr(0, std::min<size_t>(after.size(), 40));
    if (contains_any(near, {"grid"sv, "drying"sv, "dried"sv, "magnetic"sv, "tem "sv, "evaporation"sv, "mill"sv,
                            "ground"sv, "grind"sv})) return true;
    // "The calcined powders were strongly agglomerated": agglomerates of a ceramic powder are its
    // usual state (they are milled), not a failed colloid.
    if (contains_any(before, {"powder"sv, "calcin"sv, "sinter"sv, "anneal"sv})) return true;
  }
  // "Polydisperse samples were discarded", "a broad size distribution, narrowed by size-selective
  // precipitation": the spread was removed from the product.
  if (cue.starts_with("polydispers") || cue.find("distribution") < cue_len) {
    std::string_view near = after.substr(0, std::min<size_t>(after.size(), 60));
    for (std::string_view w : {"discard"sv, "removed"sv, "size-selective"sv, "size selective"sv, "excluded"sv,
                               "separated"sv, "rejected"sv, "narrowed"sv, "size selection"sv, "size-selected"sv}) {
      const size_t at = near.find(w);
      if (at != std::string_view::npos && !holds_negation(near.substr(0, at))) return true;
    }
    // "After size-selective precipitation, the broad size distribution was narrowed".
    if (contains_any(before, {"size-selective"sv, "size selective"sv, "size selection"sv,
                              "size-selected"sv})) {
      return true;
    }
    // A general statement: "Ostwald ripening typically leads to a broad size distribution". Ripening
    // in the past tense is this work's ("Higher temperatures led to Ostwald ripening and broad size
    // distributions", review 16b, B14).
    if (contains_any(before, {"typically"sv, "generally"sv, "usually"sv, "commonly"sv, "often"sv, "in general"sv}) ||
        (before.find("ripening") != std::string_view::npos &&
         !contains_any(before, {" led "sv, " resulted "sv, " caused "sv, "occurred"sv, " gave "sv}))) {
      return true;
    }
    // "ripening broadened the size distribution only slightly": a minor change.
    for (std::string_view w : {"slightly"sv, "marginally"sv, "somewhat"sv}) {
      if (cue.substr(0, cue_len).find("broadened") != std::string_view::npos &&
          clause_rest.substr(0, 24).find(w) != std::string_view::npos) {
        return true;
      }
    }
  }
  // "not emissive in the NIR range beyond 1600 nm": no emission in a spectral range is a property
  // of the product, not a dark one (review 12b, R3).
  if (no_emission_cue(cue.substr(0, cue_len)) && spectral_range(clause_rest)) return true;
  // "The Cs4PbBr6 NCs were non-luminescent, in agreement with the large band gap of the 0D phase": a
  // property the sentence explains by the material, no dark product (review 14a).
  if (no_emission_cue(cue.substr(0, cue_len)) && intrinsic_property(tail)) return true;
  // "..., otherwise aggregation occurred": a counterfactual, like the modal "Otherwise, the NCs
  // would be polydisperse" above (review 12b, R4); "under otherwise identical conditions" is none.
  if (counterfactual(before)) return true;
  // "Syntheses in air failed in earlier reports [5]": prior work named after the cue (review 12b, R5).
  if (cites_earlier_work(clause_rest) || earlier_attempt(before, cue)) return true;
  for (std::string_view earlier : kEarlierWork) {
    size_t at = before.find(earlier);
    if (at == std::string_view::npos) continue;
    // The failure is still this work's when the sentence sets it against the earlier work or follows
    // it: "In contrast to previous reports, our attempts failed", "Following previous reports, ...,
    // but the reaction failed", "Using the method reported by Peng et al., we obtained polydisperse".
    // A name stands between the lead word and "et al" ("Following the method of Peng et al.").
    const size_t reach = earlier == "et al" ? 48 : 24;
    std::string_view lead = before.substr(at > reach ? at - reach : 0, at > reach ? reach : at);
    std::string_view rest = before.substr(at + earlier.size());
    bool own = false;
    for (std::string_view w : {"unlike"sv, "contrast"sv, "contrary"sv, "following"sv, "using"sv, "based on"sv,
                               "according to"sv, "adapted"sv, "modified"sv, "as in"sv}) {
      own |= lead.find(w) != std::string_view::npos;
    }
    for (std::string_view w : {" our "sv, " we "sv, " but "sv, "however"sv, "whereas"sv, " here"sv, "this work"sv,
                               "in this study"sv, "present"sv}) {
      own |= rest.find(w) != std::string_view::npos;
    }
    if (!own) return true;
  }
  // "The NCs aggregated into ordered superlattices", "the particles agglomerated on the TEM grid":
  // an assembly, or an artefact of preparing the sample for microscopy, not a failed synthesis.
  if (size_t verb = cue.find("ggregated"); verb != std::string_view::npos || cue.find("gglomerated") != std::string_view::npos) {
    if (verb == std::string_view::npos) verb = cue.find("gglomerated");
    std::string_view rest = cue.substr(verb);
    if (contains_any(rest, {"superlattice"sv, "ordered"sv, "assembl"sv, "array"sv, " tem "sv, "grid"sv, "drying"sv,
                            "sample preparation"sv, "evaporat"sv})) return true;
  }
  if (negated_failed(cue.substr(0, cue_len))) return true;
  // "the PLQY dropped from 92% to 85%", "a decrease of the PLQY from 45% to 40%": a minor drop.
  if (const std::string_view m = cue.substr(0, cue_len);
      m.find("qy") != std::string_view::npos || m.find("quantum yield") != std::string_view::npos) {
    if (minor_drop(m)) return true;
  }
  // "The ligand exchange failed to affect the size": the `failed` cue before a verb of no effect.
  if (const std::string_view m = cue.substr(0, cue_len);
      (m.ends_with("failed") || m.ends_with("fails")) && tail.starts_with(" to ") && no_effect_verb(tail.substr(4))) {
    return true;
  }
  if (cue.starts_with("fail")) {
    size_t to = cue.find(" to ");
    if (to != std::string_view::npos && to < 8) {
      std::string_view verb = cue.substr(to + 4);
      // "fails to correctly analyze the impedance data": an analysis, no synthesis, failed.
      if (data_analysis_verb(verb) || no_effect_verb(verb)) return true;
      bool observe = false;
      for (std::string_view v : {"observe"sv, "detect"sv, "see "sv, "notice"sv, "find"sv, "identify"sv, "measure"sv}) {
        observe |= verb.starts_with(v);
      }
      if (observe) {
        for (std::string_view product : {"crystal"sv, "particle"sv, "product"sv, "precipitate"sv, " ncs"sv, " qds"sv,
                                         " nps"sv, "solid"sv}) {
          if (verb.find(product) != std::string_view::npos) return false;
        }
        return true;
      }
    }
  }
  const std::string_view match = cue.substr(0, std::min(cue_len, cue.size()));
  // "Attempts to fit the XRD data with a single phase failed", "... to reproduce the impedance data
  // were unsuccessful" (the attempt before the cue): an analysis, as "fails to fit" above.
  {
    std::string_view attempt = match;
    if (!match.starts_with("attempt")) {
      const size_t at = before.rfind("attempt");
      attempt = at == std::string_view::npos ? std::string_view() : before.substr(at);
      if (attempt.size() > 100 || attempt.find(", ") != std::string_view::npos ||
          attempt.find(" that ") != std::string_view::npos) {
        attempt = {};
      }
    }
    const size_t to = attempt.find(" to ");
    if (to != std::string_view::npos && to < 12 && (data_analysis_verb(attempt.substr(to + 4)) || attempt_on_data(attempt))) {
      return true;
    }
  }
  if (workup_or_uptake_place(tail)) return true;
  // "No Pt NPs were detected by TEM, confirming the single-atom dispersion": the absence is the result.
  if (match.starts_with("no ") && atomic_dispersion(tail)) return true;
  if (match.find("precipitate") != std::string_view::npos && stable_or_workup_precipitate(before, match, tail, prev)) return true;
  // "The PbCl2 did not fully dissolve until the temperature reached 150 °C": it then dissolved (review
  // 14a, A12); "remained undissolved even at 200 °C" stays a failure.
  // "did not dissolve fully until 120 °C": one adverb may come first ("until the end" never dissolved).
  if (const size_t until = clause_rest.substr(0, 20).find(" until ");
      until != std::string_view::npos && match.find("dissolve") != std::string_view::npos &&
      !clause_rest.substr(until + 7).starts_with("the end")) {
    return true;
  }
  if (match.find("colloidal stability") != std::string_view::npos && antisolvent_step(before, tail)) return true;
  if ((match.find("decompos") != std::string_view::npos || match.find("degrad") != std::string_view::npos) &&
      (characterisation_damage(before) || characterisation_damage(tail))) {
    return true;
  }
  if ((match.find("degrad") != std::string_view::npos || no_emission_cue(match)) && ageing_result(before, tail)) {
    return true;
  }
  if (match.starts_with("we ") && characterisation_specimen(clause_rest)) return true;
  if (no_emission_cue(match) && contrasted_reference(clause_rest, tail)) return true;
  // "The route was abandoned in favour of the hot-injection method": a choice, no failure (review 13b, D7).
  if (clause_rest.find("in favour of") != std::string_view::npos || clause_rest.find("in favor of") != std::string_view::npos) {
    return true;
  }
  if (operation_damage(before, match, tail)) return true;
  return false;
}

// The length of a failure match without a trailing preposition that a cue needs as context but
// that ends no phrase: "NCs degraded within" → "NCs degraded" (review 12b, R12).
size_t span_without_preposition(std::string_view match) {
  std::string_view m = match;
  m = trim_right(m);
  // A cue that ends at its clause's punctuation or "and" ("were less successful:", "gave no PL and")
  // ends before it.
  if (!m.empty() && (m.back() == ',' || m.back() == ';' || m.back() == ':' || m.back() == '.')) {
    m.remove_suffix(1);
    m = trim_right(m);
    return m.size();
  }
  if (m.ends_with(" and"sv)) return m.size() - 4;
  // "did not result in": the preposition belongs to the verb (review 16b, B22).
  if (m.ends_with("result in"sv) || m.ends_with("resulted in"sv)) return m.size();
  for (std::string_view p : {" within"sv, " after"sv, " in"sv, " over"sv, " upon"sv, " during"sv, " under"sv, " on"sv}) {
    if (m.ends_with(p)) {
      m.remove_suffix(p.size());
      m = trim_right(m);
      return m.size();
    }
  }
  return match.size();
}

// Bytes of the attempt's subject at the start of a subject-first cue's match (`name` its rule, `match`
// lower-cased): "NCs aggregated", "the film partly peeled off", "Sulfidation of the Ni nanoparticles at
// 200 °C was incomplete", "Attempts to grow a ZnS shell ... were unsuccessful". GUIDELINE.md section 4
// keeps the subject and its conditions outside a failure's span: a reader of the span wants the words
// that say what went wrong, and the subject's material, temperature or time are entities of their own
// (s33-fail2). The span then starts at the verb group: the first auxiliary or failure verb after the
// subject, with the -ly adverbs right before it ("partly peeled off"). 0 when the match starts with a verb
// ("bent strongly and fractured", "warped and cracked") or holds no such word after its first.
size_t subject_length(std::string_view name, std::string_view match) {
  static constexpr std::string_view kSubjectFirst[] = {
      "aggregated"sv, "degraded"sv, "dissolved"sv, "failed"sv, "attempts_failed"sv, "fabrication_defect"sv,
      "densification"sv, "incomplete"sv, "poor_quality"sv, "irreproducible"sv, "uncontrolled_growth"sv,
      "did_not_decompose"sv, "did_not_proceed"sv, "unsuccessful"sv, "leaked"sv, "collapsed"sv, "stalled"sv,
      "oxidised"sv, "unstable"sv, "nonuniform"sv, "could_not"sv};
  if (std::find(std::begin(kSubjectFirst), std::end(kSubjectFirst), name) == std::end(kSubjectFirst)) return 0;
  static constexpr std::string_view kVerbs[] = {
      "was"sv, "were"sv, "had"sv, "have"sv, "has"sv, "did"sv, "could"sv, "became"sv, "remained"sv, "proved"sv,
      "tended"sv, "failed"sv, "fails"sv, "aggregated"sv, "agglomerated"sv, "cracked"sv, "delaminated"sv,
      "warped"sv, "fractured"sv, "curled"sv, "blistered"sv, "peeled"sv, "spalled"sv, "dissolved"sv,
      "degraded"sv, "decomposed"sv, "grew"sv, "sintered"sv, "collapsed"sv, "leaked"sv, "oxidised"sv,
      "oxidized"sv, "stalled"sv, "separated"sv};
  auto is_verb = [](std::string_view w) {
    return std::find(std::begin(kVerbs), std::end(kVerbs), w) != std::end(kVerbs);
  };
  std::vector<std::pair<size_t, std::string_view>> words;
  for (size_t b = 0; b < match.size();) {
    size_t e = match.find(' ', b);
    if (e == std::string_view::npos) e = match.size();
    // A word before the clause's punctuation ("... in a single phase failed;") is read without it.
    std::string_view w = match.substr(b, e - b);
    while (!w.empty() && (w.back() == ';' || w.back() == ':' || w.back() == ',' || w.back() == '.')) w.remove_suffix(1);
    if (!w.empty()) words.emplace_back(b, w);
    b = e + 1;
  }
  if (words.size() < 2 || is_verb(words[0].second) || words[0].second.ends_with("ed") ||
      one_of(words[0].second, {"bent"sv, "shrank"sv})) {
    return 0;
  }
  for (size_t i = 1; i < words.size(); ++i) {
    if (!is_verb(words[i].second)) continue;
    // "shrank and cracked": a coordinated verb is no subject.
    for (size_t k = 0; k < i; ++k) {
      if (words[k].second == "and"sv && name == "fabrication_defect"sv) return 0;
    }
    // "Sulfidation of particles that were grown at 200 °C was incomplete": the first verb is the relative
    // clause's, inside the subject; the failure's verb group is the last of the match (s33-review2, 26).
    if (std::any_of(words.begin(), words.begin() + i, [](const auto& w) { return one_of(w.second, {"that"sv, "which"sv, "who"sv}); })) {
      size_t last = words.size() - 1;
      while (last > i && !is_verb(words[last].second)) --last;
      i = last;
      while (i > 1 && (is_verb(words[i - 1].second) || words[i - 1].second == "not"sv)) --i;
    }
    size_t j = i;
    while (j > 1 && words[j - 1].second.size() > 4 && words[j - 1].second.ends_with("ly") &&
           words[j - 1].second != "only"sv) {
      --j;
    }
    return words[j].first;
  }
  return 0;
}

// Whether a failure cue is a concessive side remark on a synthesis that its sentence calls a success:
// "The synthesis was largely successful, although some aggregation was observed at the highest
// concentration", "Although some aggregation occurred, the synthesis was successful" (review 13, D20).
bool concessive_remark(std::string_view before, std::string_view rest) {
  auto reports_success = [](std::string_view clause) {
    if (holds_negation(clause) || clause.find("unsuccessful") != std::string_view::npos ||
        clause.find("less successful") != std::string_view::npos) {
      return false;
    }
    return contains_any(clause, {"successful"sv, "succeeded"sv, " worked"sv, "monodisperse"sv, "well-defined"sv,
                                 "high-quality"sv, "high quality"sv});
  };
  for (std::string_view c : {", although "sv, ", though "sv, ", albeit "sv, ", even though "sv}) {
    if (size_t at = before.rfind(c); at != std::string_view::npos) return reports_success(before.substr(0, at));
  }
  for (std::string_view c : {"although "sv, "though "sv, "even though "sv, "despite "sv}) {
    if (!before.starts_with(c)) continue;
    const size_t comma = rest.find(", ");
    return comma != std::string_view::npos && reports_success(rest.substr(comma + 1));
  }
  return false;
}

// Whether a failure's sentence names the value of a condition it failed under: a temperature, a
// time or an amount ("At 140 °C the reaction failed", "below 120 °C", "when the heating rate
// exceeded 10 °C/min", "at higher temperatures", "with 2 mL of NaOH"). Such a condition screen is a
// variant of the synthesis like an ablation, so it gets the same status rule (review 16b, B6).
bool names_condition(std::string_view s) {
  // Since review 33 also a compared time, concentration or ratio without a number: "longer reaction times
  // led to the dissolution of the rods", "At Cs:Pb ratios above 2, Cs4PbBr6 formed instead of CsPbBr3".
  return contains_any(s, {"\xC2\xB0"sv, " k,"sv, " min"sv, " h "sv, " h,"sv, " ml "sv, "mmol"sv, "higher temperature"sv,
                          "lower temperature"sv, " exceed"sv, "shorter than"sv, "longer than"sv, "longer reaction"sv,
                          "shorter reaction"sv, "longer time"sv, "shorter time"sv, "higher concentration"sv,
                          "lower concentration"sv, " ratios above"sv, " ratios below"sv, " ratio above"sv,
                          " ratio below"sv, " ratio of "sv});
}

// Whether the failure's sentence after the cue (`rest`) goes on, after "whereas", ", while" or a semicolon
// and a fronted variant ("; with ...", "; at ...", "; adding ..."), to a clause that names a working sample:
// a production verb or a success word, with no negation or failure word (s33-fail3).
bool worked_after(std::string_view rest) {
  for (std::string_view contrast : {"whereas "sv, ", while "sv, "; "sv}) {
    const size_t at = rest.find(contrast);
    if (at == std::string_view::npos) continue;
    const std::string_view other = rest.substr(at + contrast.size());
    if (contrast == "; "sv && !(other.starts_with("with "sv) || other.starts_with("at "sv) ||
                                other.starts_with("adding "sv) || other.starts_with("after "sv) ||
                                other.starts_with("using "sv) || other.starts_with("in the presence"sv))) {
      continue;
    }
    // "No nanocrystals were formed, whereas the reference reaction with TOP-Se gave CdSe NCs": a reference
    // that worked leaves this work's failure standing (s13-status).
    // Nor does other people's work, or a hedge ("whereas Peng and co-workers produced thick shells with the
    // same route", "whereas the supernatant gave a clear solution"; s33-review2, 25).
    if (contains_any(other, {"reference"sv, "ref."sv, "control"sv, "literature"sv, "reported"sv, "et al"sv,
                             "co-workers"sv, "coworkers"sv, "others"sv, "previous"sv, "["sv, "should"sv, "would"sv,
                             "expected"sv, "predicted"sv, "supernatant"sv})) {
      return false;
    }
    if (holds_negation(other) || contains_any(other, {"fail"sv, "unsuccessful"sv, "aggregat"sv, "agglomerat"sv,
                                                      "impur"sv, "amorphous"sv, "broad"sv, "poor"sv, "crack"sv})) {
      if (!contains_any(other, {"crack-free"sv, "crack free"sv})) return false;
    }
    return contains_any(other, {" yielded"sv, " gave"sv, " produced"sv, " afforded"sv, " were obtained"sv,
                                " was obtained"sv, " were formed"sv, " was formed"sv, " were recovered"sv,
                                "successful"sv, "monodisperse"sv, "crack-free"sv, "well-separated"sv,
                                "defect-free"sv, " yield of "sv});
  }
  return false;
}

// Whether a fronted or when-clause names the sample a failure belongs to: a value, or a reagent or setting
// that was used, left out or changed ("When water was used as the solvent", "with 2 mmol TOP", "when the
// solid loading was below 15 vol%", "with octylamine"), and not a step in time or the standard route ("When
// the reaction mixture was cooled to room temperature", "With time", "Using the standard protocol";
// s33-review2, 7).
bool names_variant(std::string_view c) {
  if (contains_any(c, {"with time"sv, "with ageing"sv, "with aging"sv, "using the standard"sv, "using this"sv,
                       "using the same"sv, "using the protocol"sv, "using the method"sv, "using the procedure"sv})) {
    return false;
  }
  if (std::any_of(c.begin(), c.end(), [](char ch) { return is_digit(ch); })) return true;
  if (contains_any(c, {" used"sv, "omitted"sv, " added"sv, "replaced"sv, "without"sv, "excess"sv, "increased"sv,
                       "decreased"sv, "raised"sv, "lowered"sv, "higher"sv, "lower"sv, "instead"sv, " as the "sv,
                       " as a "sv, "absence"sv, "presence"sv, "longer"sv, "shorter"sv, "faster"sv, "slower"sv,
                       " in air"sv, " under "sv, "atmosphere"sv, " in argon"sv, " in nitrogen"sv, " in n2"sv,
                       " in o2"sv, " in vacuum"sv, " in h2"sv})) {
    return true;
  }
  // "with octylamine", "using TOP-Se": a reagent named right after the preposition, no step verb in the clause.
  return (c.starts_with("with ") || c.starts_with("using ")) &&
         !contains_any(c, {" was "sv, " were "sv, "the reaction"sv, "the mixture"sv});
}

// `compared` is the sentence's compared_side(), as failure_in_context() found it; `match` the cue's text.
FailureScope failure_scope(std::string_view before, std::string_view match, std::string_view rest,
                           const ComparedSide& compared) {
  if (concessive_remark(before, rest)) return FailureScope::kPartial;
  const std::string_view clause = rest.substr(0, rest.find(','));
  for (std::string_view w : {"unless"sv, "only when"sv, "only if"sv, "only after"sv, "only in the presence"sv, " until "sv}) {
    if (clause.find(w) != std::string_view::npos) return FailureScope::kPartial;
  }
  for (std::string_view contrast : {", but "sv, " but the "sv, ", however"sv, ", yet "sv, ", although "sv}) {
    size_t at = rest.find(contrast);
    if (at == std::string_view::npos) continue;
    std::string_view other = rest.substr(at + contrast.size());
    bool negated = false;
    for (std::string_view w : {" no "sv, " not "sv, "n't"sv, "never"sv, "fail"sv, "unsuccessful"sv}) {
      negated |= other.find(w) != std::string_view::npos;
    }
    if (negated) break;
    for (std::string_view w : {" gave"sv, " yielded"sv, " produced"sv, " obtained"sv, " formed"sv, " grew"sv,
                               " afforded"sv, " succeeded"sv, "successful"sv, "monodisperse"sv, "uniform"sv,
                               " worked"sv}) {
      if (other.find(w) != std::string_view::npos) return FailureScope::kPartial;
    }
    break;
  }
  // A failing sample followed in its sentence by one that worked, after "whereas", ", while" or a semicolon
  // and a fronted variant: "Oleic acid alone gave cubes that aggregated during washing, whereas a 1:1
  // mixture ... yielded well-separated 12 nm cubes", "The layer ... cracked during drying; with the
  // ethylcellulose content raised to 5 wt%, crack-free layers were obtained" (s33-fail3, review 33b).
  if (worked_after(rest)) return FailureScope::kPartial;
  // A sample set against one that worked: "The reaction at 250 °C gave NCs, whereas the reaction at
  // 200 °C failed" (the failing one in the subordinate clause; in the main clause it is this work's).
  if (compared.subordinate) return FailureScope::kPartial;
  // "the PCFC fabricated under non-optimized conditions exhibiting poor adhesion": the comparison sample
  // of a tuned process is a variant too (review 33).
  for (std::string_view w : {"without"sv, "absence of"sv, "control"sv, "blank"sv, "omitt"sv, "omission"sv,
                             "non-optimi"sv, "unoptimi"sv}) {
    if (before.find(w) != std::string_view::npos || rest.find(w) != std::string_view::npos) {
      return FailureScope::kAblation;
    }
  }
  // A sample named by the reagent or setting it was made with, fronted ("When water was used as the
  // solvent, a dense phase formed instead", "with octylamine the particles oxidised") or in a when-clause of
  // the failure's own clause ("the walls collapsed when the solid loading was below 15 vol%"): a variant
  // (s33-fail2).
  {
    std::string_view lead = before;  // the failure's clause after a semicolon
    if (const size_t semi = lead.rfind(';'); semi != std::string_view::npos) lead.remove_prefix(semi + 1);
    while (!lead.empty() && lead.front() == ' ') lead.remove_prefix(1);
    for (std::string_view w : {"when "sv, "with "sv, "using "sv}) {
      if (lead.starts_with(w) && names_variant(lead.substr(0, std::min(lead.find(','), lead.size())))) {
        return FailureScope::kAblation;
      }
    }
  }
  if (const size_t when = clause.find(" when "sv); when != std::string_view::npos && names_variant(clause.substr(when))) {
    return FailureScope::kAblation;
  }
  // A transient failure ("The first three syntheses failed owing to traces of water; after drying the
  // solvent, ... were obtained", "The reaction was initially unsuccessful") and a failing sample set
  // against another by a contrast after a fronted variant ("with elemental sulfur in ODE, however, the
  // reaction failed to ...") are variants: they fail the paragraph only when it reports no success
  // elsewhere (review 33). The transient word counts only in the failure's own clause ("were bright at
  // first, but their PLQY dropped" is a product that failed later), and a sentence that opens with
  // "However," names no other sample ("However, prolonged heating led to the dissolution" stays this
  // work's failure).
  {
    std::string_view own = before;
    if (const size_t comma = own.rfind(','); comma != std::string_view::npos) own.remove_prefix(comma);
    for (std::string_view w : {"initially"sv, "at first"sv, "first attempt"sv, "first two"sv, "first three"sv,
                               "first few"sv, "first batch"sv, "first synthes"sv, "first run"sv, "first trial"sv,
                               // s33-fail2: a first pass of a heat treatment ("The first annealing at 1000 °C left ...").
                               "first anneal"sv, "first calcination"sv, "first sintering"sv, "first firing"sv,
                               "first heat"sv}) {
      if (own.find(w) != std::string_view::npos || match.find(w) != std::string_view::npos) {
        return FailureScope::kAblation;
      }
    }
    for (std::string_view w : {", however"sv, ", in contrast"sv, ", by contrast"sv, ", on the other hand"sv}) {
      if (before.find(w) != std::string_view::npos) return FailureScope::kAblation;
    }
  }
  // "could not be obtained if the sample was fired only in air": a variant's failure under a condition
  // (kCondition); after the ablation words, as "could not be obtained if OAm was omitted" is one.
  if (clause.find(" if ") != std::string_view::npos) return FailureScope::kCondition;
  if (names_condition(before) || names_condition(match) || names_condition(rest)) {
    // "..., whereas at 300 °C a uniform shell formed": the working value follows in its sentence
    // (session 13's D1), even with no outcome entity there.
    for (std::string_view contrast : {"whereas "sv, ", while "sv}) {
      const size_t at = rest.find(contrast);
      if (at == std::string_view::npos) continue;
      const std::string_view other = rest.substr(at + contrast.size());
      if (names_condition(other) && !holds_negation(other) && other.find("fail") == std::string_view::npos &&
          contains_any(other, {" obtained"sv, " formed"sv, " gave"sv, " yielded"sv, " produced"sv, " grew"sv,
                               " afforded"sv, " succeeded"sv, "successful"sv})) {
        return FailureScope::kPartial;
      }
    }
    return FailureScope::kScreen;
  }
  return FailureScope::kParagraph;
}

// Whether a failure under one value of a condition is followed by the clause where another value
// worked: "No CdSe NCs formed below 200 °C; at 240 °C monodisperse NCs were obtained" is a scan
// whose working end is the synthesis (review 14c, D2). `rest` is the failure's sentence after the
// cue, `next` the clause or sentence after it.
bool scan_succeeds(std::string_view rest, std::string_view next) {
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  bool condition = false;
  for (std::string_view w : {"below "sv, "above "sv, "at "sv, "under "sv, "lower than "sv, "higher than "sv}) {
    condition |= rest.starts_with(w) && w.size() < rest.size() && is_digit(rest[w.size()]);
  }
  if (!condition || std::none_of(next.begin(), next.end(), [](char c) { return is_digit(c); })) return false;
  for (std::string_view w : {" no "sv, " not "sv, "n't"sv, "never"sv, "fail"sv, "unsuccessful"sv}) {
    if (next.find(w) != std::string_view::npos) return false;
  }
  return contains_any(next, {" obtained"sv, " formed"sv, " gave"sv, " yielded"sv, " produced"sv, " grew"sv,
                             "monodisperse"sv, " afforded"sv});
}

// "Monodisperse nanorods were never obtained without OAm": a requirement of the method, stated as a
// rule (session 13 keeps it unknown, no failed ablation); like a failure under "if" (kCondition) it
// fails no paragraph, and the product it names is no success.
bool never_without(std::string_view cue, std::string_view rest) {
  return cue.find(" never ") != std::string_view::npos && rest.starts_with(" without ");
}

// Whether `span` (lower-cased) holds a clause boundary: a semicolon, or a comma before a relative
// or contrasting clause ("which were obtained", "in agreement with", "whereas").
bool clause_break(std::string_view span) {
  if (span.find(';') != std::string_view::npos) return true;
  for (size_t c = span.find(", "); c != std::string_view::npos; c = span.find(", ", c + 1)) {
    std::string_view next = span.substr(c + 2);
    for (std::string_view w : {"which "sv, "where "sv, "whereas "sv, "while "sv, "but "sv, "although "sv,
                               "though "sv, "in agreement"sv, "in line"sv, "consistent "sv, "as confirmed"sv,
                               "as measured"sv, "and the "sv, "and this "sv, "and these "sv}) {
      if (next.starts_with(w)) return true;
    }
  }
  return false;
}

// Whether a size at [at, end) measures seeds that the sentence adds as a reagent: "Au seeds (5 nm,
// 0.1 mL) were added", "5 nm Au seeds were injected". The seeds are an input of the growth, their
// size no outcome of it (rev8c-5); "Au seeds (5 nm) were obtained" still reports one.
bool seed_input_size(std::string_view folded, size_t ss, size_t at, size_t end) {
  std::string_view before = folded.substr(ss, at - ss);
  std::string_view after = folded.substr(end, std::min<size_t>(folded.size() - end, 160));
  if (size_t stop = after.find(". "); stop != std::string_view::npos) after = after.substr(0, stop);
  std::string_view near_before = before.substr(before.size() > 40 ? before.size() - 40 : 0);
  std::string_view near_after = after.substr(0, std::min<size_t>(after.size(), 16));
  bool seeds = near_before.find("seed") != std::string_view::npos || near_after.find("seed") != std::string_view::npos;
  if (!seeds || near_after.find("seed solution") != std::string_view::npos) return false;
  for (std::string_view verb : {" added"sv, " injected"sv, " introduced"sv, " used"sv, " mixed"sv, " dispersed"sv}) {
    if (before.find(verb) != std::string_view::npos || after.find(verb) != std::string_view::npos) return true;
  }
  return false;
}

// Whether the outcome at byte `at` of `folded` (lower-cased text) follows, in its sentence (from
// byte `ss`), a modal before a verb of making or failing: "might fail to produce", "may yield",
// "would give", "should form", "could fail to". A hypothetical or hedged result is no reported one.
// `triples` are ByteTriples(folded): a modal the paragraph cannot hold is not searched for (asked of
// every outcome).
bool hedged_outcome(std::string_view folded, const ByteTriples& triples, size_t ss, size_t at) {
  std::string_view s = folded.substr(ss, at - ss);
  for (std::string_view modal : {"might "sv, "may "sv, "would "sv, "should "sv, "could "sv}) {
    if (!triples.may_hold(modal)) continue;
    for (size_t p = s.find(modal); p != std::string_view::npos; p = s.find(modal, p + 1)) {
      if (p > 0 && is_alpha(s[p - 1])) continue;
      std::string_view rest = s.substr(p + modal.size());
      // The hedge covers its own clause only: "should give a PLQY of 80%, in agreement with the
      // measured PLQY of 78%", "may yield 6 nm nanocubes, which were obtained in 85% yield" report a
      // result after the clause boundary (review 8b, R5).
      if (clause_break(rest)) continue;
      if (rest.starts_with("not ")) rest.remove_prefix(4);
      if (rest.starts_with("also ")) rest.remove_prefix(5);
      const bool fails = rest.starts_with("fail");
      if (modal == "could "sv && !fails) continue;
      for (std::string_view verb : {"fail"sv, "produce"sv, "give"sv, "yield"sv, "form"sv, "result in"sv, "lead to"sv,
                                    "grow"sv, "generate"sv, "afford"sv}) {
        if (rest.starts_with(verb)) return true;
      }
    }
  }
  return false;
}

// Whether the words after a product say it is only supposed: "in theory", "in principle", "but not
// in practice".
bool supposed(std::string_view after) {
  return contains_any(after, {"in theory"sv, "in principle"sv, "theoretically"sv, "not in practice"sv});
}

// Whether `folded` reports good nanocrystals without naming them by formula or size ("Monodisperse
// NCs were obtained with narrow size distribution", "Monodisperse NCs were thus obtained"), says a
// product was made ("NCs were successfully prepared"; since s33-fail2 any subject: "the cell was
// fabricated successfully"), or gives its form ("The product was obtained
// as a black powder"): a success that holds no outcome entity. "were never obtained" is none.
// `triples` are ByteTriples(folded).
bool product_reported(std::string_view folded, const SentenceStarts& sentences, const ByteTriples& triples) {
  static constexpr std::string_view kGate[] = {"monodisperse"sv, "uniform"sv, "well-defined"sv, "high-quality"sv,
                                               "highly crystalline"sv, "successfully"sv, "obtained as"sv};
  if (std::none_of(std::begin(kGate), std::end(kGate),
                   [&](std::string_view w) {
                     return triples.may_hold(w) && find_bytes(folded, w) != std::string_view::npos;
                   })) {
    return false;
  }
  // Three forms sharing the noun and adverb groups; built once.
  static const re2::RE2 product([] {
    const std::string noun =
        R"((?:ncs|nanocrystals|qds|quantum\s+dots|nps|nanoparticles|nanorods|nanowires|nanoplatelets|nanosheets|)"
        R"(nanocubes|particles))";
    const std::string be = R"(\s+(?:were|was)\s+(?:(?:then|finally|readily|reproducibly|thus|thereby|therefore|)"
                           R"(hence|consistently|easily)\s+){0,2})";
    const std::string made = R"((?:obtained|formed|produced|synthesi[sz]ed|grown|isolated|prepared)\b)";
    return R"(\b(?:monodisperse|uniform|well-defined|high-quality|highly\s+crystalline)\s+(?:[\w-]+\s+){0,2}?)" +
           noun + be + R"((?:successfully\s+)?)" + made +  //
           R"(|\b)" + noun + be + R"(successfully\s+)" + made +  //
           R"(|\b(?:products?|)" + noun + ")" + be + R"((?:successfully\s+)?obtained\s+as\s+(?:an?\s+)?)" +
           R"((?:[\w-]+\s+){0,3}?(?:powders?|solids?|precipitates?|dispersions?|colloids?|films?)\b)" +
           // Since s33-fail2 any made product with "successfully" ("the cell was fabricated successfully",
           // "the supports were prepared successfully", "The NCs were successfully transferred into water"):
           // SOFC and MSP paragraphs name their products by any noun.
           R"(|\b(?:were|was)\s+(?:successfully\s+(?:fabricated|prepared|synthesi[sz]ed|obtained|deposited|produced|)"
           R"(grown|formed|transferred|assembled|coated|sintered|made)|(?:fabricated|prepared|synthesi[sz]ed|obtained|)"
           R"(deposited|produced|grown|formed|transferred|made)\s+successfully)\b)";
  }());
  re2::StringPiece in(folded.data(), folded.size()), found;
  size_t pos = 0;
  while (pos < folded.size() && product.Match(in, pos, folded.size(), re2::RE2::UNANCHORED, &found, 1)) {
    const size_t at = static_cast<size_t>(found.data() - folded.data());
    const size_t ss = sentences(at, 300);
    const std::string_view before = folded.substr(ss, at - ss);
    // "If monodisperse NCs were obtained", "To check whether uniform particles were formed".
    // "were obtained in previous reports [12]", "were obtained in theory, but not in practice": cited
    // or supposed products, the guards of the failure cues (review 12b, R6).
    std::string_view after = folded.substr(at + found.size(), std::min<size_t>(folded.size() - at - found.size(), 200));
    after = after.substr(0, after.find(". "));
    if (!hedged_outcome(folded, triples, ss, at) && before.find("if ") == std::string_view::npos &&
        before.find("whether") == std::string_view::npos && !cites_earlier_work(before) &&
        !cites_earlier_work(after) && !supposed(after)) {
      return true;
    }
    pos = at + found.size();
  }
  return false;
}

// Whether the outcome ending at byte `end` of `folded`, in the sentence from byte `ss`, is one the
// sentence credits to earlier work: "Uniform nanocubes were thus obtained, as described in ref. 21",
// "a porous layer of 700 nm was reported after 10 min [130]". A sentence saying how this work made something
// ("synthesized as described in ref. 21", "following the literature") keeps its outcome. `triples` are
// ByteTriples(folded).
bool cited_outcome(std::string_view folded, const ByteTriples& triples, size_t ss, size_t begin, size_t end) {
  std::string_view after = folded.substr(end, std::min<size_t>(folded.size() - end, 200));
  after = after.substr(0, after.find(". "));
  std::string_view before = folded.substr(ss, begin - ss);
  // A full stop before a citation number ("in the literature.26 A lower TEC ...") ends a sentence
  // the sentence starts do not split; a decimal point only shortens the part read.
  if (const size_t stop = before.rfind('.'); stop != std::string_view::npos) before.remove_prefix(stop + 1);
  auto as_cited = [&triples](std::string_view part) {
    for (std::string_view as : {"as described"sv, "reported"sv, "as shown"sv, "as demonstrated"sv, "as observed"sv,
                                "as previously"sv}) {
      if (!triples.may_hold(as)) continue;
      const size_t at = part.find(as);
      if (at != std::string_view::npos && cites_earlier_work(part.substr(at))) return true;
    }
    return false;
  };
  if (!as_cited(after) && !as_cited(before)) return false;
  for (std::string_view made : {"synthesi"sv, "prepar"sv, " made"sv, " grown"sv, "according to"sv, "following"sv}) {
    if (before.find(made) != std::string_view::npos || after.find(made) != std::string_view::npos) return false;
  }
  return true;
}

// Whether an outcome at bytes [from, to) tells of a failure at [fb, fe) in the sentence [ss, se):
// inside its span, or in its sentence with no contrast between them ("Without HF treatment, the InP
// cores were essentially non-emissive (PLQY < 1%)": the PLQY measures the failed variant, it is no
// success beside it; review 13, D21).
bool outcome_of_failure(std::string_view folded, size_t from, size_t to, size_t fb, size_t fe, size_t ss, size_t se) {
  if (fb <= from && to <= fe) return true;
  if (from < ss || to > se) return false;
  const std::string_view gap = from >= fe ? folded.substr(fe, from - fe) : folded.substr(to, fb > to ? fb - to : 0);
  for (std::string_view w : {"whereas"sv, "while "sv, " but "sv, "however"sv, "contrast"sv, "instead"sv, "unlike"sv,
                             "compared"sv}) {
    if (gap.find(w) != std::string_view::npos) return false;
  }
  return true;
}

}  // namespace

namespace detail {

// The products of a sentence that tells of a failure in earlier work (find_failures()'s
// para.cited_sentences): no target of this work, and no outcome of it (review 13, D22).
void set_aside_cited(Paragraph& para, Extraction& result) {
  if (para.cited_sentences.empty()) return;
  auto cited = [&](size_t begin, size_t end) {
    return std::any_of(para.cited_sentences.begin(), para.cited_sentences.end(),
                       [&](const std::pair<size_t, size_t>& c) { return c.first <= begin && end <= c.second; });
  };
  auto& outcomes = para.outcome_at;
  outcomes.erase(std::remove_if(outcomes.begin(), outcomes.end(),
                                [&](const std::tuple<size_t, size_t, size_t>& o) {
                                  if (!cited(std::get<1>(o), std::get<2>(o))) return false;
                                  Entity& e = result.entities[std::get<0>(o)];
                                  if (e.type == "material") e.role = "other";
                                  return true;
                                }),
                 outcomes.end());
}

}  // namespace detail

namespace {

// The failures that may hold an outcome at bytes [from, to): outcome_of_failure() is false unless the
// failure's sentence (or span) starts at or before `from` and reaches `to`, so only failures whose
// sentence starts within the longest failure sentence before `to` are asked. A paragraph of a
// thousand failures and outcomes (a repeated sentence) then costs a binary search per outcome
// instead of a pass over every failure.
class FailureIndex {
 public:
  explicit FailureIndex(const Paragraph& para) : para_(para), order_(para.failure_spans.size()) {
    for (size_t f = 0; f < order_.size(); ++f) {
      order_[f] = f;
      const auto [ss, se] = para.failure_sentences[f];
      longest_ = std::max(longest_, std::max(se, para.failure_spans[f].second) - ss);
    }
    std::sort(order_.begin(), order_.end(),
              [&](size_t a, size_t b) { return para.failure_sentences[a].first < para.failure_sentences[b].first; });
  }

  // Whether a failure accepted by `keep` (its index) tells of the outcome at [from, to).
  template <typename Keep>
  bool holds(size_t from, size_t to, Keep keep) const {
    const size_t low = to > longest_ ? to - longest_ : 0;
    auto first = std::lower_bound(order_.begin(), order_.end(), low,
                                  [&](size_t f, size_t at) { return para_.failure_sentences[f].first < at; });
    for (auto it = first; it != order_.end() && para_.failure_sentences[*it].first <= from; ++it) {
      const size_t f = *it;
      if (keep(f) && outcome_of_failure(para_.folded, from, to, para_.failure_spans[f].first, para_.failure_spans[f].second,
                                        para_.failure_sentences[f].first, para_.failure_sentences[f].second)) {
        return true;
      }
    }
    return false;
  }

 private:
  const Paragraph& para_;
  std::vector<size_t> order_;
  size_t longest_ = 0;
};

// Whether an outcome at bytes [from, to) tells of a failure under an 'if' condition
// (FailureScope::kCondition) in its sentence.
bool of_condition_failure(const Paragraph& para, const FailureIndex& failures, size_t from, size_t to) {
  return failures.holds(from, to, [&](size_t f) { return para.failure_scopes[f] == FailureScope::kCondition; });
}

}  // namespace

namespace {

// Whether the phase entity `index` (at byte `begin` of `folded`) opens the bracket after a precursor:
// "TiO2 (anatase, 99.8%, Alfa Aesar) was weighed" gives the grade of a starting powder, no result
// (review 14b, B108).
bool reagent_grade_phase(const Extraction& result, size_t index, std::string_view folded, size_t begin) {
  if (index == 0 || begin == 0) return false;
  const Entity& e = result.entities[index];
  const Entity& prev = result.entities[index - 1];
  if (prev.type != "material" || prev.role != "precursor" || e.start > prev.end + 2) return false;
  size_t k = begin;
  while (k > 0 && folded[k - 1] == ' ') --k;
  return k > 0 && folded[k - 1] == '(';
}

}  // namespace

namespace detail {

// Whether an outcome at bytes [from, to) of `folded` is a success apart from a condition screen's
// failure at [fb, fe) (FailureScope::kScreen): in another sentence, or in its sentence on the other
// side of a contrast or a semicolon, when both sides name a condition value ("At 150 °C no NCs
// formed, whereas at 180 °C NCs were obtained"; "which failed; the second synthesis at 280 °C
// produced 4 nm QDs"; "were obtained at 200 °C, but the synthesis failed at 140 °C"). "...; only an
// amorphous gel was recovered" and "at 320 °C led to a red-shift of 25 nm but a decrease of the PLQY
// from 45% to 8%" tell of one value.
bool apart_from_screen(std::string_view folded, size_t from, size_t to, size_t fb, size_t fe) {
  const size_t lo = std::min(to, fe), hi = std::max(from, fb);
  if (hi > lo + 300) return true;
  const std::string_view gap = folded.substr(lo, hi > lo ? hi - lo : 0);
  if (gap.find(". ") != std::string_view::npos || gap.find('\n') != std::string_view::npos) return true;
  if (from < fe && fb < to) return false;
  // The sentence around both, up to 160 bytes either way.
  const size_t first = std::min(from, fb), last = std::max(to, fe);
  size_t begin = first > 160 ? first - 160 : 0;
  if (size_t stop = folded.substr(begin, first - begin).rfind(". "); stop != std::string_view::npos) begin += stop + 2;
  std::string_view after = folded.substr(last, 160);
  after = after.substr(0, after.find(". "));
  for (std::string_view w : {"whereas"sv, "while "sv, " but "sv, "however"sv, "contrast"sv, ";"sv}) {
    const size_t at = gap.find(w);
    if (at == std::string_view::npos) continue;
    const size_t mark = lo + at;
    const std::string_view head = folded.substr(begin, mark - begin);
    const std::string_view tail = folded.substr(mark, last + after.size() - mark);
    return names_condition(head) && names_condition(tail);
  }
  return false;
}

// Outcomes and status: result.status from the failures (find_failures()) and the outcomes that
// tell of this synthesis (order_entities()'s para.outcome_at, read in `result`).
void paragraph_status(const Paragraph& para, Extraction& result) {
  const std::string& folded = para.folded;
  const SentenceStarts& sentences = para.sentences;
  const std::vector<std::tuple<size_t, size_t, size_t>>& outcome_at = para.outcome_at;
  const std::vector<FailureScope>& failure_scopes = para.failure_scopes;
  const FailureIndex failures(para);
  bool has_outcome = false;
  bool outcome_outside = false;
  bool screen_success = false;  // an outcome apart from every condition screen's failure
  for (const auto& [index, begin, end] : outcome_at) {
    const Entity& e = result.entities[index];
    // Outcomes that tell nothing of this synthesis's result: a bare "shell"/"core" (a structure the
    // sentence may only discuss: "It is not possible to rule out Cd in the shell"), and a phase
    // right before a precursor (a starting powder: "The cubic perovskite SrTiO3 powder was
    // calcined"; a material of role other may be an unrecognised product: "spinel Li4Ti5O12").
    if (e.type == "morphology" && (e.text.size() <= 6) &&
        one_of(ascii_lower(e.text), {"shell", "shells", "core", "cores"})) {
      continue;
    }
    if (e.type == "phase" && index + 1 < result.entities.size()) {
      const Entity& next = result.entities[index + 1];
      // "cubic perovskite SrTiO3": the phase span leaves the structure word outside (s21-optics2).
      const bool perovskite = std::string_view(folded).substr(end).starts_with(" perovskite ") &&
                              next.start == e.end + 12;
      if (next.type == "material" && (next.start <= e.end + 1 || perovskite) && next.role == "precursor") continue;
    }
    if (e.type == "phase" && reagent_grade_phase(result, index, folded, begin)) continue;
    // "Without the ligand, the reaction might fail to produce nanorods", "longer times would yield
    // nanowires": an outcome after a modal production verb in its sentence is a supposition, no
    // result. "could" counts only as "could fail" ("nanorods could be obtained" reports one).
    const size_t ss = sentences(begin, 300);
    if (hedged_outcome(folded, para.triples, ss, begin) || cited_outcome(folded, para.triples, ss, begin, end)) {
      continue;
    }
    if (e.type == "size" && seed_input_size(folded, ss, begin, end)) continue;
    // A table's size or optical cell of no product made (table_sizes()).
    if (std::binary_search(para.unmade_sizes.begin(), para.unmade_sizes.end(), begin)) continue;
    // "Phase-pure CsPbI3 NCs could not be obtained if ...": the product of a failed variant.
    if (of_condition_failure(para, failures, begin, end)) continue;
    has_outcome = true;
    // An outcome outside every failure ("Nanorods formed within 5 min; no nanorods formed
    // without CTAB"): the success that makes an ablation no failure of the paragraph.
    const bool outside = !failures.holds(begin, end, [](size_t) { return true; });
    outcome_outside = outcome_outside || outside;
    if (outside && !screen_success) {
      screen_success = true;
      for (size_t f = 0; f < failure_scopes.size() && screen_success; ++f) {
        const auto [fb, fe] = para.failure_spans[f];
        screen_success = failure_scopes[f] != FailureScope::kScreen || apart_from_screen(folded, begin, end, fb, fe);
      }
    }
  }
  bool failed = false;
  for (FailureScope scope : failure_scopes) {
    failed = failed || scope == FailureScope::kParagraph || (scope == FailureScope::kAblation && !outcome_outside) ||
             (scope == FailureScope::kScreen && !screen_success);
  }
  const bool success = has_outcome || (!failed && product_reported(folded, sentences, para.triples));
  result.status = failed ? SynthesisStatus::kFailed : success ? SynthesisStatus::kSuccess : SynthesisStatus::kUnknown;
}

}  // namespace detail

namespace {

// Whether a match (as written) is "no <compound> formed/grew" with no product noun: "No InSb formed
// below 200 °C" (review 14a, A1). Such an absence names the paragraph's product only when no other
// product is its target (other_target_named()): "no Li2CO3 formed" beside LiCoO2 is a by-product's.
bool bare_compound_absence(std::string_view match) {
  const size_t sp = match.find(' '), sp2 = match.find(' ', sp + 1);
  if (sp == std::string_view::npos || sp2 == std::string_view::npos || match.find(' ', sp2 + 1) != std::string_view::npos) {
    return false;  // "no X formed": three words
  }
  const std::string_view word = match.substr(sp + 1, sp2 - sp - 1);
  if (one_of(word, {"NCs", "QDs", "NPs"})) return false;
  int capitals = 0, digits = 0;
  for (char c : word) {
    capitals += is_upper(c);
    digits += is_digit(c);
  }
  return digits > 0 || capitals >= 2;
}

// Whether a material outside bytes [fb, fe) is a target with another name than those inside, or,
// up to the sentence's end `se`, the product a step acts on: "No Mn2O3 formed during calcination of
// LiMn2O4", "; the LiMn2O4 product was phase pure" (review 14c, R13; the transformed material is a
// precursor by its role, so the role alone does not tell). "..., and only Cu2-xSe was detected"
// names no such product.
bool other_target_named(std::string_view folded, const std::vector<Raw>& raws, size_t fb, size_t fe, size_t se) {
  std::vector<std::string_view> inside;
  for (const Raw& r : raws) {
    if (r.e.type == "material" && fb <= r.begin && r.end <= fe) inside.push_back(r.e.normalized);
  }
  // After the cue, in its sentence or in the clause after its ';'.
  auto product_named = [&](const Raw& r) {
    if (r.begin < fe || r.begin > se + 16) return false;
    if (folded.substr(r.end).starts_with(" product")) return true;
    std::string_view before = folded.substr(fe, r.begin - fe);
    if (before.ends_with(" the ")) before.remove_suffix(4);
    for (std::string_view step : {"calcination of "sv, "annealing of "sv, "sintering of "sv, "synthesis of "sv,
                                  "preparation of "sv, "crystallization of "sv, "heating of "sv}) {
      if (before.ends_with(step)) return true;
    }
    return false;
  };
  return std::any_of(raws.begin(), raws.end(), [&](const Raw& r) {
    return r.e.type == "material" && (r.end <= fb || fe <= r.begin) &&
           (r.e.role == "target" || product_named(r)) &&
           std::find(inside.begin(), inside.end(), std::string_view(r.e.normalized)) == inside.end();
  });
}

// Whether the words after "no <compound> formed" place it between two layers: "no SrZrO3 formed at the
// YSZ interface", "between the cathode and the electrolyte". A reaction product that did not form there is
// the success of a barrier or of a firing step, no failed synthesis (review 33). `rest` is folded.
bool at_interface(std::string_view rest) {
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  const std::string_view clause = rest.substr(0, std::min<size_t>(rest.find(','), 60));
  return rest.starts_with("between ") || (rest.starts_with("at ") && clause.find("interface") != std::string_view::npos);
}

// Whether the alternative a wrong_product cue ends on ("obtained rather than bulk crystals", "... rather
// than a bulk precipitate", "instead of aggregates") is an unwanted form of the material, not the product
// the paper aimed at: then the thing obtained is that product and nothing failed (s18-bugs; "Cs4PbBr6
// formed instead of CsPbBr3" stays a failure). `match` ends on the alternative's first word, or on its
// article ("rather than a"), whose noun starts `rest`; both folded.
bool unwanted_alternative(std::string_view match, std::string_view rest) {
  std::string_view word = match.substr(match.find_last_of(' ') + 1);
  if (word == "a" || word == "an") {
    rest = rest.substr(std::min(rest.find_first_not_of(' '), rest.size()));
    word = rest.substr(0, rest.find_first_of(" ,;."));
  }
  return one_of(word, {"bulk", "aggregates", "agglomerates", "precipitate", "precipitates"});
}

// Whether a wrong_product or dissolved cue (`name`; `match` and the sentence's `rest`, folded) names no
// failed product (review 16b, B4/B5, s17-fixf2): "gave platelets with OAm instead of OA" swaps a
// reagent; "The NCs dissolved in hexane were injected" is a reduced relative (a step's input), and
// "dissolved in aqua regia for ICP analysis" a digestion for a measurement.
bool no_failed_product(std::string_view name, std::string_view match, std::string_view rest) {
  if (name == "wrong_product") {
    return contains_any(match, {" with "sv, " using "sv, " by "sv, " used "sv, " via "sv}) || unwanted_alternative(match, rest);
  }
  if (name != "dissolved") return false;
  if (contains_any(rest, {"icp"sv, "aqua regia"sv, "analysis"sv, "digest"sv})) return true;
  const size_t be = std::min(rest.find(" were "), rest.find(" was "));
  return be != std::string_view::npos && rest.substr(0, be).find(" and ") == std::string_view::npos &&
         rest.substr(0, be).find_first_of(",;") == std::string_view::npos;
}

// Whether `s` starts with one of `words` followed by the end or a non-letter.
bool one_of_prefix(std::string_view s, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (s.starts_with(w) && (s.size() == w.size() || !is_alpha(s[w.size()]) || s[w.size()] == 's')) return true;
  }
  return false;
}

// Whether `text` holds one of `words` as a whole word (find_words()).
bool any_word(std::string_view text, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return find_words(text, w) != std::string_view::npos; });
}

// Whether a lost or quenched emission, or an aggregation, belongs to a sensing experiment: an analyte added,
// a transfer to it, a detection ("The fluorescence disappeared when Hg2+ was added, allowing detection ...").
bool sensing_context(std::string_view before, std::string_view rest) {
  return contains_any(before, {"upon addition"sv, "in the presence of"sv, "sensing"sv, "sensor"sv}) ||
         contains_any(rest, {"upon addition"sv, "upon the addition"sv, "in the presence of"sv, "was added"sv,
                             "were added"sv, "electron transfer"sv, "energy transfer"sv, "detection"sv, "sensing"sv,
                             "colorimetric"sv, "color change"sv, "colour change"sv, "analyte"sv, " ions"sv, "sensor"sv,
                             "quencher"sv, " reversibly"sv});
}

// Whether a cue of the review-33 families (`name`; `match`, the sentence before it and the rest of it,
// all folded) reports no failed product but a negated defect, a measurement, a sensing experiment or an
// intended state (s33-review of s33-fail, findings 1-8): "XRD showed no secondary phase", "the samples
// were contaminated with carbon during TEM imaging", "a direct comparison with ref. 5 was not possible",
// "the strong bending vibration of water", "the layers curled into nanoscrolls", "the fluorescence of
// rhodamine B was quenched upon addition of the Au NPs", "a bimodal size distribution was chosen /
// avoided", "the particles sintered extensively, giving a dense electrolyte", "the information on the
// composition was incomplete".
// Since s33-review2, also what the families of s33-fail2 and s33-fail3 read in papers' wording: an
// intended process or state ("as intended", "by design", "which was used to", "to form"), a prevented or
// cited one, a measurement that could not separate signals, a stability check, sensing, a step's
// intermediate that a later step crystallises, routine work-up (unreacted precursors removed by washing,
// the supernatant discarded), by-products of the reaction, composites that are mixtures by design.
bool incidental_cue(std::string_view name, std::string_view match, std::string_view before, std::string_view rest) {
  const std::string_view clause = rest.substr(0, std::min(rest.find(','), rest.size()));
  if (name == "contaminated" &&
      (any_word(match, {"no", "not", "any", "neither", "nor", "free"}) ||
       contains_any(clause, {"during tem"sv, "during sem"sv, "during imaging"sv, "during the measurement"sv,
                             "during measurement"sv, "during analysis"sv, "during handling"sv}) ||
       contains_any(rest, {"were cleaned"sv, "was cleaned"sv, "cleaned with"sv, "cleaned in"sv}) ||
       contains_any(before, {"wafer"sv, "substrate"sv, "grid"sv}))) {
    return true;
  }
  if (name == "unsuccessful" && match.find("not possible") != std::string_view::npos &&
      contains_any(before, {"comparison"sv, "quantification"sv, "determination"sv, "measurement"sv, "analysis"sv,
                            "assignment"sv, "identification"sv, "estimation"sv, "calculation"sv, "evaluation"sv,
                            "observation"sv, "detection"sv, "imaging"sv, "characteri"sv, "distinction"sv,
                            "interpretation"sv, "fitting"sv, "refinement"sv})) {
    return true;
  }
  if (name == "fabrication_defect") {
    if (match.ends_with("bending") && any_word(rest.substr(0, 24), {"vibration", "vibrations", "mode", "modes", "band", "bands"})) return true;
    if (match.ends_with("curled") && (rest.starts_with(" into") || rest.starts_with(" up into"))) return true;
  }
  if (name == "plqy_drop" && (sensing_context(before, rest) || contains_any(before, {"probe"sv}) ||
                               contains_any(rest, {" by the addition"sv, "after addition"sv}))) {
    return true;
  }
  if (name == "broad_distribution" && match.find("bimodal") != std::string_view::npos &&
      (contains_any(clause, {"chosen"sv, "avoided"sv, "prevented"sv, "suppressed"sv, "intended"sv, "desired"sv,
                             "designed"sv, "targeted"sv, "packing"sv}) ||
       contains_any(before, {"avoid"sv, "prevent"sv, "suppress"sv}))) {
    return true;
  }
  if (name == "aggregated" && match.find("sintered") != std::string_view::npos &&
      contains_any(rest, {"dense"sv, "densif"sv, "gas-tight"sv, "gastight"sv})) {
    return true;
  }
  if (name == "incomplete" && contains_any(match, {"information"sv, "characteri"sv, "analysis"sv, "description"sv,
                                                   "documentation"sv, "data "sv, "knowledge"sv, "understanding"sv, "list"sv})) {
    return true;
  }
  // Intent, purpose and evaluation words in the rest of the sentence, prevention before or right after.
  if (contains_any(rest, {"as intended"sv, "as designed"sv, "by design"sv, "deliberately"sv, "intentionally"sv,
                          "as desired"sv, "as expected"sv, "as required"sv, "as planned"sv, "was used to"sv,
                          "were used to"sv, "which was used"sv, "was exploited"sv, "were exploited"sv, "desirable"sv,
                          "advantageous"sv, "beneficial"sv, "as is typical"sv, "is typical"sv, "reported previously"sv,
                          "previously reported"sv, "to examine"sv, "cross-section"sv,
                          "fracture surface"sv, "deliberate"sv, "did not affect"sv, "allowing easy"sv, "allowed easy"sv,
                          "in other studies"sv, "which was the desired"sv, "which is the desired"sv,
                          ", the desired"sv, "which is the target"sv, "demonstrating good"sv})) {
    return true;
  }
  // A negated or hedged subject: "None of the conditions led to aggregation", "Not a single crack was
  // detected" (s33-probe3), "predicted that a secondary phase formed", "are known to have warped".
  {
    const std::string_view near = before.substr(before.size() > 48 ? before.size() - 48 : 0);
    if (any_word(near, {"none"}) || contains_any(near, {"not a single"sv, "no single"sv}) ||
        contains_any(before, {"predicted"sv, "known to"sv, "calculations"sv, "ensured"sv})) {
      return true;
    }
  }
  if (contains_any(before, {"to avoid"sv, "to prevent"sv, "prevents"sv,
                            "stability test"sv, "durability test"sv, "of stability testing"sv}) ||
      rest.starts_with(" was avoided") || rest.starts_with(" were avoided") || rest.starts_with(" was prevented") ||
      rest.starts_with(" was suppressed")) {
    return true;
  }
  // A step's intermediate: a later crystallisation or anneal in the sentence, or an as-made subject.
  auto intermediate = [&] {
    return contains_any(rest, {"crystallized"sv, "crystallised"sv, "crystallization"sv, "crystallisation"sv, "then annealed"sv, "then calcined"sv, "were annealed"sv, "was annealed"sv,
                               "was calcined"sv, "were calcined"sv}) ||
           contains_any(before, {"precursor gel"sv, "amorphous precursor"sv});
  };
  if (name == "still_amorphous" || name == "poor_quality" || name == "amorphous_only") return intermediate();
  if (name == "aggregated" || name == "aggregates" || name == "aggregation") {
    // (A fraction that aggregated and was removed stays a failure: a side remark beside a success, GUIDELINE §4.)
    return sensing_context(before, rest) ||
           contains_any(rest, {"antisolvent"sv, "to isolate"sv, "standard way"sv, "which improved"sv, "improved the"sv}) ||
           (rest.find("redispersed") != std::string_view::npos && rest.find("not be redispersed") == std::string_view::npos &&
            rest.find("not redispers") == std::string_view::npos) ||
           (contains_any(match, {"transformation"sv, "etching"sv, "grain growth"sv, "coarsening"sv, "ripening"sv}) &&
            contains_any(rest, {"to form"sv, "to prepare"sv, "to give"sv, "to narrow"sv, "improved"sv, "target"sv,
                                "desired"sv, "forming"sv, "densification"sv}));
  }
  if (name == "no_pl" || name == "plqy_drop") {
    // The subject: the words right before the cue, after a fronted clause's comma ("The ligand itself was
    // not fluorescent"; not "After ligand exchange with MPA, the emission was quenched").
    std::string_view subject = before;
    if (const size_t comma = subject.rfind(','); comma != std::string_view::npos) subject.remove_prefix(comma + 1);
    while (!subject.empty() && subject.front() == ' ') subject.remove_prefix(1);
    if (std::count(subject.begin(), subject.end(), ' ') > 4) subject = {};  // a subject of a few words only
    return sensing_context(before, rest) || subject.find("itself") != std::string_view::npos ||
           one_of_prefix(subject, {"the ligand", "ligand", "the free ligand", "the precursor solution", "the solvent",
                                   "the dye"}) ||
           match.find("itself") != std::string_view::npos ||
           (contains_any(subject, {"core"sv}) && contains_any(rest, {"before shell"sv, "before the shell"sv, "core/shell"sv}));
  }
  if (name == "wrong_product") {
    if (match.find("mixture of") != std::string_view::npos) {
      return contains_any(before, {"composite"sv, "cermet"sv, "anode"sv, "cathode"sv, "slurry"sv, "ink"sv, "milling"sv,
                                   "reference"sv, "commercial"sv, "sintering aid"sv, "mixed"sv}) ||
             contains_any(rest, {"ratio"sv, "reference"sv, "commercial"sv, "p25"sv, "composite"sv});
    }
    if (contains_any(match, {"still be detected"sv, "still present"sv, "still be identified"sv, "still detected"sv,
                             "still be observed"sv})) {
      return contains_any(rest, {"main phase"sv, "major phase"sv, "stable"sv, "stability"sv, "cycles"sv, "by ftir"sv,
                                 "operation"sv}) ||
             contains_any(before, {"stability"sv, "cycles"sv, "operation"sv, " test"sv});
    }
    if (contains_any(match, {"by-product"sv, "byproduct"sv, "secondary phase"sv, "side product"sv})) {
      const std::string_view near = before.substr(before.size() > 24 ? before.size() - 24 : 0);
      return any_word(near, {"no", "not", "neither", "none", "nor"}) || any_word(match, {"no", "not", "neither", "none"}) ||
             contains_any(std::string_view(match).substr(0, std::min<size_t>(match.size(), 24)),
                          {"nacl"sv, "kcl"sv, "ethanol"sv, "methanol"sv, "water"sv, "hydrogen"sv, "h2 "sv, "co2"sv,
                           "nh3"sv, "gas"sv, "hcl"sv, "acetic"sv, "salt"sv}) ||
             contains_any(rest, {"and removed"sv, "removed by"sv, "vented"sv, "of the hydrolysis"sv,
                                 "of the condensation"sv, "of the reaction"sv});
    }
    return false;
  }
  if (name == "could_not") {
    return contains_any(before, {"peaks"sv, "contributions"sv, "processes"sv, "effects"sv, "spectr"sv, "signals"sv,
                                 "supernatant"sv, "this cell"sv}) ||
           contains_any(rest, {"deconvolution"sv, "impedance"sv, "spectra"sv, "in this study"sv, "due to"sv,
                               "because of"sv, "for tem"sv, "for xrd"sv, "for sem"sv, "quantified"sv,
                               "it was collected"sv, "was collected at"sv});
  }
  if (name == "unreacted") {
    return contains_any(rest, {"removed"sv, "washed"sv, "washing"sv, "discarded"sv, "reused"sv, "separated"sv,
                               "in solution"sv, "in the solution"sv, "supernatant"sv, "quantified"sv, "left in"sv});
  }
  if (name == "abandoned") {
    return contains_any(match, {"supernatant"sv, "each batch"sv, "every batch"sv}) ||
           contains_any(before, {"supernatant"sv, "each batch"sv, "every batch"sv}) ||
           contains_any(rest, {"to equilibrate"sv, "to condition"sv, "in this work"sv, "which focuses"sv, "after use"sv});
  }
  if (name == "contaminated") {
    return contains_any(before, {"purity"sv}) || contains_any(rest, {"as desired"sv, "as required"sv, "consistent with"sv, "serves as"sv, "nominal"sv}) ||
           contains_any(match, {"pores"sv, "porosity"sv, "cubic phase"sv, "ligand"sv, "oleylamine"sv, "oleic"sv}) ||
           contains_any(rest.substr(0, std::min<size_t>(rest.size(), 30)), {"pores"sv, "oleylamine"sv, "oleic"sv});
  }
  if (name == "nonuniform") {
    return contains_any(before, {"sampling"sv, "flow"sv, "stirring"sv, "heating"sv, "measurement"sv, "dopant"sv}) ||
           contains_any(match, {"sampling"sv, "flow"sv, "stirring"sv, "dopant"sv}) ||
           contains_any(rest, {"to create"sv, "to prepare"sv, "gradient"sv, "but every"sv, "but pulsed"sv});
  }
  if (name == "shape_loss") {
    return (contains_any(match, {"confinement"sv}) && contains_any(rest, {"for sizes"sv, "radius"sv, "larger than"sv, "above"sv})) ||
           contains_any(rest, {"to precipitate"sv, "template"sv}) ||
           contains_any(before, {"template"sv, "amorphization"sv});
  }
  if (name == "secondary_nucleation") {
    if (!contains_any(match, {"separately"sv, "independently"sv})) return false;
    return any_word(match, {"were", "was"}) || contains_any(rest, {"independently of"sv}) ||
           match.find("independently of") != std::string_view::npos ||
           contains_any(rest.substr(0, std::min<size_t>(rest.size(), 4)), {" of "sv}) ||
           contains_any(rest, {"in two"sv, "by screen"sv, "reactors"sv, "flasks"sv});
  }
  if (name == "did_not_yield" && match.starts_with("none of")) {
    return contains_any(rest.substr(0, std::min<size_t>(rest.size(), 40)),
                        {"impurit"sv, "secondary phase"sv, "byproduct"sv, "by-product"sv, "aggregat"sv, "broad"sv,
                         "crack"sv, " any "sv, "side"sv});
  }
  if (name == "densification") {
    // "The cathode was sintered at 1000 °C and remained porous": an electrode is meant to be porous.
    return match.find("remained porous") != std::string_view::npos &&
           (contains_any(before, {"cathode"sv, "anode"sv, "electrode"sv, "support"sv}) ||
            contains_any(rest, {"allowing"sv, "gas diffusion"sv}));
  }
  if (name == "collapsed") {
    return contains_any(rest, {"xerogel"sv, "less than"sv, "more than"sv, "leaving hollow"sv}) ||
           contains_any(before, {"template"sv}) || contains_any(match, {"template"sv});
  }
  if (name == "unusable") {
    return contains_any(before, {"conventional"sv, "this method"sv, "such "sv, "these methods"sv, "from being"sv}) ||
           contains_any(rest, {"[", "ref."sv, "reported"sv});
  }
  if (name == "restacking") {
    return contains_any(rest, {"to form"sv, "ordered"sv, "free-standing"sv, "membrane"sv, "film"sv});
  }
  if (name == "irregular_shape") {
    return contains_any(rest, {"commercial"sv, "reference"sv, "feed"sv}) ||
           contains_any(before, {"milling"sv, "grinding"sv, "commercial"sv});
  }
  if (name == "oxidised") {
    return contains_any(rest, {"giving"sv, "to form"sv, "to give"sv, "forming"sv, "route to"sv, "in o2"sv,
                               "annealing in"sv});
  }
  if (name == "bulk_precipitate") return contains_any(rest, {"of pure"sv, "with no side"sv});
  if (name == "no_reaction" && match.find("precipitate") != std::string_view::npos) {
    return contains_any(before, {"until"sv, "so that"sv}) || contains_any(rest, {"any more"sv, "which kept"sv, "at this concentration"sv});
  }
  if (name == "fabrication_defect") {
    if (any_word(match, {"fractured", "cracked"}) && contains_any(rest, {"liquid nitrogen"sv, "sem"sv, "were ground"sv, "ground into"sv})) return true;
    // "swelled with TMB", "swelled in toluene", "swelled upon intercalation": a swelling step; "the pellets
    // swelled during debinding" stays a defect.
    if ((match == "swelled" || match == "bloated") &&
        (rest.starts_with(" with") || rest.starts_with(" in ") || contains_any(rest, {"intercalation"sv, "enlarge"sv, "to create"sv}))) {
      return true;
    }
    if (match.find("dewetted") != std::string_view::npos || match.find("broke") != std::string_view::npos) {
      return contains_any(rest, {"nanoparticles"sv, "served as"sv, "to form"sv, "sonication"sv}) ||
             contains_any(before, {"aggregates"sv, "agglomerates"sv});
    }
    if (contains_any(match, {"adhered"sv})) {
      return contains_any(before, {"ligand"sv, "dye"sv, "molecule"sv, "surfactant"sv});
    }
    if (contains_any(match, {"separated"sv})) return contains_any(rest, {"free-standing"sv, "lift-off"sv, "to obtain"sv});
    return false;
  }
  // "The treatment was ineffective in changing the particle size, confirming stability".
  if (name == "unsuccessful" && match.find("ineffective") != std::string_view::npos) return rest.find("confirming") != std::string_view::npos;
  if (name == "short_circuit" || name == "leaked" || name == "stalled" || name == "not_prevented") {
    return contains_any(rest, {"to measure"sv, "measurement"sv, "external wire"sv, "confirming"sv, "sccm"sv, "while it"sv, "desired"sv, "but changed"sv}) ||
           contains_any(before, {"to measure"sv});
  }
  return false;
}

// Whether the text holds the Kelvin sign (U+212A) or the long s (U+017F): the only code points that
// RE2's (?i) folds to an ASCII letter, so only such text needs the failure rules as written.
bool needs_unicode_fold(std::string_view text) {
  return text.find("\xE2\x84\xAA") != std::string_view::npos || text.find("\xC5\xBF") != std::string_view::npos;
}

}  // namespace

const re2::RE2::Set& Extractor::Impl::unicode_set() const {
  std::call_once(unicode_set_once, [this] {
    re2::RE2::Options options;
    options.set_case_sensitive(false);
    options.set_log_errors(false);
    unicode_failure_set = std::make_unique<re2::RE2::Set>(options, re2::RE2::UNANCHORED);
    for (int rule : set_rule) unicode_failure_set->Add(detail::any_space(failures[rule].written), nullptr);
    if (!unicode_failure_set->Compile()) throw RuleError("failures.tsv: rule set does not compile (out of memory)");
  });
  return *unicode_failure_set;
}

// Failures: the cues of failures.tsv that their context does not excuse, as entities and as
// para.failure_spans/para.failure_scopes. Needs the text and sentences only; appends to para.raws.
void Extractor::Impl::find_failures(Paragraph& para) const {
  const Impl& im = *this;
  const std::string_view text = para.text;
  const std::string& folded = para.folded;
  const SentenceStarts& sentences = para.sentences;
  std::vector<Raw>& raws = para.raws;
  std::vector<std::pair<size_t, size_t>>& failure_spans = para.failure_spans;
  std::vector<FailureScope>& failure_scopes = para.failure_scopes;
  std::vector<int> failure_hits;
  // failure_spans by begin, with the longest span's length: an overlap test reads only the spans
  // that begin within that length before the cue, not all of them (a paragraph of 8,000 repeated
  // cues, "the NCs aggregated, " x N, tested every cue against every earlier span; s33-slow).
  std::multimap<size_t, size_t> spans_by_begin;
  size_t longest_span = 0;
  auto add_span = [&](size_t b, size_t e) {
    spans_by_begin.emplace(b, e);
    longest_span = std::max(longest_span, e - b);
  };
  for (const auto& [b, e] : failure_spans) add_span(b, e);
  auto overlaps_span = [&](size_t fb, size_t fe) {
    for (auto it = spans_by_begin.lower_bound(fb > longest_span ? fb - longest_span : 0);
         it != spans_by_begin.end() && it->first < fe; ++it)
      if (fb < it->second) return true;
    return false;
  };
  // The paragraph's byte triples for the gate and the gated rules: most of their literals are then
  // ruled out without a scan.
  const ByteTriples& triples = para.triples;
  // needs_unicode_fold() (two scans of the text) only where a rule runs: the set, or a gated rule's hit.
  bool unicode = false;
  const bool set_runs = !im.failure_gate || may_hold_failure_cue(folded, triples);
  if (set_runs) {
    unicode = needs_unicode_fold(text);
    (unicode ? im.unicode_set() : *im.failure_set).Match(re2::StringPiece(text.data(), text.size()), &failure_hits);
    for (int& hit : failure_hits) hit = im.set_rule[hit];
  }
  // Gated rules (a third field in failures.tsv) are outside the set: each runs when its literals occur.
  for (size_t r = 0; r < im.gated_rules.size(); ++r) {
    const auto& [rule, gate] = im.gated_rules[r];
    // The triples' hash slots were computed at load (gate_slots): most paragraphs fail a literal's first.
    if (!triples.may_hold_slots(im.gate_common_slots[r])) continue;  // then every literal fails
    const std::vector<std::vector<uint16_t>>& slots = im.gate_slots[r];
    for (size_t g = 0; g < gate.size(); ++g) {
      if (triples.may_hold_slots(slots[g]) && find_bytes(folded, gate[g]) != std::string_view::npos) {
        failure_hits.push_back(rule);
        break;
      }
    }
  }
  if (!set_runs && !failure_hits.empty()) unicode = needs_unicode_fold(text);
  std::sort(failure_hits.begin(), failure_hits.end());  // file order: the first of two overlapping cues wins
  for (int hit : failure_hits) {
    const std::string& name = im.failures[hit].name;
    const re2::RE2* re = &im.failures[hit].re(unicode);
    re2::StringPiece whole(text.data(), text.size());
    re2::StringPiece found;
    size_t pos = 0;
    while (pos < text.size() && re->Match(whole, pos, text.size(), re2::RE2::UNANCHORED, &found, 1)) {
      const size_t fb = static_cast<size_t>(found.data() - text.data());
      size_t ss = sentences(fb, 300);
      // "Ref. 12", "Zhang et al. reported": an abbreviation's full stop ends no sentence here.
      for (int back = 0; back < 2 && ss >= 2; ++back) {
        std::string_view head = std::string_view(folded).substr(0, ss);
        if (!head.ends_with(" ref. ") && !head.ends_with(" refs. ") && !head.ends_with(" al. ")) break;
        ss = sentences(ss - 2, 300);
      }
      const size_t fe0 = fb + found.size();
      size_t se = fe0;  // the sentence's end (at most 300 bytes on): ';', a new line or ". "
      for (const size_t cap = std::min(folded.size(), fe0 + 300); se < cap; ++se) {
        const char c = folded[se];
        if (c == ';' || c == '\n' || (c == '.' && (se + 1 == folded.size() || folded[se + 1] == ' '))) break;
      }
      std::string_view f_before = std::string_view(folded).substr(ss, fb - ss);
      std::string_view f_cue = std::string_view(folded).substr(fb, std::min<size_t>(folded.size() - fb, found.size() + 60));
      std::string_view f_rest = std::string_view(folded).substr(fe0, se - fe0);
      size_t f_len = found.size();
      // Unicode spaces read as ' ' in the context tests (rare: copies only then).
      std::string n_before, n_cue, n_rest;
      if (std::string_view(folded).substr(ss, se - ss).find_first_of("\xC2\xE2") != std::string_view::npos) {
        auto plain = [](std::string_view v) {
          std::string o;
          for (size_t k = 0; k < v.size(); ++k) {
            if (v.substr(k, 2) == "\xC2\xA0") {
              o += ' ';
              k += 1;
            } else if (v.substr(k, 3) == "\xE2\x80\x89" || v.substr(k, 3) == "\xE2\x80\xAF") {
              o += ' ';
              k += 2;
            } else {
              o += v[k];
            }
          }
          return o;
        };
        n_before = plain(f_before);
        n_cue = plain(f_cue);
        n_rest = plain(f_rest);
        f_len = plain(std::string_view(folded).substr(fb, found.size())).size();
        f_before = n_before;
        f_cue = n_cue;
        f_rest = n_rest;
      }
      ComparedSide compared;
      // The sentence before (stable_or_workup_precipitate() reads it).
      const size_t ps = ss >= 2 ? sentences(ss - 2, 300) : ss;
      if (failure_in_context(f_before, f_cue, f_len, f_rest, &compared, std::string_view(folded).substr(ps, ss - ps))) {
        if (cited_failure(f_before, f_rest) || earlier_attempt(f_before, f_cue)) para.cited_sentences.emplace_back(ss, se);
        pos = fb + std::max<size_t>(found.size(), 1);
        continue;
      }
      // Two cues over one phrase ("the synthesis failed to ..." is `failed` and `failed_to`) are one failure.
      const size_t fe = fb + found.size();
      if (overlaps_span(fb, fe) ||
          no_failed_product(name, std::string_view(folded).substr(fb, found.size()), f_rest) ||
          incidental_cue(name, std::string_view(folded).substr(fb, found.size()), f_before, f_rest) ||
          (bare_compound_absence(text.substr(fb, found.size())) &&
           (other_target_named(folded, raws, fb, fe, se) || at_interface(f_rest)))) {
        pos = fb + std::max<size_t>(found.size(), 1);
        continue;
      }
      failure_spans.emplace_back(fb, fe);
      add_span(fb, fe);
      failure_scopes.push_back(never_without(f_cue.substr(0, f_len), f_rest) ? FailureScope::kCondition
                                                                            : failure_scope(f_before, f_cue.substr(0, f_len), f_rest, compared));
      if ((failure_scopes.back() == FailureScope::kParagraph || failure_scopes.back() == FailureScope::kScreen) &&
          se + 1 < folded.size()) {
        std::string_view next = std::string_view(folded).substr(se + 1, 160);
        next = next.substr(0, next.find_first_of(".;"));
        if (scan_succeeds(f_rest, next)) failure_scopes.back() = FailureScope::kPartial;
        // "...; with the ethylcellulose content raised to 5 wt%, crack-free layers were obtained" (s33-fail3).
        if (folded[se] == ';') {
          std::string_view clause = std::string_view(folded).substr(se, 240);
          clause = clause.substr(0, std::min(clause.find(". "), clause.find(';', 1)));
          if (worked_after(clause)) failure_scopes.back() = FailureScope::kPartial;
        }
      }
      para.failure_sentences.emplace_back(ss, se);
      Raw& r = raws.emplace_back();
      r.end = fb + span_without_preposition(std::string_view(folded).substr(fb, found.size()));
      r.begin = std::min(fb + subject_length(name, std::string_view(folded).substr(fb, found.size())), r.end - 1);
      r.e.type = "failure";
      r.e.cue = name;
      pos = std::max(r.end, r.begin + 1);
    }
  }
}

}  // namespace synthdb::rules
