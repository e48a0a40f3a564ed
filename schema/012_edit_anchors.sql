-- Schema v12 (s21-keys, review s21 items 1 and 2): a record edit stays with its record, and an edit
-- must name a record.
--
-- Variant keys "<sha16>-pN-vV" are numbered in order within paragraph N: when a new pipeline drops
-- or adds a variant, the later ones move up or down one number and a key names a neighbouring
-- record. An edit now remembers which record it was made on (curation.anchor, filled by the trigger
-- below) and re-processing checks it (db/edit_anchor.cc): the edit moves to the key whose record has
-- its anchor (curation.moved_from keeps the key it was made on), or, when no single record has it,
-- the edit is flagged and detached (its target_key gets the suffix "@unplaced", so it applies to
-- nothing) until a record with its anchor comes back.

-- synthesis_anchors: what identifies a variant record within its key's paragraph N: the sorted
-- code point spans "S-E" in paragraph N of everything the record read there (target, failure cue,
-- materials and their amounts, steps and their temperatures/times, outcomes), as "pN S-E S-E ...";
-- the failure cue's span is written "fS-E" (a new failure lexicon may read another cue in the same
-- sentence: the other spans alone then still find the record when they are unique).
-- NULL for a base record (variant 0: its key is its first paragraph, which does not shift) and for
-- manual records.
CREATE VIEW synthesis_anchors AS
SELECT s.key,
  CASE WHEN s.origin = 'extracted' AND s.variant > 0 AND substr(s.key, 17, 2) = '-p' AND s.n >= 0 THEN
    'p' || s.n || coalesce(' ' || (SELECT group_concat(span, ' ') FROM (SELECT DISTINCT span FROM (
        SELECT s.target_start || '-' || s.target_end AS span WHERE s.target_paragraph = s.n
        UNION ALL SELECT 'f' || s.failure_start || '-' || s.failure_end WHERE s.failure_paragraph = s.n
        UNION ALL SELECT m.start || '-' || m.end FROM synthesis_materials m WHERE m.synthesis_id = s.id AND m.paragraph = s.n
        UNION ALL SELECT m.amount_start || '-' || m.amount_end FROM synthesis_materials m WHERE m.synthesis_id = s.id AND m.amount_paragraph = s.n
        UNION ALL SELECT t.start || '-' || t.end FROM synthesis_steps t WHERE t.synthesis_id = s.id AND t.paragraph = s.n
        UNION ALL SELECT t.temperature_start || '-' || t.temperature_end FROM synthesis_steps t WHERE t.synthesis_id = s.id AND t.temperature_paragraph = s.n
        UNION ALL SELECT t.time_start || '-' || t.time_end FROM synthesis_steps t WHERE t.synthesis_id = s.id AND t.time_paragraph = s.n
        UNION ALL SELECT o.start || '-' || o.end FROM outcomes o WHERE o.synthesis_id = s.id AND o.paragraph = s.n
      ) WHERE span IS NOT NULL ORDER BY span)), '')
  END AS anchor
FROM (SELECT x.*, CAST(substr(x.key, 19, instr(substr(x.key, 19), '-') - 1) AS INTEGER) AS n FROM syntheses x) s;

-- anchor: synthesis_anchors.anchor of the record the edit was made on (record-level edits of variant
-- records; NULL otherwise). moved_from: the key the edit was made on, when re-processing moved it
-- to the key its record has now (or detached it).
ALTER TABLE curation ADD COLUMN anchor TEXT;
ALTER TABLE curation ADD COLUMN moved_from TEXT;

-- Edits stored before v12: the record at their key now is the one they were made on (no pipeline
-- change re-numbered variants since, or this upgrade could not tell).
UPDATE curation SET anchor = (SELECT a.anchor FROM synthesis_anchors a WHERE a.key = curation.target_key)
WHERE target_table = 'syntheses' AND anchor IS NULL;

-- Every new record edit (curate set/delete, a plain INSERT, a carried copy) records its anchor.
CREATE TRIGGER curation_anchor AFTER INSERT ON curation
WHEN NEW.target_table = 'syntheses' AND NEW.anchor IS NULL
BEGIN
  UPDATE curation SET anchor = (SELECT a.anchor FROM synthesis_anchors a WHERE a.key = NEW.target_key)
  WHERE id = NEW.id;
END;

-- An edit must name a record (review s21, item 2: a mistyped key was accepted, counted as an edit
-- and flagged only at the next re-processing). `curate set` refuses such a key itself; this refuses
-- the same from plain SQL. Not checked: copies carried to a new version of a file (carried_from,
-- placed by synthdb), and the log row of `curate restore` (field 'deleted', new_value '0'), whose
-- record may be gone since. Rows stored before v12 are not touched.
CREATE TRIGGER curation_key_check BEFORE INSERT ON curation
WHEN NEW.carried_from IS NULL AND NOT (NEW.field = 'deleted' AND NEW.new_value IS '0')
BEGIN
  SELECT RAISE(ABORT, 'curation: target_key names no record of target_table (synthesis key: SELECT key FROM syntheses; item keys: synthdb curate show KEY)')
    WHERE (NEW.target_table = 'syntheses' AND NOT EXISTS (SELECT 1 FROM syntheses WHERE key = NEW.target_key))
       OR (NEW.target_table = 'synthesis_materials' AND NOT EXISTS (SELECT 1 FROM synthesis_materials WHERE item_key = NEW.target_key))
       OR (NEW.target_table = 'synthesis_steps' AND NOT EXISTS (SELECT 1 FROM synthesis_steps WHERE item_key = NEW.target_key))
       OR (NEW.target_table = 'outcomes' AND NOT EXISTS (SELECT 1 FROM outcomes WHERE item_key = NEW.target_key));
END;
