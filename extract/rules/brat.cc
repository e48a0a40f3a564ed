#include "extract/rules/brat.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <nlohmann/json.hpp>
#include <sstream>

#include "extract/core/data_dir.h"
#include "extract/core/document.h"
#include "extract/core/error.h"
#include "extract/core/utf8.h"
#include "extract/rules/lexicon.h"
#include "extract/rules/quantities.h"
#include "extract/rules/text.h"

namespace synthdb::rules {

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw InputError(p.string() + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct BratSpan {
  std::string type;
  int64_t start = 0;  // code points into the whole .txt
  int64_t end = 0;
  std::string text;
};

GoldParagraph convert(const std::filesystem::path& txt_path, const std::filesystem::path& ann_path,
                      const QuantityScanner& scanner) {
  std::string whole = read_file(txt_path);
  try {
    CodePointMap check(whole);
  } catch (const Error& e) {
    throw InputError(txt_path.string() + ": " + e.what());
  }
  size_t nl1 = whole.find('\n');
  size_t nl2 = nl1 == std::string::npos ? std::string::npos : whole.find('\n', nl1 + 1);
  if (nl2 == std::string::npos) throw InputError(txt_path.string() + ": expected DOI, title and text lines");
  std::string text = whole.substr(nl2 + 1);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
  const int64_t shift = count_code_points(std::string_view(whole).substr(0, nl2 + 1));
  const int64_t text_cps = count_code_points(text);

  std::map<std::string, BratSpan> spans;
  std::vector<std::tuple<std::string, std::string, std::string>> relations;  // type, arg1, arg2
  std::map<std::string, std::vector<std::string>> roles;                     // T id → event roles
  std::map<std::string, std::string> trigger;                                // E id → its Operation T id
  std::string ann = read_file(ann_path);
  std::istringstream lines(ann);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (line.empty()) continue;
    auto fail = [&](const char* why) {
      throw InputError(ann_path.string() + ":" + std::to_string(number) + ": " + why);
    };
    std::vector<std::string> f;
    std::stringstream ls(line);
    std::string field;
    while (std::getline(ls, field, '\t')) f.push_back(field);
    if (f.size() < 2) fail("expected tab-separated fields");
    char kind = f[0][0];
    if (kind == 'T') {
      std::istringstream head(f[1]);
      BratSpan s;
      std::string offsets;
      head >> s.type;
      std::getline(head, offsets);
      if (offsets.find(';') != std::string::npos) continue;  // discontinuous spans: not used
      if (std::sscanf(offsets.c_str(), "%ld %ld", &s.start, &s.end) != 2) fail("bad offsets");
      s.text = f.size() > 2 ? f[2] : "";
      spans[f[0]] = s;
    } else if (kind == 'R') {
      std::istringstream head(f[1]);
      std::string type, a, b;
      head >> type >> a >> b;
      auto arg = [](const std::string& x) { return x.substr(x.find(':') + 1); };
      relations.emplace_back(type, arg(a), arg(b));
    } else if (kind == 'E') {
      std::istringstream head(f[1]);
      std::string part;
      head >> part;  // Operation:Tn
      if (size_t colon = part.find(':'); colon != std::string::npos) trigger[f[0]] = part.substr(colon + 1);
      while (head >> part) {
        size_t colon = part.find(':');
        if (colon == std::string::npos) continue;
        roles[part.substr(colon + 1)].push_back(part.substr(0, colon));
      }
    }
  }

  struct Item {
    Entity e;
    std::string material_tid;  // amounts: the Material T id
    std::string tid;
    std::string unit_tid;      // number items: the unit they are Number_Of
    bool dropped = false;
  };
  std::vector<Item> items;
  auto in_text = [&](int64_t s, int64_t e) { return s >= shift && e <= shift + text_cps && s < e; };
  auto slice = [&](int64_t s, int64_t e) {
    size_t b = byte_of_code_point(text, s), eb = byte_of_code_point(text, e);
    return text.substr(b, eb - b);
  };

  // Amount_Of: unit → material.
  std::map<std::string, std::string> amount_of;
  for (const auto& [type, a, b] : relations) {
    if (type == "Amount_Of" && spans.count(b) && spans[b].type == "Material") amount_of[a] = b;
  }
  // Condition_Of: unit → the operation it conditions. A speed in rpm is a stirring rate (the
  // contract's `stirring`) unless MSP attaches it to a centrifugation, a spin coating or a milling,
  // which the extractor does not call stirring either ("centrifuged at 8000 rpm", "spin coated at
  // 1000 rpm", "ball milling at 400 rpm").
  std::set<std::string> spin_units;
  for (const auto& [type, a, b] : relations) {
    if (type != "Condition_Of" || !trigger.count(b) || !spans.count(trigger[b])) continue;
    const std::string op = ascii_lower(spans[trigger[b]].text);
    for (const char* w : {"centrifug", "spin", "spun", "mill"}) {
      if (op.find(w) != std::string::npos) spin_units.insert(a);
    }
  }
  for (const auto& [type, a, b] : relations) {
    if (type != "Number_Of" || !spans.count(a) || !spans.count(b)) continue;
    const BratSpan& num = spans[a];
    const BratSpan& unit = spans[b];
    if (unit.type != "Condition-Unit" && unit.type != "Amount-Unit") continue;
    if (!in_text(num.start, num.end) || !in_text(unit.start, unit.end)) continue;
    std::string probe;
    if (unit.text == "pH" || unit.text == "PH") {
      probe = "pH " + num.text;
    } else {
      probe = num.text + " " + unit.text;
    }
    std::vector<Quantity> qs = scanner.scan(probe, ascii_lower(probe));
    if (qs.empty()) continue;
    const Quantity& q = qs.front();
    Entity e;
    if (q.kind == "temperature") e.type = "temperature";
    else if (q.kind == "time") e.type = "time";
    else if (q.kind == "heating_rate") e.type = "heating_rate";
    else if (q.kind == "pressure") e.type = "pressure";
    else if (q.kind == "stirring" && spin_units.count(b)) continue;
    else if (q.kind == "stirring") e.type = "stirring";
    else if (q.kind == "ph") e.type = "ph";
    else if (unit.type == "Amount-Unit" &&
             (q.kind == "mass" || q.kind == "volume" || q.kind == "moles" || q.kind == "concentration" ||
              q.kind == "mass_concentration" || q.kind == "fraction" || q.kind == "ratio")) {
      e.type = "amount";
      e.quantity = q.kind == "mass_concentration" ? "concentration" : q.kind == "ratio" ? q.ratio_kind : q.kind;
    } else {
      continue;
    }
    e.value = q.value;
    e.min = q.min;
    e.max = q.max;
    // The span covers number and unit when they are written together ("120 degC", "pH of 9");
    // a unit shared by a list ("100, 150 and 200 degC") or far away leaves the number alone.
    int64_t s = std::min(num.start, unit.start), en = std::max(num.end, unit.end);
    std::string gap = slice(std::min(num.end, unit.end) - shift, std::max(num.start, unit.start) - shift);
    if (gap.size() > 12 || std::any_of(gap.begin(), gap.end(), [](char c) { return is_digit(c); })) {
      s = num.start;
      en = num.end;
    }
    e.start = s - shift;
    e.end = en - shift;
    Item it;
    it.e = e;
    it.unit_tid = b;
    if (e.type == "amount" && amount_of.count(b)) it.material_tid = amount_of[b];
    items.push_back(std::move(it));
  }
  // Two numbers of one unit joined by a range separator ("100 to 250 degC", "0-20%") are one
  // range, as the extraction contract reads them.
  std::sort(items.begin(), items.end(), [](const Item& x, const Item& y) { return x.e.start < y.e.start; });
  for (size_t k = 0; k + 1 < items.size(); ++k) {
    Item& lo = items[k];
    Item& hi = items[k + 1];
    if (lo.unit_tid != hi.unit_tid || !lo.e.value || !hi.e.value || lo.e.end > hi.e.start) continue;
    std::string gap = ascii_lower(slice(lo.e.end, hi.e.start));
    while (!gap.empty() && gap.front() == ' ') gap.erase(gap.begin());
    while (!gap.empty() && gap.back() == ' ') gap.pop_back();
    if (gap == "-" || gap == "to" || gap == "~" || gap == "\xE2\x80\x93" || gap == "\xE2\x80\x94") {
      hi.e.min = std::min(*lo.e.value, *hi.e.value);
      hi.e.max = std::max(*lo.e.value, *hi.e.value);
      hi.e.value.reset();
      hi.e.start = lo.e.start;
      lo.dropped = true;
    }
  }
  items.erase(std::remove_if(items.begin(), items.end(), [](const Item& x) { return x.dropped; }), items.end());
  for (const auto& [tid, s] : spans) {
    if (!in_text(s.start, s.end)) continue;
    Entity e;
    e.start = s.start - shift;
    e.end = s.end - shift;
    if (s.type == "Condition-Misc") {
      std::string lower = ascii_lower(s.text);
      if (lower == "room temperature") {
        e.type = "temperature";
        e.value = 25;
        e.role = "room";
      } else if (lower == "overnight") {
        e.type = "time";
        e.value = 43200;
      } else {
        continue;
      }
    } else if (s.type == "Material") {
      if (is_generic_material(s.text)) continue;
      e.type = "material";
      e.name = s.text;
      std::string role = "other";
      for (const std::string& r : roles[tid]) {
        std::string mapped = r == "Recipe_Target" ? "target" : r == "Recipe_Precursor" ? "precursor"
                             : r == "Solvent_Material" ? "solvent" : "other";
        auto rank = [](const std::string& x) { return x == "target" ? 3 : x == "precursor" ? 2 : x == "solvent" ? 1 : 0; };
        if (rank(mapped) > rank(role)) role = mapped;
      }
      e.role = role;
    } else if (s.type == "Operation") {
      e.type = "operation";
    } else {
      continue;
    }
    Item it;
    it.e = e;
    it.tid = tid;
    items.push_back(std::move(it));
  }
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    return a.e.start != b.e.start ? a.e.start < b.e.start : a.e.end > b.e.end;
  });
  std::map<std::string, int> index_of;
  for (size_t k = 0; k < items.size(); ++k) {
    if (!items[k].tid.empty()) index_of[items[k].tid] = static_cast<int>(k);
  }
  GoldParagraph g;
  g.id = txt_path.stem().string();
  g.text = text;
  for (Item& it : items) {
    if (!it.material_tid.empty() && index_of.count(it.material_tid)) it.e.material = index_of[it.material_tid];
    it.e.text = slice(it.e.start, it.e.end);
    g.entities.push_back(std::move(it.e));
  }
  return g;
}

}  // namespace

bool is_generic_material(std::string_view name) {
  static constexpr std::string_view kGeneric[] = {
      "solution", "mixture", "product", "sample", "powder", "suspension", "precipitate", "precursor", "gel",
      "slurry", "solid", "residue", "filtrate", "supernatant", "dispersion", "colloid", "material", "chemical",
      "reagent", "solvent", "substrate", "film", "pellet", "particle", "crystal", "nanocrystal", "nanoparticle",
      "catalyst", "composite", "sol", "liquid", "solute", "resin", "mixed solution", "reaction mixture",
      "as-prepared sample", "resultant", "resulting solution", "block", "plate", "membrane", "support",
      "compound", "salt", "sediment", "aggregate", "foam", "fiber", "fibre", "sheet", "disk", "disc",
      "electrode", "template", "matrix", "precipitation", "washing", "samples", "product", "ink", "paste",
      "emulsion", "droplet", "bath", "medium"};
  std::string lower = ascii_lower(name);
  if (lower.size() > 1 && lower.back() == 's') {
    std::string singular = lower.substr(0, lower.size() - 1);
    if (singular.size() > 2 && singular.back() == 'e' && singular[singular.size() - 2] == 'r') {
      // "mixtures" → "mixture" (kept as is); nothing special
    }
    for (auto g : kGeneric) {
      if (singular == g) return true;
    }
  }
  for (auto g : kGeneric) {
    if (lower == g) return true;
  }
  return false;
}

GoldParagraph read_brat(const std::filesystem::path& txt_path, const std::filesystem::path& ann_path) {
  LexiconFiles lexicons(data_dir() / "extract" / "rules" / "lexicons");
  QuantityScanner scanner(lexicons);
  return convert(txt_path, ann_path, scanner);
}

std::vector<GoldParagraph> read_brat_dir(const std::filesystem::path& dir, std::string_view split) {
  if (split != "dev" && split != "test" && split != "all" && split != "dev-a" && split != "dev-b") {
    throw UsageError("--split must be dev, dev-a, dev-b, test or all, not '" + std::string(split) + "'");
  }
  std::filesystem::path data = std::filesystem::is_directory(dir / "data") ? dir / "data" : dir;
  if (!std::filesystem::is_directory(data)) throw InputError(dir.string() + ": not a directory");
  std::vector<std::filesystem::path> txts;
  for (const auto& entry : std::filesystem::directory_iterator(data)) {
    if (entry.path().extension() == std::filesystem::path(".txt") && std::filesystem::exists(std::filesystem::path(entry.path()).replace_extension(".ann"))) {
      txts.push_back(entry.path());
    }
  }
  if (txts.empty()) throw InputError(dir.string() + ": no .txt/.ann pairs");
  std::sort(txts.begin(), txts.end());
  LexiconFiles lexicons(data_dir() / "extract" / "rules" / "lexicons");
  QuantityScanner scanner(lexicons);
  std::vector<GoldParagraph> out;
  for (size_t i = 0; i < txts.size(); ++i) {
    bool test = i % 3 == 2;
    if ((split == "dev" && test) || (split == "test" && !test)) continue;
    if ((split == "dev-a" && i % 3 != 0) || (split == "dev-b" && i % 3 != 1)) continue;
    auto ann = txts[i];
    ann.replace_extension(".ann");
    out.push_back(convert(txts[i], ann, scanner));
  }
  return out;
}

// A gold entity must point at its own text: a span past the end, an empty or reversed span, or a
// `text` that is not the code-point slice [start, end) would be scored silently as a miss.
static void check_gold_spans(const GoldParagraph& g, const std::string& where) {
  if (!valid_utf8(g.text)) throw InputError(where + ": text is not valid UTF-8");
  std::vector<size_t> byte_at;  // code point → byte offset, plus the end
  for (size_t i = 0; i < g.text.size(); i += utf8_sequence_length(g.text, i)) byte_at.push_back(i);
  byte_at.push_back(g.text.size());
  const int64_t length = static_cast<int64_t>(byte_at.size()) - 1;
  for (const Entity& e : g.entities) {
    const std::string span = e.type + " [" + std::to_string(e.start) + ", " + std::to_string(e.end) + ")";
    if (e.start < 0 || e.end <= e.start || e.end > length) {
      throw InputError(where + ": " + span + " is outside the text (" + std::to_string(length) + " code points)");
    }
    std::string_view slice = std::string_view(g.text).substr(byte_at[e.start], byte_at[e.end] - byte_at[e.start]);
    if (!e.text.empty() && slice != e.text) {
      throw InputError(where + ": " + span + " text \"" + e.text + "\" is not the text there (\"" + std::string(slice) + "\")");
    }
  }
}

std::vector<GoldParagraph> read_gold(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string() + ": cannot open gold file");
  std::vector<GoldParagraph> out;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      auto j = nlohmann::json::parse(line);
      GoldParagraph g;
      g.id = j.contains("id") ? (j["id"].is_string() ? j["id"].get<std::string>() : j["id"].dump()) : std::to_string(number);
      g.text = j.at("text").get<std::string>();
      if (j.contains("entities")) {
        for (const auto& e : j["entities"]) g.entities.push_back(e.get<Entity>());
      }
      if (j.contains("status")) {
        g.status = parse_synthesis_status(j["status"].get<std::string>());
        if (!g.status) {
          throw InputError(path.string() + ":" + std::to_string(number) + ": status \"" +
                           j["status"].get<std::string>() + "\" is not success, failed or unknown");
        }
      }
      check_gold_spans(g, path.string() + ":" + std::to_string(number));
      out.push_back(std::move(g));
    } catch (const nlohmann::json::exception& e) {
      throw InputError(path.string() + ":" + std::to_string(number) + ": " + e.what());
    }
  }
  return out;
}

void write_gold(const std::filesystem::path& path, const std::vector<GoldParagraph>& gold) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw InputError(path.string() + ": cannot write");
  for (const GoldParagraph& g : gold) {
    nlohmann::json j{{"id", g.id}, {"text", g.text}, {"entities", nlohmann::json::array()}};
    for (const Entity& e : g.entities) j["entities"].push_back(e);
    if (g.status) j["status"] = to_string(*g.status);
    out << j.dump() << "\n";
  }
  if (!out) throw InputError(path.string() + ": write failed");
}

}  // namespace synthdb::rules
