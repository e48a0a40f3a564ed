// extract/pdf against the typeset samples in corpus-samples/ and their truth files.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "extract/core/error.h"
#include "extract/pdf/layout.h"
#include "extract/pdf/paragraphs.h"
#include "extract/pdf/text_clean.h"

using namespace synthdb;
namespace fs = std::filesystem;

namespace {

const fs::path kSamples = fs::path(SYNTHDB_SOURCE_DIR) / "corpus-samples";

struct Truth {
  std::string kind, section, section_type, text;
  bool floating = false;
};

std::vector<Truth> load_truth_file(const fs::path& path) {
  std::ifstream in(path);
  REQUIRE(in);
  std::vector<Truth> out;
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    out.push_back({j["kind"], j["section"], j["section_type"], j["text"], j.value("float", false)});
  }
  REQUIRE(!out.empty());
  return out;
}

std::vector<Truth> load_truth(const std::string& name) { return load_truth_file(kSamples / "truth" / (name + ".jsonl")); }

bool is_flow_kind(ParagraphKind k) {
  return k == ParagraphKind::kTitle || k == ParagraphKind::kAbstract || k == ParagraphKind::kHeading ||
         k == ParagraphKind::kBody || k == ParagraphKind::kReference;
}

// The flowing paragraphs (title, abstract, headings, body, references) must equal the truth
// file's in order, kind, section and exact text; captions and footnotes float, so they must be
// present with their exact text and kind but may sit anywhere.
void check_against_truth_files(const fs::path& pdf_path, const fs::path& truth_path) {
  const std::string name = pdf_path.stem().string();
  Document doc = pdf::read_document(pdf_path);
  std::vector<Truth> truth = load_truth_file(truth_path);
  std::vector<const Paragraph*> flow;
  for (const Paragraph& p : doc.paragraphs)
    if (is_flow_kind(p.kind)) flow.push_back(&p);
  std::vector<const Truth*> want;
  for (const Truth& t : truth)
    if (!t.floating && t.kind != "other") want.push_back(&t);
  CHECK(flow.size() == want.size());
  for (size_t i = 0; i < std::min(flow.size(), want.size()); ++i) {
    INFO(name << " paragraph " << i);
    CHECK(std::string(to_string(flow[i]->kind)) == want[i]->kind);
    CHECK(flow[i]->text == want[i]->text);
    CHECK(flow[i]->section == want[i]->section);
    CHECK(std::string(to_string(flow[i]->section_type)) == want[i]->section_type);
  }
  size_t floats = 0;
  for (const Truth& t : truth) {
    if (!t.floating) continue;
    ++floats;
    INFO(name << " " << t.kind << ": " << t.text);
    CHECK(std::any_of(doc.paragraphs.begin(), doc.paragraphs.end(), [&](const Paragraph& p) {
      return std::string(to_string(p.kind)) == t.kind && p.text == t.text;
    }));
  }
  size_t got_floats = std::count_if(doc.paragraphs.begin(), doc.paragraphs.end(), [](const Paragraph& p) {
    return p.kind == ParagraphKind::kCaption || p.kind == ParagraphKind::kFootnote;
  });
  CHECK(got_floats == floats);
}

void check_against_truth(const std::string& file, const std::string& name) {
  check_against_truth_files(kSamples / file, kSamples / "truth" / (name + ".jsonl"));
}

const Paragraph* find_starting(const Document& doc, std::string_view prefix) {
  for (const Paragraph& p : doc.paragraphs)
    if (p.text.rfind(prefix, 0) == 0) return &p;
  return nullptr;
}

std::string all_text(const Document& doc) { return doc.text(); }

std::string reason_of(const fs::path& path, const pdf::Options& options = {}) {
  try {
    pdf::read_document(path, options);
  } catch (const PdfError& e) {
    return e.what();
  }
  return "";
}

fs::path temp_file(const std::string& name, const std::string& bytes) {
  fs::path dir = fs::temp_directory_path() / ("synthdb-pdf-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path p = dir / name;
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

}  // namespace

TEST_CASE("pdf: two-column CdSe/CdS paper matches its truth file") {
  check_against_truth("cdse-cds-hot-injection.pdf", "cdse-cds-hot-injection");
}

TEST_CASE("pdf: two-column CsPbBr3 paper (math degree signs, upper-case headings) matches its truth file") {
  check_against_truth("cspbbr3-perovskite.pdf", "cspbbr3-perovskite");
}

TEST_CASE("pdf: single-column paper with line numbers matches its truth file") {
  check_against_truth("au-nanorods-seed.pdf", "au-nanorods-seed");
}

TEST_CASE("pdf: one-page paper without info title matches its truth file") {
  check_against_truth("pbs-quantum-dots.pdf", "pbs-quantum-dots");
}

TEST_CASE("pdf: paper reusing MSP corpus procedures matches its truth file") {
  check_against_truth("msp-procedures.pdf", "msp-procedures");
}

// Documents typeset by scripts/layout-check --small in other styles than the corpus samples
// (Times/Helvetica/Palatino/Charter, ragged right, parskip, fancyhdr, hanging-indent and numbered
// reference lists): the layout must not depend on one template. Sources: tests/pdf/data/README.md.
TEST_CASE("pdf: documents in other typesetting styles match their truth files") {
  const fs::path data = fs::path(SYNTHDB_SOURCE_DIR) / "tests" / "pdf" / "data";
  for (const char* name : {"layout-times-2col-1", "layout-helvet-2col-parskip-1", "layout-palatino-1col-ragged-0",
                           "layout-charter-1col-parskip-0"}) {
    INFO(name);
    check_against_truth_files(data / (std::string(name) + ".pdf"), data / (std::string(name) + ".jsonl"));
  }
}

TEST_CASE("pdf: plain-text paper matches its truth file") {
  Document doc = pdf::read_document(kSamples / "znse-nanocrystals.txt");
  CHECK(doc.format == "txt");
  std::vector<Truth> truth = load_truth("znse-nanocrystals");
  REQUIRE(doc.paragraphs.size() == truth.size());
  for (size_t i = 0; i < truth.size(); ++i) {
    INFO("paragraph " << i);
    CHECK(std::string(to_string(doc.paragraphs[i].kind)) == truth[i].kind);
    CHECK(doc.paragraphs[i].text == truth[i].text);
    CHECK(doc.paragraphs[i].section == truth[i].section);
    CHECK(std::string(to_string(doc.paragraphs[i].section_type)) == truth[i].section_type);
  }
  CHECK(doc.meta.title == "Heat-Up Synthesis of ZnSe Nanocrystals for Blue Emission");
  CHECK(doc.meta.doi == "10.5555/synthdb.txt.2025.001");
}

TEST_CASE("pdf: reading order follows columns and continues paragraphs across column and page breaks") {
  Document doc = pdf::read_document(kSamples / "cdse-cds-hot-injection.pdf");
  // The full-width abstract comes before the left column, the left column before the right.
  const Paragraph* abstract = find_starting(doc, "We describe a reproducible");
  const Paragraph* intro = find_starting(doc, "Colloidal semiconductor nanocrystals");
  const Paragraph* shells = find_starting(doc, "For shell growth");
  REQUIRE(abstract);
  REQUIRE(intro);
  REQUIRE(shells);
  CHECK(abstract->ordinal < intro->ordinal);
  CHECK(intro->ordinal < shells->ordinal);
  // Left column bottom → right column top, with the figure caption between them in the PDF.
  const Paragraph* cores = find_starting(doc, "In a typical synthesis, CdO");
  REQUIRE(cores);
  CHECK(cores->text.find("loaded into a 50 mL three-neck flask") != std::string::npos);
  CHECK(cores->page == 1);
  // Page 1 → page 2, with the table at the top of page 2 in between.
  const Paragraph* charac = find_starting(doc, "Absorption spectra were recorded");
  REQUIRE(charac);
  CHECK(charac->text.find("on at least 300 particles per sample.") != std::string::npos);
  // Single-column paper: page break with a figure at the top of the next page.
  Document au = pdf::read_document(kSamples / "au-nanorods-seed.pdf");
  const Paragraph* growth = find_starting(au, "The growth solution contained");
  REQUIRE(growth);
  CHECK(growth->text.find("was injected, and the mixture was left undisturbed") != std::string::npos);
}

TEST_CASE("pdf: line-end hyphens are joined, real hyphens kept, ligatures expanded") {
  std::string t = all_text(pdf::read_document(kSamples / "cdse-cds-hot-injection.pdf"));
  for (std::string_view word : {"chalcogenide", "carboxylate", "size-tunable", "1-octadecene", "Cd-oleate",
                                "band-edge", "hot-injection", "three-neck", "confines"}) {
    INFO(word);
    CHECK(t.find(word) != std::string::npos);
  }
  CHECK(t.find("chalco-genide") == std::string::npos);
  CHECK(t.find("unpassivated") != std::string::npos);
  CHECK(t.find("\xEF\xAC\x81") == std::string::npos);  // no U+FB01 ligature left
  CHECK(t.find("flask") != std::string::npos);
  CHECK(t.find("solidification") != std::string::npos);

  pdf::Vocabulary vocab;
  pdf::add_words("the band edge and the ligand-free route", vocab);
  CHECK(pdf::keep_line_end_hyphen("1", "octadecene", vocab));
  CHECK(pdf::keep_line_end_hyphen("Cd", "oleate", vocab));
  CHECK(pdf::keep_line_end_hyphen("seed", "mediated", vocab));
  CHECK(pdf::keep_line_end_hyphen("ligand", "free", vocab));
  CHECK(pdf::keep_line_end_hyphen("band", "edge", vocab));
  CHECK(pdf::keep_line_end_hyphen("UV", "vis", vocab));
  CHECK_FALSE(pdf::keep_line_end_hyphen("chalco", "genide", vocab));
  CHECK_FALSE(pdf::keep_line_end_hyphen("knowl", "edge", vocab));
  CHECK_FALSE(pdf::keep_line_end_hyphen("un", "treated", vocab));
  pdf::Vocabulary solid;
  pdf::add_words("a dropwise addition", solid);
  CHECK_FALSE(pdf::keep_line_end_hyphen("drop", "wise", solid));
  // A locant or descriptor prefix does not make the left part a compound (review 16a, A15); a
  // compound part before the break still does.
  CHECK_FALSE(pdf::keep_line_end_hyphen("1-octa", "decene", vocab));
  CHECK_FALSE(pdf::keep_line_end_hyphen("1-dodecane", "thiol", vocab));
  CHECK_FALSE(pdf::keep_line_end_hyphen("tri-n-octyl", "phosphine", vocab));
  CHECK_FALSE(pdf::keep_line_end_hyphen("N,N-dimethyl", "formamide", vocab));
  CHECK(pdf::keep_line_end_hyphen("1-octa", "decene", [] {
    pdf::Vocabulary v;
    pdf::add_words("degassed 1-octa-decene", v);
    return v;
  }()));
  CHECK(pdf::keep_line_end_hyphen("high-resolution", "imaging", vocab));
}

TEST_CASE("pdf: sub/superscripts stay in place and degree signs are normalised") {
  std::string t = all_text(pdf::read_document(kSamples / "cdse-cds-hot-injection.pdf"));
  CHECK(t.find("(Cd(OAc)2·2H2O, 98%)") != std::string::npos);
  CHECK(t.find("1540 cm-1 and 1410 cm-1.") != std::string::npos);
  CHECK(t.find("3 mL h-1.") != std::string::npos);
  CHECK(t.find("at 250 °C under nitrogen") != std::string::npos);
  CHECK(t.find("3.1 ± 0.3 nm") != std::string::npos);
  std::string m = all_text(pdf::read_document(kSamples / "cspbbr3-perovskite.pdf"));
  CHECK(m.find("At 160 °C the reaction") != std::string::npos);  // math ring ◦ + C
  CHECK(m.find("\xE2\x97\xA6") == std::string::npos);            // no U+25E6 left
  CHECK(m.find("Cs2CO3 (0.407 g, 1.25 mmol)") != std::string::npos);
  std::string a = all_text(pdf::read_document(kSamples / "au-nanorods-seed.pdf"));
  CHECK(a.find("250 \xCE\xBCL") != std::string::npos);  // Greek mu U+03BC, not micro sign U+00B5
  CHECK(a.find("\xC2\xB5") == std::string::npos);
}

TEST_CASE("pdf: running headers, footers, page numbers and line numbers are removed") {
  for (const char* name : {"cdse-cds-hot-injection.pdf", "cspbbr3-perovskite.pdf", "au-nanorods-seed.pdf",
                           "pbs-quantum-dots.pdf", "msp-procedures.pdf"}) {
    INFO(name);
    Document doc = pdf::read_document(kSamples / name);
    for (const Paragraph& p : doc.paragraphs) {
      INFO(p.text);
      bool bare_number = !p.text.empty() && std::all_of(p.text.begin(), p.text.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) || c == ' ';
      });
      CHECK_FALSE(bare_number);
      CHECK(p.text.find("Article") != 0);
      CHECK(p.text.find("Accepted Manuscript") == std::string::npos);
      CHECK(p.text.find("J. Colloid. Nanocryst. Synth.") == std::string::npos);
      CHECK(p.text.find("Manuscr. Nanochem.") == std::string::npos);
    }
  }
  // Line numbers would show up as digits between words of the single-column paper.
  Document au = pdf::read_document(kSamples / "au-nanorods-seed.pdf");
  const Paragraph* intro = find_starting(au, "Anisotropic gold nanoparticles");
  REQUIRE(intro);
  CHECK(intro->text.find("depend on their shape.") != std::string::npos);
}

TEST_CASE("pdf: kinds and sections of the CdSe/CdS paper") {
  Document doc = pdf::read_document(kSamples / "cdse-cds-hot-injection.pdf");
  auto count = [&](ParagraphKind k) {
    return std::count_if(doc.paragraphs.begin(), doc.paragraphs.end(), [&](const Paragraph& p) { return p.kind == k; });
  };
  CHECK(count(ParagraphKind::kTitle) == 1);
  CHECK(count(ParagraphKind::kAbstract) == 1);
  CHECK(count(ParagraphKind::kCaption) == 2);
  CHECK(count(ParagraphKind::kFootnote) == 1);
  CHECK(count(ParagraphKind::kReference) == 3);
  CHECK(count(ParagraphKind::kOther) >= 4);  // banner, authors, affiliation, DOI line, table cells
  const Paragraph* failed = find_starting(doc, "Not every attempt was successful.");
  REQUIRE(failed);
  CHECK(failed->kind == ParagraphKind::kBody);
  CHECK(failed->section == "3. Results and Discussion");
  CHECK(failed->section_type == SectionType::kResults);
  const Paragraph* cores = find_starting(doc, "In a typical synthesis, CdO");
  REQUIRE(cores);
  CHECK(cores->section == "2.2. Synthesis of CdSe cores");
  CHECK(cores->section_type == SectionType::kExperimental);
  // Offsets index Document::text() in code points.
  const std::string text = doc.text();
  CHECK(doc.paragraphs.front().start == 0);
  for (size_t i = 1; i < doc.paragraphs.size(); ++i) CHECK(doc.paragraphs[i].start == doc.paragraphs[i - 1].end + 2);
  CHECK(doc.paragraphs.back().end == count_code_points(text));
}

TEST_CASE("pdf: metadata from the info dictionary, the banner and the text") {
  struct Want {
    const char* file;
    const char* title;
    const char* doi;
    const char* journal;
    int year;
    int pages;
  };
  const Want wants[] = {
      {"cdse-cds-hot-injection.pdf",
       "Bright and Narrow Emission from CdSe/CdS Core/Shell Nanocrystals Grown by Hot Injection",
       "10.5555/jcns.2024.0117", "Journal of Colloidal Nanocrystal Synthesis", 2024, 2},
      {"cspbbr3-perovskite.pdf", "Temperature Control of Size and Emission in CsPbBr3 Perovskite Nanocrystals",
       "10.5555/ncl.2023.2041", "Nanocrystal Letters", 2023, 2},
      {"au-nanorods-seed.pdf", "Seed-Mediated Growth of Gold Nanorods with Tunable Aspect Ratio",
       "10.5555/mnc.2022.055", "Manuscripts in Nanochemistry", 2022, 2},
      {"pbs-quantum-dots.pdf", "Lessons from Failed Syntheses of Infrared-Emitting PbS Quantum Dots",
       "10.5555/rnc.2021.301", "Reports in Nanomaterials Chemistry", 2021, 1},
  };
  for (const Want& w : wants) {
    INFO(w.file);
    Document doc = pdf::read_document(kSamples / w.file);
    CHECK(doc.format == "pdf");
    CHECK(doc.meta.title == w.title);
    CHECK(doc.meta.doi == w.doi);
    CHECK(doc.meta.journal == w.journal);
    REQUIRE(doc.meta.year.has_value());
    CHECK(*doc.meta.year == w.year);
    CHECK(doc.meta.pages == w.pages);
    CHECK(doc.sha256.size() == 64);
    CHECK(doc.path == (kSamples / w.file).string());
  }
}

TEST_CASE("pdf: hostile samples fail with a one-line reason naming the file") {
  const fs::path h = kSamples / "hostile";
  struct Case {
    const char* file;
    const char* reason;
  };
  for (const Case& c : {Case{"zero-byte.pdf", "empty file"}, Case{"truncated.pdf", "damaged PDF"},
                        Case{"encrypted-user.pdf", "encrypted (password required)"},
                        Case{"scanned.pdf", "no text layer (scanned image?)"},
                        Case{"not-a-pdf.pdf", "not a PDF or text file"}}) {
    INFO(c.file);
    CHECK_THROWS_AS(pdf::read_document(h / c.file), PdfError);
    std::string msg = reason_of(h / c.file);
    CHECK(msg == (h / c.file).string() + ": " + c.reason);
    CHECK(msg.find('\n') == std::string::npos);
  }
  pdf::Options one_page;
  one_page.max_pages = 1;
  CHECK(reason_of(kSamples / "cdse-cds-hot-injection.pdf", one_page).find("too many pages (2 > 1)") !=
        std::string::npos);
}

TEST_CASE("pdf: an owner-password-only PDF is read like the original") {
  Document plain = pdf::read_document(kSamples / "cdse-cds-hot-injection.pdf");
  Document locked = pdf::read_document(kSamples / "hostile" / "encrypted-owner.pdf");
  REQUIRE(locked.paragraphs.size() == plain.paragraphs.size());
  for (size_t i = 0; i < plain.paragraphs.size(); ++i) CHECK(locked.paragraphs[i].text == plain.paragraphs[i].text);
  CHECK(locked.sha256 != plain.sha256);
}

TEST_CASE("pdf: text files are detected by content and validated as UTF-8") {
  fs::path good = temp_file("notes", "Title Line\n\nIntroduction\n\nSome text that goes\non over two lines.\n");
  Document doc = pdf::read_document(good);
  CHECK(doc.format == "txt");
  REQUIRE(doc.paragraphs.size() == 3);
  CHECK(doc.paragraphs[2].text == "Some text that goes on over two lines.");
  CHECK(doc.paragraphs[2].section == "Introduction");
  CHECK(doc.paragraphs[2].section_type == SectionType::kIntroduction);

  fs::path bad = temp_file("bad.txt", std::string("caf\xC3\xA9 ok\n\nbroken \xFF here\n"));
  CHECK(reason_of(bad) == bad.string() + ": invalid UTF-8 at byte 17");
  fs::path html = temp_file("page.html", "<!DOCTYPE html><html><body>x</body></html>");
  CHECK(reason_of(html) == html.string() + ": not a PDF or text file");
  fs::path named_pdf = temp_file("paper.pdf", "Just some text, not a PDF.\n");
  CHECK(reason_of(named_pdf) == named_pdf.string() + ": not a PDF or text file");
  // %PDF- further into the file (junk before the header) is still a PDF.
  std::ifstream in(kSamples / "pbs-quantum-dots.pdf", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  fs::path prefixed = temp_file("prefixed.pdf", "junk before the header\n" + bytes);
  CHECK(pdf::read_document(prefixed).meta.title == "Lessons from Failed Syntheses of Infrared-Emitting PbS Quantum Dots");
  fs::remove_all(good.parent_path());
}

TEST_CASE("pdf: Unicode clean-up") {
  CHECK(pdf::clean_text("\xEF\xAC\x81nal \xEF\xAC\x82" "ask e\xEF\xAC\x80" "ect \xEF\xAC\x83" "x") ==
        "final flask effect ffix");
  CHECK(pdf::clean_text("5 \xC2\xB5L") == "5 \xCE\xBCL");              // µ → μ
  CHECK(pdf::clean_text("at 120 \xE2\x84\x83") == "at 120 \xC2\xB0" "C");  // ℃
  CHECK(pdf::clean_text("at 120 oC for") == "at 120 \xC2\xB0" "C for");
  CHECK(pdf::clean_text("at 120oC.") == "at 120\xC2\xB0" "C.");
  CHECK(pdf::clean_text("the oC text") == "the oC text");
  CHECK(pdf::clean_text("95 \xE2\x97\xA6" "C") == "95 \xC2\xB0" "C");  // ◦C
  CHECK(pdf::clean_text("cm\xE2\x88\x92" "1") == "cm-1");              // U+2212 minus
  CHECK(pdf::clean_text("non\xE2\x80\x90polar") == "non-polar");       // U+2010 hyphen
  CHECK(pdf::clean_text("soft\xC2\xAD" "hyphen") == "softhyphen");
  CHECK(pdf::clean_text("a\xC2\xA0" "b\xE2\x80\x89" "c\t d  e ") == "a b c d e");
  CHECK(pdf::clean_text("117\xE2\x80\x93" "121") == "117\xE2\x80\x93" "121");  // en dash kept
  CHECK(pdf::clean_text("x\xC2\xB2 H\xE2\x82\x82O") == "x2 H2O");
  CHECK(pdf::clean_text("") == "");
  // Full-width brackets carry their own space (review 16a).
  CHECK(pdf::clean_text("CdO\xEF\xBC\x88" "0.2 mmol\xEF\xBC\x89was added") == "CdO (0.2 mmol) was added");
  CHECK(pdf::clean_text("CdO \xEF\xBC\x88" "0.2 mmol\xEF\xBC\x89.") == "CdO (0.2 mmol).");
  CHECK(pdf::clean_text("\xEF\xBC\x88" "a\xEF\xBC\x89") == "(a)");
}

TEST_CASE("pdf: converter version identifies this conversion code") { CHECK(pdf::version() == "pdf-6"); }

namespace {

// Places the words of `text` on one line starting at x0; when `fill` is set the spaces are
// stretched so that the line ends at the right margin (x = 528), as in justified text.
void put_line(pdf::PageBoxes& page, double y, double x0, const std::string& text, double size = 10,
              bool bold = false, bool fill = false) {
  std::vector<std::string> words;
  for (size_t i = 0; i < text.size();) {
    size_t e = text.find(' ', i);
    if (e == std::string::npos) e = text.size();
    words.push_back(text.substr(i, e - i));
    i = e + 1;
  }
  const double cw = 0.5 * size;
  double total = 0;
  for (auto& w : words) total += cw * static_cast<double>(w.size());
  double space = 0.3 * size;
  if (fill && words.size() > 1) space = (528 - x0 - total) / static_cast<double>(words.size() - 1);
  double x = x0;
  for (auto& w : words) {
    double wd = cw * static_cast<double>(w.size());
    page.boxes.push_back({w, x, y - 0.8 * size, x + wd, y + 0.2 * size, size, bold, false});
    x += wd + space;
  }
}

}  // namespace

TEST_CASE("pdf: layout of hand-made pages: headers, page numbers, list items, page-break continuation") {
  std::vector<pdf::PageBoxes> pages(3);
  for (int i = 0; i < 3; ++i) {
    pages[i].width = 600;
    pages[i].height = 800;
    put_line(pages[i], 30, 72, "Journal of Tests " + std::to_string(2025) + ", " + std::to_string(10 + i), 9);
    put_line(pages[i], 770, 296, std::to_string(i + 1), 9);
  }
  put_line(pages[0], 80, 72, "A Paper Made by Hand", 18, true);
  put_line(pages[0], 110, 72, "1 Introduction", 12, true);
  put_line(pages[0], 130, 72, "1. The first item of a list is long enough to fill its line", 10, false, true);
  put_line(pages[0], 142, 86, "and its second line aligns with the item text.", 10);
  put_line(pages[0], 160, 87, "An indented paragraph starts here and runs on over", 10, false, true);
  put_line(pages[0], 172, 72, "the bottom of the page where the sentence is not yet", 10, false, true);
  put_line(pages[1], 100, 72, "finished, so it continues on the next page.", 10);
  put_line(pages[1], 124, 87, "A second paragraph on the second page has one line.", 10);
  put_line(pages[2], 100, 87, "The last page holds this final sentence.", 10);

  pdf::LayoutResult r = pdf::layout_document(pages);
  std::vector<std::string> texts;
  for (const Paragraph& p : r.paragraphs) texts.push_back(p.text);
  INFO(nlohmann::json(texts).dump());
  REQUIRE(texts.size() == 6);
  CHECK(r.title == "A Paper Made by Hand");
  CHECK(r.paragraphs[0].kind == ParagraphKind::kTitle);
  CHECK(r.paragraphs[1].kind == ParagraphKind::kHeading);
  CHECK(texts[2] == "1. The first item of a list is long enough to fill its line and its second line aligns with "
                    "the item text.");
  CHECK(texts[3] == "An indented paragraph starts here and runs on over the bottom of the page where the sentence "
                    "is not yet finished, so it continues on the next page.");
  CHECK(r.paragraphs[3].page == 1);
  CHECK(r.paragraphs[3].section == "1 Introduction");
  CHECK(r.paragraphs[3].section_type == SectionType::kIntroduction);
  CHECK(texts[4] == "A second paragraph on the second page has one line.");
  CHECK(texts[5] == "The last page holds this final sentence.");
  CHECK(r.paragraphs[5].page == 3);
  // The running header was seen (for metadata) but is no paragraph.
  CHECK(std::find(r.banner.begin(), r.banner.end(), "Journal of Tests 2025, 10") != r.banner.end());
  CHECK(pdf::layout_document({}).paragraphs.empty());
}

TEST_CASE("pdf: the poppler core and poppler-cpp readers give identical documents and reasons") {
  if (!pdf::has_poppler_core()) {
    MESSAGE("built without libpoppler-private-dev: only the poppler-cpp reader exists");
    return;
  }
  pdf::Options cpp;
  cpp.reader = pdf::Reader::kPopplerCpp;
  size_t compared = 0;
  for (const fs::path& dir : {kSamples, kSamples / "hostile"}) {
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() != ".pdf") continue;
      INFO(entry.path());
      std::string core_reason = reason_of(entry.path()), cpp_reason = reason_of(entry.path(), cpp);
      CHECK(core_reason == cpp_reason);
      if (!core_reason.empty()) continue;
      Document a = pdf::read_document(entry.path());
      Document b = pdf::read_document(entry.path(), cpp);
      CHECK(nlohmann::json(a).dump() == nlohmann::json(b).dump());
      REQUIRE(a.paragraphs.size() == b.paragraphs.size());
      for (size_t i = 0; i < a.paragraphs.size(); ++i) {
        CHECK(a.paragraphs[i].text == b.paragraphs[i].text);
        CHECK(a.paragraphs[i].kind == b.paragraphs[i].kind);
        CHECK(a.paragraphs[i].page == b.paragraphs[i].page);
      }
      ++compared;
    }
  }
  CHECK(compared >= 6);
}

// --- files holding several papers (s22-multi, docs/pdf.md) ---------------------------------------

namespace {

// `pdfunite` (poppler-utils, installed by scripts/setup) joins `files` into `name` in a temp dir.
fs::path unite(const std::string& name, const std::vector<fs::path>& files) {
  fs::path out = temp_file(name, "");
  std::string cmd = "pdfunite";
  for (const fs::path& f : files) cmd += " '" + f.string() + "'";
  cmd += " '" + out.string() + "' 2>&1";
  REQUIRE_MESSAGE(std::system(cmd.c_str()) == 0, cmd);
  return out;
}

// Part `part` of `doc` reads like the paper `alone`: the same paragraphs with the same text, kind and
// section. Kind `other` is left out, as in the truth files: in a joined file each journal's banner
// lines repeat on other pages' tops and go as running headers.
void expect_part_equals_alone(const Document& doc, int part, const Document& alone) {
  std::vector<const Paragraph*> mine, want;
  for (const Paragraph& p : doc.paragraphs)
    if (p.part == part && p.kind != ParagraphKind::kOther) mine.push_back(&p);
  for (const Paragraph& p : alone.paragraphs)
    if (p.kind != ParagraphKind::kOther) want.push_back(&p);
  REQUIRE(mine.size() == want.size());
  for (size_t i = 0; i < mine.size(); ++i) {
    INFO("paragraph " << i << ": " << want[i]->text);
    CHECK(mine[i]->text == want[i]->text);
    CHECK(mine[i]->kind == want[i]->kind);
    CHECK(mine[i]->section == want[i]->section);
    CHECK(mine[i]->section_type == want[i]->section_type);
  }
}

}  // namespace

TEST_CASE("pdf: three papers joined with pdfunite become three parts with their own DOI, title and kinds") {
  const fs::path joined = unite("three.pdf", {kSamples / "cdse-cds-hot-injection.pdf", kSamples / "pbs-quantum-dots.pdf",
                                                  kSamples / "cspbbr3-perovskite.pdf"});
  Document doc = pdf::read_document(joined);
  REQUIRE(doc.meta.parts.size() == 3);
  const char* dois[] = {"10.5555/jcns.2024.0117", "10.5555/rnc.2021.301", "10.5555/ncl.2023.2041"};
  const char* files[] = {"cdse-cds-hot-injection.pdf", "pbs-quantum-dots.pdf", "cspbbr3-perovskite.pdf"};
  const int first_pages[] = {1, 3, 4};
  CHECK(doc.meta.doi == dois[0]);
  for (int k = 0; k < 3; ++k) {
    INFO(files[k]);
    const DocumentPart& part = doc.meta.parts[k];
    CHECK(part.part == k + 1);
    CHECK(part.doi == dois[k]);
    CHECK(part.first_page == first_pages[k]);
    // Each part reads like the paper alone: the same title, and the same paragraphs with the same
    // kinds and sections (sections start afresh, so the second paper's abstract and experimental
    // section are not in the first one's references).
    Document alone = pdf::read_document(kSamples / files[k]);
    CHECK(part.title == alone.meta.title);
    expect_part_equals_alone(doc, k + 1, alone);
  }
  for (const Paragraph& p : doc.paragraphs)
    CHECK(p.part == (p.page >= first_pages[2] ? 3 : p.page >= first_pages[1] ? 2 : 1));
  // JSON round trip keeps parts (the ingest worker sends documents as JSON).
  Document back = nlohmann::json(doc).get<Document>();
  REQUIRE(back.meta.parts.size() == 3);
  CHECK(back.meta.parts[2].doi == dois[2]);
  CHECK(back.paragraphs.back().part == 3);
}

TEST_CASE("pdf: single papers never split: the shipped samples, cited DOIs, a repeated footer DOI") {
  for (const char* f : {"cdse-cds-hot-injection.pdf", "cspbbr3-perovskite.pdf", "au-nanorods-seed.pdf", "pbs-quantum-dots.pdf",
                        "msp-procedures.pdf", "znse-nanocrystals.txt"}) {
    INFO(f);
    Document doc = pdf::read_document(kSamples / f);
    REQUIRE(doc.meta.parts.size() == 1);
    CHECK(doc.meta.parts[0].doi == doc.meta.doi);
    CHECK(doc.meta.parts[0].title == doc.meta.title);
    CHECK(std::all_of(doc.paragraphs.begin(), doc.paragraphs.end(), [](const Paragraph& p) { return p.part == 1; }));
  }
  // msp-procedures.pdf names three other papers' DOIs in its text.
  CHECK(pdf::read_document(kSamples / "msp-procedures.pdf").text().find("10.1039/c5nr00656b") != std::string::npos);

  // Hand-made pages: page 1 a paper with its DOI repeated in every footer; page 2 its Supporting
  // Information (title size, same DOI); page 3 a title-size line at the top with no DOI; page 4 a
  // title-size line at the top whose only other DOIs are in a reference list. None starts a part.
  std::vector<pdf::PageBoxes> pages(4);
  for (int i = 0; i < 4; ++i) {
    pages[i].width = 600;
    pages[i].height = 800;
    put_line(pages[i], 30, 72, "Journal of Tests 2025, " + std::to_string(10 + i), 9);
    put_line(pages[i], 770, 72, "DOI: 10.5555/tests.2025.001", 9);
    for (int l = 0; l < 6; ++l)
      put_line(pages[i], 300 + 12.0 * l, 72, "Body text of the paper runs over this whole line, page " + std::to_string(i + 1), 10,
               false, true);
  }
  put_line(pages[0], 80, 72, "A Paper Made by Hand", 18, true);
  put_line(pages[0], 110, 72, "DOI: 10.5555/tests.2025.001", 9);
  put_line(pages[1], 80, 72, "Supporting Information for A Paper Made by Hand", 18, true);
  put_line(pages[1], 110, 72, "DOI: 10.5555/tests.2025.001", 9);
  put_line(pages[2], 80, 72, "Another Large Line Without Any DOI", 18, true);
  put_line(pages[3], 80, 72, "Large Figure Panel Label Here", 18, true);
  put_line(pages[3], 110, 72, "References", 12, true);
  put_line(pages[3], 130, 72, "[1] A. Author, J. Tests 2020, 1, 2. DOI: 10.5555/other.2020.002", 9);
  pdf::LayoutResult r = pdf::layout_document(pages);
  CHECK(r.title == "A Paper Made by Hand");
  CHECK(r.later_parts.empty());
  CHECK(std::all_of(r.paragraphs.begin(), r.paragraphs.end(), [](const Paragraph& p) { return p.part == 1; }));

  // The same pages with a new DOI under page 3's title: that page starts part 2 (the control).
  put_line(pages[2], 110, 72, "DOI: 10.5555/tests.2025.002", 9);
  r = pdf::layout_document(pages);
  REQUIRE(r.later_parts.size() == 1);
  CHECK(r.later_parts[0].page == 3);
  CHECK(r.later_parts[0].doi == "10.5555/tests.2025.002");
  CHECK(r.later_parts[0].title == "Another Large Line Without Any DOI");
  // A DOI the file's metadata names counts as seen.
  CHECK(pdf::layout_document(pages, "10.5555/TESTS.2025.002").later_parts.empty());
}

// --- later papers that print no DOI (s25-rec, docs/pdf.md) ---------------------------------------

namespace {

// `sample` with its "DOI: ..." line blanked (qpdf --qdf leaves the content streams uncompressed;
// the letters and digits inside the strings of each text array that starts with "(DOI:" become X,
// which keeps every offset valid, and kerning may split the DOI, "(10.55)1(55/rnc...)"): the paper
// as a proceedings file or a preprint prints it, with no DOI for the layout to find.
fs::path without_doi(const std::string& sample) {
  const fs::path qdf = temp_file("qdf-" + sample, "");
  std::string cmd = "qpdf --qdf --object-streams=disable '" + (kSamples / sample).string() + "' '" + qdf.string() + "' 2>&1";
  REQUIRE_MESSAGE(std::system(cmd.c_str()) == 0, cmd);
  std::ifstream in(qdf, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  size_t hits = 0;
  for (size_t f = bytes.find("[(DOI:"); f != std::string::npos; f = bytes.find("[(DOI:", f + 1), ++hits) {
    const size_t end = bytes.find("]TJ", f);
    REQUIRE(end != std::string::npos);
    bool in_string = false;
    for (size_t i = f; i < end; ++i) {
      if (bytes[i] == '(' || bytes[i] == ')') in_string = bytes[i] == '(';
      else if (in_string && std::isalnum(static_cast<unsigned char>(bytes[i]))) bytes[i] = 'X';
    }
  }
  REQUIRE(hits >= 1);
  return temp_file("nodoi-" + sample, bytes);
}

}  // namespace

TEST_CASE("pdf: a later paper without a DOI starts a part by its title, author line and Abstract heading") {
  // The Au nanorod sample (title, "Sofia Marquez and Daniel Osei", an "Abstract" heading) with its
  // DOI blanked, joined after the CdSe paper: before s25-rec one part of four pages.
  const fs::path au = without_doi("au-nanorods-seed.pdf");
  Document au_alone = pdf::read_document(au);
  CHECK(au_alone.meta.doi.empty());  // the DOI really is gone
  CHECK(au_alone.meta.parts.size() == 1);
  const fs::path joined = unite("cdse-au.pdf", {kSamples / "cdse-cds-hot-injection.pdf", au});
  Document doc = pdf::read_document(joined);
  REQUIRE(doc.meta.parts.size() == 2);
  CHECK(doc.meta.doi == "10.5555/jcns.2024.0117");
  CHECK(doc.meta.parts[1].part == 2);
  CHECK(doc.meta.parts[1].first_page == 3);
  CHECK(doc.meta.parts[1].doi.empty());
  CHECK(doc.meta.parts[1].title == au_alone.meta.title);
  CHECK(doc.meta.parts[1].title.rfind("Seed-Mediated Growth of Gold Nanorods", 0) == 0);
  // The part reads like the paper alone.
  for (const Paragraph& p : doc.paragraphs) CHECK(p.part == (p.page >= 3 ? 2 : 1));
  expect_part_equals_alone(doc, 2, au_alone);

  // The PbS sample has a title and an author line but neither an "Abstract" heading nor a
  // "Received" line: without its DOI, joined after the Au paper, it stays in one part.
  const fs::path pbs = without_doi("pbs-quantum-dots.pdf");
  CHECK(pdf::read_document(pbs).meta.doi.empty());
  const fs::path no_split = unite("au-pbs.pdf", {kSamples / "au-nanorods-seed.pdf", pbs});
  Document one = pdf::read_document(no_split);
  CHECK(one.meta.parts.size() == 1);
  CHECK(std::all_of(one.paragraphs.begin(), one.paragraphs.end(), [](const Paragraph& p) { return p.part == 1; }));
  // The control: with its DOI the PbS paper does start part 2.
  CHECK(pdf::read_document(unite("au-pbs-doi.pdf", {kSamples / "au-nanorods-seed.pdf", kSamples / "pbs-quantum-dots.pdf"})).meta.parts.size() == 2);
}

TEST_CASE("pdf: hand-made pages: a title and an author line start a part only with an Abstract or a Received line") {
  auto make = [](const std::string& under_authors) {
    std::vector<pdf::PageBoxes> pages(2);
    for (int i = 0; i < 2; ++i) {
      pages[i].width = 600;
      pages[i].height = 800;
      for (int l = 0; l < 6; ++l)
        put_line(pages[i], 300 + 12.0 * l, 72, "Body text of the paper runs over this whole line, page " + std::to_string(i + 1),
                 10, false, true);
    }
    put_line(pages[0], 80, 72, "A Paper Made by Hand", 18, true);
    put_line(pages[0], 110, 72, "DOI: 10.5555/tests.2025.001", 9);
    put_line(pages[1], 80, 72, "A Second Paper Without Any DOI", 18, true);
    put_line(pages[1], 110, 72, "Ann Smith,1 Bo Jones*,2 and Carla Diaz1", 11);
    if (!under_authors.empty()) put_line(pages[1], 140, 72, under_authors, 9);
    return pdf::layout_document(pages);
  };
  pdf::LayoutResult r = make("");  // title and authors only: a Supporting Information or chapter page looks so
  CHECK(r.later_parts.empty());
  CHECK(make("Department of Chemistry, Example University").later_parts.empty());
  r = make("Abstract");
  REQUIRE(r.later_parts.size() == 1);
  CHECK(r.later_parts[0].page == 2);
  CHECK(r.later_parts[0].doi.empty());
  CHECK(r.later_parts[0].title == "A Second Paper Without Any DOI");
  CHECK(r.paragraphs.back().part == 2);
  REQUIRE(make("Received 3 May 2024; accepted 12 June 2024").later_parts.size() == 1);
  CHECK(make("Received in revised form").later_parts.empty());  // no date: no dated line

  // The author line must be names: a sentence under the title is body text, not authors.
  std::vector<pdf::PageBoxes> pages(2);
  for (int i = 0; i < 2; ++i) {
    pages[i].width = 600;
    pages[i].height = 800;
    for (int l = 0; l < 6; ++l)
      put_line(pages[i], 300 + 12.0 * l, 72, "Body text of the paper runs over this whole line, page " + std::to_string(i + 1), 10,
               false, true);
  }
  put_line(pages[0], 80, 72, "A Paper Made by Hand", 18, true);
  put_line(pages[1], 80, 72, "A Second Paper Without Any DOI", 18, true);
  put_line(pages[1], 110, 72, "The samples were dried and then annealed.", 11);
  put_line(pages[1], 140, 72, "Abstract", 9);
  CHECK(pdf::layout_document(pages).later_parts.empty());
  // The first page's title repeated (a Supporting Information headed by the paper's title) is no new paper.
  pages[1].boxes.clear();
  put_line(pages[1], 80, 72, "A Paper Made by Hand", 18, true);
  put_line(pages[1], 110, 72, "Ann Smith and Bo Jones", 11);
  put_line(pages[1], 140, 72, "Abstract", 9);
  CHECK(pdf::layout_document(pages).later_parts.empty());
}
