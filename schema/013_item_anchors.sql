-- Schema v13 (s22-keys): an edit of an item row without a source span follows its item.
--
-- Item rows with a span are keyed by it ("<sha>:pN:S-E"), which does not shift. A row without one
-- (no mention was read for it) is keyed "<synthesis key>#m3": the 3rd material of that record. When a
-- new pipeline adds or drops an item before it, or re-numbers the record's variant key, that key
-- names another item (or none). An item edit of such a key now stores (in curation.anchor, as record
-- edits do since v12) what identifies the item, and re-processing (db/edit_anchor.cc,
-- reanchor_edits) moves the edit to the one item of its record with that identity, or flags and
-- detaches it ("@unplaced") when no single item has it.

-- item_anchors: per item row, "<record anchor>#<kind> <identity>": the record's synthesis_anchors
-- anchor ("" for a base or manual record, whose key does not shift), then the kind (m material,
-- s step, o outcome) and the stored values that identify the item within its record:
--   material  normalized|role|amount_value|amount_unit
--   step      operation|temperature_c|time_s
--   outcome   type|value|unit|text_value
-- (stored values, not curated ones: re-processing compares them with what the pipeline stores).
CREATE VIEW item_anchors AS
SELECT 'synthesis_materials' AS target_table, m.item_key, s.key AS synthesis_key,
  coalesce((SELECT a.anchor FROM synthesis_anchors a WHERE a.key = s.key), '') || '#m ' ||
  coalesce(m.normalized, '') || '|' || coalesce(m.role, '') || '|' || coalesce(m.amount_value, '') || '|' ||
  coalesce(m.amount_unit, '') AS anchor
FROM synthesis_materials m JOIN syntheses s ON s.id = m.synthesis_id
UNION ALL
SELECT 'synthesis_steps', t.item_key, s.key,
  coalesce((SELECT a.anchor FROM synthesis_anchors a WHERE a.key = s.key), '') || '#s ' ||
  coalesce(t.operation, '') || '|' || coalesce(t.temperature_c, '') || '|' || coalesce(t.time_s, '')
FROM synthesis_steps t JOIN syntheses s ON s.id = t.synthesis_id
UNION ALL
SELECT 'outcomes', o.item_key, s.key,
  coalesce((SELECT a.anchor FROM synthesis_anchors a WHERE a.key = s.key), '') || '#o ' ||
  coalesce(o.type, '') || '|' || coalesce(o.value, '') || '|' || coalesce(o.unit, '') || '|' ||
  coalesce(o.text_value, '')
FROM outcomes o JOIN syntheses s ON s.id = o.synthesis_id;

-- Item edits of keys without a span stored before v13: the item at their key now is the one they
-- were made on (as v12 assumed for record edits).
UPDATE curation SET anchor = (SELECT i.anchor FROM item_anchors i WHERE i.target_table = curation.target_table
                                AND i.item_key = curation.target_key LIMIT 1)
WHERE target_table IN ('synthesis_materials', 'synthesis_steps', 'outcomes') AND instr(target_key, '#') > 0
  AND anchor IS NULL;

-- Every new such item edit (curate set/delete, a plain INSERT, a carried copy) records its anchor.
CREATE TRIGGER curation_item_anchor AFTER INSERT ON curation
WHEN NEW.target_table IN ('synthesis_materials', 'synthesis_steps', 'outcomes') AND instr(NEW.target_key, '#') > 0
  AND NEW.anchor IS NULL
BEGIN
  UPDATE curation SET anchor = (SELECT i.anchor FROM item_anchors i WHERE i.target_table = NEW.target_table
                                  AND i.item_key = NEW.target_key LIMIT 1)
  WHERE id = NEW.id;
END;
