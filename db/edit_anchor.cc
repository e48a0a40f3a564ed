#include "db/edit_anchor.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "db/database.h"

namespace synthdb::db {
namespace {

struct TombstoneRow {
  std::string curator, reason, deleted_at;
};

std::string without_suffix(const std::string& key) {
  if (key.size() > kUnplacedSuffix.size() &&
      key.compare(key.size() - kUnplacedSuffix.size(), kUnplacedSuffix.size(), kUnplacedSuffix) == 0)
    return key.substr(0, key.size() - kUnplacedSuffix.size());
  return key;
}

// "99c056336d05357c-p25-v1" -> "25"; "" when the key has no paragraph.
std::string key_paragraph(const std::string& key) {
  if (key.size() < 19 || key.compare(16, 2, "-p") != 0) return {};
  size_t j = 18;
  while (j < key.size() && key[j] >= '0' && key[j] <= '9') ++j;
  return key.substr(18, j - 18);
}


// The record that the record part of an anchor ("" for a base or manual record) names now, given the
// key it had: that key when its record has the anchor (or has none), else the one record with the
// anchor, else the one record with its evidence; "" when none or several.
using KeyLists = std::unordered_map<std::string, std::vector<std::string>>;
std::string follow_record(const std::string& key, const std::string& anchor,
                          const std::unordered_map<std::string, std::string>& anchor_at, const KeyLists& keys_of,
                          const KeyLists& keys_by_evidence) {
  auto at = anchor_at.find(key);
  if (anchor.empty()) return at != anchor_at.end() ? key : std::string();
  if (at != anchor_at.end() && at->second == anchor) return key;
  if (auto found = keys_of.find(anchor); found != keys_of.end())
    return found->second.size() == 1 ? found->second.front() : std::string();
  const std::string e = anchor_evidence(anchor);
  if (e.empty()) return {};
  auto same = keys_by_evidence.find(anchor.substr(0, anchor.find(' ')) + " " + e);
  return same != keys_by_evidence.end() && same->second.size() == 1 ? same->second.front() : std::string();
}

bool has_value_anchors(Database& db) {
  auto st = db.prepare("SELECT 1 FROM pragma_table_info('curation') WHERE name = 'value_anchor'");
  return st.step();
}

bool has_parent_edits(Database& db, const std::string& lo, const std::string& hi) {
  if (!has_value_anchors(db)) return false;
  auto st = db.prepare(
      "SELECT 1 FROM curation WHERE target_table = 'syntheses' AND field = 'parent_key' AND new_value >= ?1 "
      "AND new_value < ?2 AND value_anchor IS NOT NULL LIMIT 1");
  st.bind(1, lo).bind(2, hi);
  return st.step();
}

bool has_item_edits(Database& db, const std::string& lo, const std::string& hi) {
  auto st = db.prepare(
      "SELECT 1 FROM curation WHERE target_table IN ('synthesis_materials', 'synthesis_steps', 'outcomes') "
      "AND target_key >= ?1 AND target_key < ?2 AND anchor IS NOT NULL LIMIT 1");
  st.bind(1, lo).bind(2, hi);
  return st.step();
}

}  // namespace

bool has_edit_anchors(Database& db) {
  auto st = db.prepare("SELECT 1 FROM pragma_table_info('curation') WHERE name = 'anchor'");
  return st.step();
}

std::optional<std::string> record_anchor(Database& db, std::string_view key) {
  auto st = db.prepare("SELECT anchor FROM synthesis_anchors WHERE key = ?");
  st.bind(1, key);
  if (!st.step()) return std::nullopt;
  return st.column_optional_text(0);
}

std::string anchor_spans(std::string_view anchor) {
  const size_t sp = anchor.find(' ');
  return sp == std::string_view::npos ? std::string() : std::string(anchor.substr(sp + 1));
}

std::string anchor_evidence(std::string_view anchor) {
  std::string out;
  size_t i = anchor.find(' ');
  while (i != std::string_view::npos) {
    const size_t j = anchor.find(' ', i + 1);
    std::string_view token = anchor.substr(i + 1, j == std::string_view::npos ? std::string_view::npos : j - i - 1);
    if (!token.empty() && token.front() != 'f') {
      if (!out.empty()) out += ' ';
      out += token;
    }
    i = j;
  }
  return out;
}

std::string find_by_anchor(Database& db, std::string_view sha16, int paragraph, std::string_view spans) {
  const std::string head = std::string(sha16) + "-p" + std::to_string(paragraph) + "-v";
  std::string want = "p";
  want += std::to_string(paragraph);
  std::string evidence;
  if (!spans.empty()) {
    want += ' ';
    want += spans;
    evidence = anchor_evidence(want);
  }
  auto st = db.prepare("SELECT key, anchor FROM synthesis_anchors WHERE key >= ?1 AND key < ?2 AND anchor IS NOT NULL");
  st.bind(1, head).bind(2, head.substr(0, head.size() - 1) + "w");
  std::vector<std::string> exact, same_evidence;
  while (st.step()) {
    const std::string a = st.column_text(1);
    if (a == want) exact.push_back(st.column_text(0));
    if (!evidence.empty() && anchor_evidence(a) == evidence) same_evidence.push_back(st.column_text(0));
  }
  if (!exact.empty()) return exact.size() == 1 ? exact.front() : std::string();
  return same_evidence.size() == 1 ? same_evidence.front() : std::string();
}

std::string find_item(Database& db, const std::string& table, const std::string& record_key,
                      std::string_view identity, const std::string& preferred, int* count) {
  std::vector<std::string> same;
  auto st = db.prepare("SELECT item_key, anchor FROM item_anchors WHERE target_table = ?1 AND synthesis_key = ?2");
  st.bind(1, table).bind(2, record_key);
  while (st.step()) {
    const std::string a = st.column_text(1);
    const size_t h = a.find('#');
    if (h != std::string::npos && std::string_view(a).substr(h) == identity) same.push_back(st.column_text(0));
  }
  if (count) *count = static_cast<int>(same.size());
  if (std::find(same.begin(), same.end(), preferred) != same.end()) return preferred;
  if (same.size() != 1) return {};
  // A span key names every row of that mention, in any record: taken only when this is the only one.
  auto n = db.prepare("SELECT count(*) FROM " + table + " WHERE item_key = ?");
  n.bind(1, same.front());
  return n.step() && n.column_int(0) == 1 ? same.front() : std::string();
}

int reanchor_edits(Database& db, std::string_view sha256) {
  if (sha256.size() < 16 || !has_edit_anchors(db)) return 0;
  const std::string lo = std::string(sha256.substr(0, 16)) + "-p";
  const std::string hi = std::string(sha256.substr(0, 16)) + "-q";
  struct EditRow {
    int64_t id;
    std::string key, anchor, field;
  };
  std::vector<EditRow> edits;
  {
    auto st = db.prepare(
        "SELECT id, target_key, anchor, field FROM curation WHERE target_table = 'syntheses' AND target_key >= ?1 "
        "AND target_key < ?2 AND anchor IS NOT NULL ORDER BY id");
    st.bind(1, lo).bind(2, hi);
    while (st.step()) edits.push_back({st.column_int(0), st.column_text(1), st.column_text(2), st.column_text(3)});
  }
  if (edits.empty() && !has_item_edits(db, lo, hi) && !has_parent_edits(db, lo, hi)) return 0;
  // The anchors of the document's records now.
  std::unordered_map<std::string, std::string> anchor_at;             // key -> anchor ("" for none)
  std::unordered_map<std::string, std::vector<std::string>> keys_of;           // anchor -> keys
  std::unordered_map<std::string, std::vector<std::string>> keys_by_evidence;  // "pN evidence" -> keys
  auto evidence_key = [](const std::string& anchor) {
    const std::string e = anchor_evidence(anchor);
    return e.empty() ? std::string() : anchor.substr(0, anchor.find(' ')) + " " + e;
  };
  {
    auto st = db.prepare("SELECT key, coalesce(anchor, '') FROM synthesis_anchors WHERE key >= ?1 AND key < ?2");
    st.bind(1, lo).bind(2, hi);
    while (st.step()) {
      std::string k = st.column_text(0), a = st.column_text(1);
      if (!a.empty()) {
        keys_of[a].push_back(k);
        if (std::string ek = evidence_key(a); !ek.empty()) keys_by_evidence[ek].push_back(k);
      }
      anchor_at.emplace(std::move(k), std::move(a));
    }
  }
  int moved = 0;
  std::map<std::string, std::string> stone_moves;  // old key -> new key, for 'deleted' edits
  auto move = [&](const EditRow& e, const std::string& to, const std::string* why) {
    // Back at the key it was made on: no longer "moved".
    db.prepare("UPDATE curation SET target_key = ?1, moved_from = nullif(coalesce(moved_from, ?2), ?1), "
               "flagged = ?3, flag_reason = ?4 WHERE id = ?5")
        .bind(1, to)
        .bind(2, without_suffix(e.key))
        .bind(3, why ? 1 : 0)
        .bind(4, why ? std::optional<std::string>(*why) : std::nullopt)
        .bind(5, e.id)
        .run();
    if (e.field == "deleted") stone_moves.emplace(e.key, to);
  };
  for (const EditRow& e : edits) {
    auto at = anchor_at.find(e.key);
    if (at != anchor_at.end() && at->second == e.anchor) continue;  // its record is still at its key
    auto found = keys_of.find(e.anchor);
    std::string to;
    if (found != keys_of.end()) {
      if (found->second.size() == 1) to = found->second.front();
    } else if (std::string ek = evidence_key(e.anchor); !ek.empty()) {
      // The same record with its failure cue read at another span (a new failures.tsv).
      auto same = keys_by_evidence.find(ek);
      if (same != keys_by_evidence.end() && same->second.size() == 1) to = same->second.front();
    }
    if (!to.empty()) {
      if (to != e.key) {
        move(e, to, nullptr);
        ++moved;
      }
      continue;
    }
    const std::string base = without_suffix(e.key);
    const std::string n = key_paragraph(base);
    const std::string many = found != keys_of.end() ? " (" + std::to_string(found->second.size()) +
                                                          " records of paragraph " + n + " read the same spans)"
                                                    : "";
    if (at != anchor_at.end()) {
      // Another record has this key now: detach, so the edit does not change it.
      const std::string why = "re-processing re-numbered the records of paragraph " + n + ": " + base +
                              " is now another record (it reads " + (at->second.empty() ? "(none)" : at->second) +
                              ", the edited one read " + e.anchor + ")" +
                              (many.empty() ? "; the edited record is not produced any more" : many) +
                              "; not applied (curate show the record it belongs to and set it again)";
      move(e, base + std::string(kUnplacedSuffix), &why);
    } else if (base != e.key) {
      // Detached earlier and still not found: keep it flagged with its reason.
      db.prepare("UPDATE curation SET flagged = 1, flag_reason = ?1 WHERE id = ?2")
          .bind(1, "the record edited at " + base + " (it read " + e.anchor + ") is not produced any more" + many +
                       "; not applied")
          .bind(2, e.id)
          .run();
    }
    // Else its key is gone and no record has its anchor: refresh_flags flagged it.
  }
  // Edits of item rows without a span ("<record key>#m3", schema v13): the item follows its record
  // (the record part of the anchor, as above), then, within it, the one item with the same identity
  // (item_anchors). An item with a span is taken only when no other record holds that key: an edit
  // of a span key applies to every row of that key.
  struct ItemEdit {
    int64_t id;
    std::string table, key, anchor, field;
    bool flagged;
  };
  std::vector<ItemEdit> items;
  {
    auto st = db.prepare(
        "SELECT id, target_table, target_key, anchor, field, flagged FROM curation WHERE target_table IN "
        "('synthesis_materials', 'synthesis_steps', 'outcomes') AND target_key >= ?1 AND target_key < ?2 AND "
        "anchor IS NOT NULL AND instr(anchor, '#') > 0 ORDER BY id");
    st.bind(1, lo).bind(2, hi);
    while (st.step())
      items.push_back({st.column_int(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4),
                       st.column_int(5) != 0});
  }
  for (const ItemEdit& e : items) {
    const std::string base = without_suffix(e.key);
    const size_t hash = base.find('#');
    const size_t ahash = e.anchor.find('#');
    if (hash == std::string::npos) continue;
    const std::string identity = e.anchor.substr(ahash);
    const std::string record = follow_record(base.substr(0, hash), e.anchor.substr(0, ahash), anchor_at, keys_of,
                                             keys_by_evidence);
    int count = 0;
    const std::string to = record.empty() ? std::string() : find_item(db, e.table, record, identity, base, &count);
    if (!to.empty()) {
      if (to != e.key) {
        move(EditRow{e.id, e.key, e.anchor, e.field}, to, nullptr);
        ++moved;
      } else if (e.flagged) {
        db.prepare("UPDATE curation SET flagged = 0, flag_reason = NULL WHERE id = ?").bind(1, e.id).run();
      }
      continue;
    }
    const std::string why =
        "re-processing re-numbered the items of " + base.substr(0, hash) + ": the item edited at " + base + " (" +
        identity.substr(1) + ") is " +
        (record.empty() ? "in no record any more (its record is not produced or not unique)"
         : count == 0   ? "not produced any more"
                        : "not single: " + std::to_string(count) + " items of " + record + " have it") +
        "; not applied (curate show the record and set it again)";
    if (base == e.key)
      move(EditRow{e.id, e.key, e.anchor, e.field}, base + std::string(kUnplacedSuffix), &why);
    else
      db.prepare("UPDATE curation SET flagged = 1, flag_reason = ?1 WHERE id = ?2").bind(1, why).bind(2, e.id).run();
  }
  // Curated parent_key values naming a record of this document (schema v14), from any document's
  // edits: re-pointed to the record with the anchor their value had, else the edit is flagged and
  // detached (the child keeps its stored parent_key).
  if (has_value_anchors(db)) {
    struct ParentEdit {
      int64_t id;
      std::string key, value, value_anchor, anchor;
    };
    std::vector<ParentEdit> parents;
    {
      auto st = db.prepare(
          "SELECT id, target_key, new_value, value_anchor, coalesce(anchor, '') FROM curation WHERE target_table = "
          "'syntheses' AND field = 'parent_key' AND new_value >= ?1 AND new_value < ?2 AND value_anchor IS NOT NULL "
          "ORDER BY id");
      st.bind(1, lo).bind(2, hi);
      while (st.step())
        parents.push_back({st.column_int(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4)});
    }
    for (const ParentEdit& e : parents) {
      const std::string to = follow_record(e.value, e.value_anchor, anchor_at, keys_of, keys_by_evidence);
      const std::string child = without_suffix(e.key);
      if (!to.empty()) {
        if (to != e.value) {
          db.prepare("UPDATE curation SET new_value = ?1, value_moved_from = nullif(coalesce(value_moved_from, ?2), ?1) "
                     "WHERE id = ?3")
              .bind(1, to)
              .bind(2, e.value)
              .bind(3, e.id)
              .run();
          ++moved;
        }
        // Detached for its parent alone (a child without anchor: the loop above does not place it).
        if (child != e.key && e.anchor.empty()) {
          db.prepare("UPDATE curation SET target_key = ?1, flagged = 0, flag_reason = NULL WHERE id = ?2")
              .bind(1, child)
              .bind(2, e.id)
              .run();
          ++moved;
        }
        continue;
      }
      const std::string why = "re-processing re-numbered the records of paragraph " + key_paragraph(e.value) +
                              ": the parent " + e.value + " this link names (it read " + e.value_anchor +
                              ") is not produced any more, or not by one record; not applied (curate set " + child +
                              " parent_key again)";
      db.prepare("UPDATE curation SET target_key = ?1, flagged = 1, flag_reason = ?2 WHERE id = ?3")
          .bind(1, child + std::string(kUnplacedSuffix))
          .bind(2, why)
          .bind(3, e.id)
          .run();
    }
  }
  if (!stone_moves.empty()) {
    // Tombstones follow their 'deleted' edits; read all first, as two may swap keys.
    std::vector<std::pair<std::string, TombstoneRow>> rows;
    for (const auto& [from, to] : stone_moves) {
      auto st = db.prepare("SELECT curator, reason, deleted_at FROM synthesis_tombstones WHERE key = ?");
      st.bind(1, from);
      if (!st.step()) continue;  // restored since
      rows.emplace_back(to, TombstoneRow{st.column_text(0), st.column_text(1), st.column_text(2)});
      db.prepare("DELETE FROM synthesis_tombstones WHERE key = ?").bind(1, from).run();
    }
    for (const auto& [to, t] : rows)
      db.prepare("INSERT OR REPLACE INTO synthesis_tombstones(key, curator, reason, deleted_at) VALUES (?,?,?,?)")
          .bind(1, to)
          .bind(2, t.curator)
          .bind(3, t.reason)
          .bind(4, t.deleted_at)
          .run();
  }
  return moved;
}

std::vector<int64_t> flagged_edit_ids(Database& db, std::string_view sha256) {
  std::vector<int64_t> out;
  if (sha256.size() < 16) return out;
  const std::string s16(sha256.substr(0, 16));
  const std::string sha(sha256);
  auto st = db.prepare(
      "SELECT id FROM curation WHERE flagged = 1 AND ((target_key >= ?1 AND target_key < ?2) OR "
      "(target_key >= ?3 AND target_key < ?4)) ORDER BY id");
  st.bind(1, s16 + "-p").bind(2, s16 + "-q").bind(3, sha + ":").bind(4, sha + ";");
  while (st.step()) out.push_back(st.column_int(0));
  return out;
}

}  // namespace synthdb::db
