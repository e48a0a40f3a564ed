// `synthdb extract`: JSON Lines {"id","text"} on stdin → the same object plus "entities" and
// "status" on stdout, one line out per line in, same order.
#include <charconv>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "app/commands.h"
#include "extract/core/error.h"
#include "extract/rules/extractor.h"

namespace synthdb::app {

namespace {

struct ExtractOptions {
  std::string lexicons;
};

void append_escaped(std::string& out, std::string_view s) {
  out += '"';
  size_t run = 0;  // start of the pending run of bytes that need no escape, appended in one go
  for (size_t k = 0; k < s.size(); ++k) {
    unsigned char c = static_cast<unsigned char>(s[k]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, k - run);
    run = k + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

void append_int(std::string& out, int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void append_number(std::string& out, double v) {
  // Most values are small whole numbers (°C, mL, mmol, nm). Below 10^4 the shortest form that
  // to_chars(double) writes for them is the plain integer ("1e+04" would be longer than "1000"), so
  // the cheaper integer conversion gives the same bytes. -0.0 ("-0") takes the general path.
  if (v > -1e4 && v < 1e4 && v != 0 && v == static_cast<double>(static_cast<int64_t>(v))) {
    append_int(out, static_cast<int64_t>(v));
    return;
  }
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

// The same fields as synthdb::to_json(Entity) writes (only those that are set), written directly:
// building an nlohmann object per entity costs as much as extracting it. Keys are string_views and
// numbers go through to_chars: temporaries from std::to_string and strlen on every key were a tenth
// of the run time of `synthdb extract`.
void append_entity(std::string& out, const Entity& e) {
  using namespace std::string_view_literals;
  out += "{\"type\":"sv;
  append_escaped(out, e.type);
  out += ",\"start\":"sv;
  append_int(out, e.start);
  out += ",\"end\":"sv;
  append_int(out, e.end);
  out += ",\"text\":"sv;
  append_escaped(out, e.text);
  // `key` is the quoted key with its leading comma and trailing colon: ",\"value\":".
  auto num = [&](std::string_view key, const std::optional<double>& v) {
    if (!v) return;
    out += key;
    append_number(out, *v);
  };
  auto str = [&](std::string_view key, const std::string& v) {
    if (v.empty()) return;
    out += key;
    append_escaped(out, v);
  };
  num(",\"value\":"sv, e.value);
  num(",\"min\":"sv, e.min);
  num(",\"max\":"sv, e.max);
  num(",\"sd\":"sv, e.sd);
  str(",\"unit\":"sv, e.unit);
  str(",\"role\":"sv, e.role);
  str(",\"name\":"sv, e.name);
  str(",\"normalized\":"sv, e.normalized);
  str(",\"formula\":"sv, e.formula);
  str(",\"quantity\":"sv, e.quantity);
  str(",\"dimension\":"sv, e.dimension);
  str(",\"cue\":"sv, e.cue);
  if (e.material) {
    out += ",\"material\":"sv;
    append_int(out, *e.material);
  }
  out += '}';
}

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
      Extraction x;
      try {
        j = nlohmann::json::parse(line);
        if (!j.is_object()) throw InputError("not a JSON object");
        if (!j.contains("text") || !j["text"].is_string()) throw InputError("missing string field \"text\"");
        x = extractor.extract(j["text"].get_ref<const std::string&>());
      } catch (const nlohmann::json::exception& e) {
        error = e.what();
      } catch (const InputError& e) {
        error = e.what();
      }
      if (!error.empty()) {
        any_failed = true;
        if (!j.is_object()) j = nlohmann::json::object();
        j.erase("entities");
        j.erase("status");
        j["error"] = "stdin:" + std::to_string(number) + ": " + error;
        out = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      } else {
        // The input object as given (minus any old results), then entities and status spliced in.
        // A line that parsed as an object is valid JSON and valid UTF-8 as it stands, so when it
        // carries none of our output keys its own bytes are reused (keys keep the caller's order):
        // re-serialising the paragraph text would cost a tenth of the extraction.
        if (!j.contains("entities") && !j.contains("status") && !j.contains("error")) {
          size_t from = line.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // the parser skips a byte-order mark
          size_t close = line.find_last_not_of(" \t\n\r");  // the final '}'
          out.assign(line, from, close - from);
        } else {
          j.erase("entities");
          j.erase("status");
          j.erase("error");
          out = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
          out.pop_back();  // '}'
        }
        while (!out.empty() && (out.back() == ' ' || out.back() == '\t' || out.back() == '\n')) out.pop_back();
        if (out.size() > 1) out += ',';
        out += "\"entities\":[";
        for (size_t k = 0; k < x.entities.size(); ++k) {
          if (k) out += ',';
          append_entity(out, x.entities[k]);
        }
        out += "],\"status\":\"" + to_string(x.status) + "\"}";
      }
      out += '\n';
      std::cout.write(out.data(), static_cast<std::streamsize>(out.size()));
    }
    std::cout.flush();
    if (any_failed) ctx.exit_code = kExitSomeFailed;
  });
}

}  // namespace synthdb::app
