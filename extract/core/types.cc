#include <algorithm>
#include <array>
#include <cctype>

#include <nlohmann/json.hpp>

#include "extract/core/document.h"
#include "extract/core/entity.h"
#include "extract/core/strings.h"

namespace synthdb {
namespace {

constexpr std::array<std::string_view, 8> kKindNames = {"title",     "abstract", "heading",  "body",
                                                        "caption",   "reference", "footnote", "other"};
constexpr std::array<std::string_view, 6> kSectionNames = {"introduction", "experimental", "results",
                                                           "conclusion",   "references",   "other"};

}  // namespace

std::string_view to_string(ParagraphKind kind) { return kKindNames[static_cast<size_t>(kind)]; }
std::string_view to_string(SectionType type) { return kSectionNames[static_cast<size_t>(type)]; }

std::optional<ParagraphKind> parse_paragraph_kind(std::string_view name) {
  for (size_t i = 0; i < kKindNames.size(); ++i)
    if (kKindNames[i] == name) return static_cast<ParagraphKind>(i);
  return std::nullopt;
}

std::optional<SectionType> parse_section_type(std::string_view name) {
  for (size_t i = 0; i < kSectionNames.size(); ++i)
    if (kSectionNames[i] == name) return static_cast<SectionType>(i);
  return std::nullopt;
}

SectionType classify_section(std::string_view heading) {
  const std::string h = ascii_lower(heading);
  // Order matters: "Results and Discussion" before "Conclusion"; "Experimental" wins over "Results".
  if (contains_any(h, {"reference", "bibliograph", "literature cited", "notes and references"}))
    return SectionType::kReferences;
  if (contains_any(h, {"experiment", "method", "material", "synthes", "preparation", "procedure",
                       "fabrication", "chemicals", "reagents"}))
    return SectionType::kExperimental;
  if (contains_any(h, {"introduction", "background"})) return SectionType::kIntroduction;
  if (contains_any(h, {"result", "discussion", "characteri"})) return SectionType::kResults;
  if (contains_any(h, {"conclusion", "summary", "outlook"})) return SectionType::kConclusion;
  return SectionType::kOther;
}

int64_t count_code_points(std::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string Document::text() const {
  std::string out;
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    if (i) out += "\n\n";
    out += paragraphs[i].text;
  }
  return out;
}

void Document::assign_offsets() {
  int64_t pos = 0;
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    Paragraph& p = paragraphs[i];
    p.ordinal = static_cast<int>(i);
    p.start = pos;
    p.end = pos + count_code_points(p.text);
    pos = p.end + 2;
  }
}

void to_json(nlohmann::json& j, const Paragraph& p) {
  j = nlohmann::json{{"ordinal", p.ordinal},
                     {"page", p.page},
                     {"part", p.part},
                     {"kind", to_string(p.kind)},
                     {"section", p.section},
                     {"section_type", to_string(p.section_type)},
                     {"start", p.start},
                     {"end", p.end},
                     {"text", p.text}};
}

void from_json(const nlohmann::json& j, Paragraph& p) {
  p.ordinal = j.value("ordinal", 0);
  p.page = j.value("page", 1);
  p.part = j.value("part", 1);
  p.kind = parse_paragraph_kind(j.value("kind", "body")).value_or(ParagraphKind::kOther);
  p.section = j.value("section", "");
  p.section_type = parse_section_type(j.value("section_type", "other")).value_or(SectionType::kOther);
  p.start = j.value("start", int64_t{0});
  p.end = j.value("end", int64_t{0});
  p.text = j.value("text", "");
}

void to_json(nlohmann::json& j, const DocumentMeta& m) {
  j = nlohmann::json{{"title", m.title}, {"doi", m.doi}, {"journal", m.journal}, {"pages", m.pages}};
  j["year"] = m.year ? nlohmann::json(*m.year) : nlohmann::json(nullptr);
  j["parts"] = nlohmann::json::array();
  for (const DocumentPart& p : m.parts)
    j["parts"].push_back({{"part", p.part}, {"first_page", p.first_page}, {"doi", p.doi}, {"title", p.title}});
}

void from_json(const nlohmann::json& j, DocumentMeta& m) {
  m.title = j.value("title", "");
  m.doi = j.value("doi", "");
  m.journal = j.value("journal", "");
  m.pages = j.value("pages", 0);
  if (j.contains("year") && j["year"].is_number_integer()) m.year = j["year"].get<int>();
  if (j.contains("parts") && j["parts"].is_array())
    for (const nlohmann::json& p : j["parts"]) {
      if (!p.is_object()) continue;
      m.parts.push_back({p.value("part", 1), p.value("first_page", 1), p.value("doi", ""), p.value("title", "")});
    }
}

void to_json(nlohmann::json& j, const Document& d) {
  j = nlohmann::json{{"path", d.path},  {"sha256", d.sha256},          {"format", d.format},
                     {"meta", d.meta}, {"paragraphs", d.paragraphs}};
}

void from_json(const nlohmann::json& j, Document& d) {
  d.path = j.value("path", "");
  d.sha256 = j.value("sha256", "");
  d.format = j.value("format", "");
  if (j.contains("meta")) d.meta = j["meta"].get<DocumentMeta>();
  if (j.contains("paragraphs")) d.paragraphs = j["paragraphs"].get<std::vector<Paragraph>>();
}

std::string to_string(SynthesisStatus status) {
  switch (status) {
    case SynthesisStatus::kSuccess: return "success";
    case SynthesisStatus::kFailed: return "failed";
    case SynthesisStatus::kUnknown: break;
  }
  return "unknown";
}

std::optional<SynthesisStatus> parse_synthesis_status(const std::string& name) {
  if (name == "success") return SynthesisStatus::kSuccess;
  if (name == "failed") return SynthesisStatus::kFailed;
  if (name == "unknown") return SynthesisStatus::kUnknown;
  return std::nullopt;
}

void to_json(nlohmann::json& j, const Entity& e) {
  j = nlohmann::json{{"type", e.type}, {"start", e.start}, {"end", e.end}, {"text", e.text}};
  auto put_num = [&](const char* key, const std::optional<double>& v) {
    if (v) j[key] = *v;
  };
  auto put_str = [&](const char* key, const std::string& v) {
    if (!v.empty()) j[key] = v;
  };
  put_num("value", e.value);
  // Issue #4 names an operation's label `value` ("operation: value in mixing | heating | ...");
  // every label type keeps it in `normalized`, so operations carry both (from_json reads only a
  // numeric `value`).
  if (e.type == "operation") put_str("value", e.normalized);
  put_num("min", e.min);
  put_num("max", e.max);
  put_num("sd", e.sd);
  put_str("unit", e.unit);
  put_str("role", e.role);
  put_str("name", e.name);
  put_str("normalized", e.normalized);
  put_str("formula", e.formula);
  put_str("quantity", e.quantity);
  put_str("dimension", e.dimension);
  put_str("cue", e.cue);
  if (e.material) j["material"] = *e.material;
}

void from_json(const nlohmann::json& j, Entity& e) {
  e.type = j.value("type", "");
  e.start = j.value("start", int64_t{0});
  e.end = j.value("end", int64_t{0});
  e.text = j.value("text", "");
  auto get_num = [&](const char* key) -> std::optional<double> {
    if (j.contains(key) && j[key].is_number()) return j[key].get<double>();
    return std::nullopt;
  };
  e.value = get_num("value");
  e.min = get_num("min");
  e.max = get_num("max");
  e.sd = get_num("sd");
  e.unit = j.value("unit", "");
  e.role = j.value("role", "");
  e.name = j.value("name", "");
  e.normalized = j.value("normalized", "");
  e.formula = j.value("formula", "");
  e.quantity = j.value("quantity", "");
  e.dimension = j.value("dimension", "");
  e.cue = j.value("cue", "");
  if (j.contains("material") && j["material"].is_number_integer()) e.material = j["material"].get<int>();
}

}  // namespace synthdb
