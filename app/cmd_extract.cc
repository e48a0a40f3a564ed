// `synthdb extract`: JSON Lines {"id","text"} on stdin → the same object plus "entities" and
// "status" on stdout, one line out per line in, same order.
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "app/commands.h"
#include "extract/core/error.h"
#include "extract/rules/extractor.h"

namespace synthdb::app {

namespace {

struct ExtractOptions {
  std::string lexicons;
};

}  // namespace

void add_extract_command(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<ExtractOptions>();
  auto* cmd = app.add_subcommand(
      "extract",
      "Rule-based entity extraction. Reads JSON Lines {\"id\":...,\"text\":...} from stdin and writes each\n"
      "object back with \"entities\" (type, start, end in code points, text, typed fields) and \"status\"\n"
      "(success|failed|unknown). A malformed line or invalid UTF-8 gives that line an \"error\" field;\n"
      "the exit code is then 1. See docs/extraction.md.");
  cmd->add_option("--lexicons", opts->lexicons,
                  "Directory of lexicon files (default: <data dir>/extract/rules/lexicons)");
  cmd->callback([opts, &ctx] {
    rules::Extractor extractor(opts->lexicons);
    std::ios::sync_with_stdio(false);
    std::string line;
    long number = 0;
    bool any_failed = false;
    std::string out;
    while (std::getline(std::cin, line)) {
      ++number;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      nlohmann::json j;
      std::string error;
      try {
        j = nlohmann::json::parse(line);
        if (!j.is_object()) throw InputError("not a JSON object");
        if (!j.contains("text") || !j["text"].is_string()) throw InputError("missing string field \"text\"");
        Extraction x = extractor.extract(j["text"].get_ref<const std::string&>());
        j["entities"] = x.entities;
        j["status"] = to_string(x.status);
      } catch (const nlohmann::json::exception& e) {
        error = e.what();
      } catch (const InputError& e) {
        error = e.what();
      }
      if (!error.empty()) {
        any_failed = true;
        if (!j.is_object()) j = nlohmann::json::object();
        j["error"] = "stdin:" + std::to_string(number) + ": " + error;
      }
      out = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      out += '\n';
      std::cout.write(out.data(), static_cast<std::streamsize>(out.size()));
    }
    std::cout.flush();
    if (any_failed) ctx.exit_code = kExitSomeFailed;
  });
}

}  // namespace synthdb::app
