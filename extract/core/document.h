#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace synthdb {

// What a paragraph is, decided from layout and wording by extract/pdf.
enum class ParagraphKind { kTitle, kAbstract, kHeading, kBody, kCaption, kReference, kFootnote, kOther };

// The normalised type of the section a paragraph sits in.
enum class SectionType { kIntroduction, kExperimental, kResults, kConclusion, kReferences, kOther };

std::string_view to_string(ParagraphKind kind);
std::string_view to_string(SectionType type);
// Returns nullopt for a name that is not one of to_string()'s values.
std::optional<ParagraphKind> parse_paragraph_kind(std::string_view name);
std::optional<SectionType> parse_section_type(std::string_view name);

// Maps a heading's text ("2. Experimental Section", "Results and discussion") to its type.
SectionType classify_section(std::string_view heading);

// One paragraph of a document, with its provenance. `start`/`end` are offsets in Unicode code
// points into Document::text() (paragraph texts joined by "\n\n"), end exclusive.
struct Paragraph {
  int ordinal = 0;  // 0-based position in reading order
  int page = 1;     // 1-based page the paragraph starts on
  int part = 1;     // 1-based paper of a file that holds several (DocumentMeta::parts); 1 for most files
  ParagraphKind kind = ParagraphKind::kBody;
  std::string section;  // current section heading as written ("" before the first heading)
  SectionType section_type = SectionType::kOther;
  std::string text;  // clean UTF-8: NFC-ish, ligatures expanded, no line-end hyphens
  int64_t start = 0;
  int64_t end = 0;
};

// One paper of a file that holds several (a journal issue excerpt, a proceedings file, a paper
// followed by a Supporting Information of its own DOI, two PDFs joined): it starts on a new page
// with a title in title size and either a DOI other than the earlier parts' or, without a DOI
// (pdf-6), an author line under the title and an Abstract or Received line (extract/pdf,
// docs/pdf.md "s22-multi" and "s25-rec"); `doi` is "" for such a part.
struct DocumentPart {
  int part = 1;        // 1-based, the value of Paragraph::part
  int first_page = 1;  // 1-based page the part starts on
  std::string doi;
  std::string title;
};

struct DocumentMeta {
  std::string title;  // of the file (its first part)
  std::string doi;    // of the file (its first part)
  std::string journal;
  std::optional<int> year;
  int pages = 0;
  // Every part in order; part 1 repeats title/doi. Empty only for documents read from JSON written
  // before parts existed (then everything is part 1).
  std::vector<DocumentPart> parts;
};

// A whole converted document. `sha256` is the hex digest of the file's bytes.
struct Document {
  std::string path;
  std::string sha256;
  std::string format;  // "pdf" or "txt"
  DocumentMeta meta;
  std::vector<Paragraph> paragraphs;

  // Paragraph texts joined by "\n\n": the text that Paragraph::start/end index.
  std::string text() const;
  // Fills start/end (and ordinal) of every paragraph from its position in `paragraphs`.
  void assign_offsets();
};

// Number of Unicode code points in valid UTF-8 `s` (invalid bytes count one each).
int64_t count_code_points(std::string_view s);

// JSON for the `synthdb text` contract: {"page","part","kind","section","section_type","ordinal","text",
// "start","end"}; the document object carries path, sha256, format and meta (with "parts":
// [{"part","first_page","doi","title"}]).
void to_json(nlohmann::json& j, const Paragraph& p);
void from_json(const nlohmann::json& j, Paragraph& p);
void to_json(nlohmann::json& j, const DocumentMeta& m);
void from_json(const nlohmann::json& j, DocumentMeta& m);
void to_json(nlohmann::json& j, const Document& d);
void from_json(const nlohmann::json& j, Document& d);

}  // namespace synthdb
