// synthdb search: full-text search over the paragraphs of a database, with snippets.
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/commands.h"
#include "app/db_open.h"
#include "db/database.h"
#include "db/search.h"
#include "extract/core/error.h"

namespace synthdb::app {
namespace {

struct SearchCommandOptions {
  std::string db;
  std::vector<std::string> words;
  db::SearchOptions search;
  bool json = false;
};

void run_search(const SearchCommandOptions& o) {
  // Missing, empty or foreign: one clear line. Read-only connection; an older schema is upgraded
  // first when it may be written, else read as it is (the full-text index exists since schema v2).
  db::Database database = open_for_reading(o.db, "search", 2);
  db::SearchOptions so = o.search;
  for (const auto& w : o.words) so.query += (so.query.empty() ? "" : " ") + w;
  if (o.json) so.mark_open = so.mark_close = "**";
  auto hits = db::search(database, so);
  for (const auto& h : hits) {
    if (o.json) {
      nlohmann::json j = {{"document_sha256", h.document_sha256}, {"path", h.path}, {"title", h.title},
                          {"doi", h.doi}, {"paragraph", h.ordinal}, {"page", h.page}, {"kind", h.kind},
                          {"section", h.section}, {"label", h.label}, {"rank", h.rank}, {"snippet", h.snippet}};
      if (o.search.all_versions)
        j["out_of_exports"] = h.out_of_exports.empty() ? nlohmann::json(nullptr) : nlohmann::json(h.out_of_exports);
      j["synthesis_keys"] = h.synthesis_keys;
      std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
      std::cout << h.path << "  page " << h.page << "  paragraph " << h.ordinal << "  [" << h.kind
                << (h.label.empty() ? "" : "/" + h.label) << "]" << (h.section.empty() ? "" : "  " + h.section)
                << (h.out_of_exports.empty() ? "" : "  (" + h.out_of_exports + ", out of exports)");
      // The records this paragraph belongs to, last: the keys `synthdb curate` takes.
      for (size_t k = 0; k < h.synthesis_keys.size(); ++k)
        std::cout << (k == 0 ? (h.synthesis_keys.size() == 1 ? "  synthesis " : "  syntheses ") : ", ")
                  << h.synthesis_keys[k];
      std::cout << "\n    " << h.snippet << "\n";
    }
  }
  if (hits.empty()) {
    // Every hit in an old version of a file edited in place or a withdrawn document: say so (also
    // with --json: stderr), or the user concludes the words are not in the collection.
    const int64_t hidden = db::count_hidden(database, so);
    if (hidden > 0)
      std::cerr << "search: " << count_of(hidden, "hit") << " hidden in superseded or withdrawn documents; use "
                << "--all-versions\n";
    else if (!o.json)
      std::cerr << "search: no paragraph matches\n";
  }
}

}  // namespace

void add_search_command(CLI::App& app, Context&) {
  auto o = std::make_shared<SearchCommandOptions>();
  auto* cmd = app.add_subcommand(
      "search",
      "Full-text search over paragraphs (every word must occur; case and accents ignored), best first, with "
      "snippets. Words are matched literally: FTS5 operators and quotes in the query are searched as words. "
      "Old versions of files edited in place, documents withdrawn with `synthdb remove` and byte-different "
      "copies of a paper that export writes once (`stats`' duplicate documents) are left out, as export leaves "
      "them out (--all-versions: search them too); when that leaves no hit, stderr says how many were hidden. A hit in a paragraph that belongs to records ends its first line with their keys (\"synthesis "
      "KEY\"), which `synthdb curate` takes.");
  cmd->add_option("--db", o->db, "SQLite database written by `synthdb ingest`")->required();
  cmd->add_option("query", o->words, "Words to search for, e.g. \"hot injection CdSe\"")->required();
  cmd->add_option("--kind", o->search.kind,
                  "Only paragraphs of this kind: title, abstract, heading, body, caption, reference, footnote, other")
      ->check(CLI::IsMember({"title", "abstract", "heading", "body", "caption", "reference", "footnote", "other"}));
  cmd->add_option("--label", o->search.label,
                  "Only paragraphs with this classifier label: synthesis, materials_list, characterization, other")
      ->check(CLI::IsMember({"synthesis", "materials_list", "characterization", "other"}));
  cmd->add_option("--section-type", o->search.section_type,
                  "Only paragraphs in this section type: introduction, experimental, results, conclusion, "
                  "references, other")
      ->check(CLI::IsMember({"introduction", "experimental", "results", "conclusion", "references", "other"}));
  cmd->add_option("--limit,-n", o->search.limit, "At most this many hits (default 20)")->check(CLI::PositiveNumber);
  cmd->add_flag("--all-versions", o->search.all_versions,
                "Also search superseded versions of files edited in place, withdrawn documents and duplicate "
                "copies; their hits say \"(superseded, out of exports)\", \"(withdrawn, out of exports)\" or "
                "\"(duplicate, out of exports)\" (JSON: out_of_exports)");
  cmd->add_flag("--json", o->json,
                "JSON Lines: one object per hit {document_sha256, path, title, doi, paragraph, page, kind, section, "
                "label, rank, snippet, synthesis_keys} with matches marked **like this**; synthesis_keys: the keys of the "
                "records the paragraph belongs to, as `synthdb curate` takes them, [] for none (text: \"synthesis "
                "KEY\" at the end of the hit's first line)");
  cmd->callback([o] { run_search(*o); });
}

}  // namespace synthdb::app
