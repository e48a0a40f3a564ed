// synthdb text FILE: the converter's view of one document, as JSON Lines.
#include <iostream>

#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "extract/core/document.h"
#include "extract/core/error.h"
#include "extract/pdf/paragraphs.h"

namespace synthdb::app {

void add_text_command(CLI::App& app, Context&) {
  struct Args {
    std::string file;
    bool meta = false;
    int max_pages = pdf::Options{}.max_pages;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "text",
      "Convert one PDF or .txt file into clean paragraphs and print them as JSON Lines, one object per "
      "paragraph in reading order: {\"ordinal\",\"page\",\"kind\",\"section\",\"section_type\",\"start\",\"end\","
      "\"text\",\"part\"}. part is the 1-based paper of a file that holds several (a later page with a title and a new "
      "DOI, or with a new title, an author line and an Abstract or Received line, starts one; 1 for most files). kind is title|abstract|heading|body|caption|reference|footnote|other; section_type is "
      "introduction|experimental|results|conclusion|references|other; start/end are code-point offsets into the "
      "paragraph texts joined by two newlines. Exit codes: 0 ok, 2 usage error, 3 the file cannot be converted "
      "(one line on stderr naming the file and the reason).");
  cmd->add_option("FILE", args->file, "PDF or plain-text file (type detected from the bytes)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_flag("--meta", args->meta,
                "First print one line with the document: {\"path\",\"sha256\",\"format\",\"converter\",\"meta\":"
                "{\"title\",\"doi\",\"journal\",\"year\",\"pages\",\"parts\":[{\"part\",\"first_page\",\"doi\","
                "\"title\"}]}}");
  cmd->add_option("--max-pages", args->max_pages, "Refuse documents with more pages than this")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->callback([args] {
    pdf::Options options;
    options.max_pages = args->max_pages;
    Document doc = pdf::read_document(args->file, options);
    std::string out;
    if (args->meta) {
      nlohmann::json j{{"path", doc.path}, {"sha256", doc.sha256}, {"format", doc.format},
                       {"converter", pdf::version()}, {"meta", doc.meta}};
      out += j.dump() + "\n";
    }
    for (const Paragraph& p : doc.paragraphs) out += nlohmann::json(p).dump() + "\n";
    std::cout << out;
  });
}

}  // namespace synthdb::app
