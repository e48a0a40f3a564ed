-- Schema v14 (s22-keys): a curated parent_key follows the record it names.
--
-- `curate set CHILD parent_key PARENT` links a record to another; when PARENT is a variant key
-- ("<sha16>-pN-vV") a new pipeline that re-numbers the variants of paragraph N makes the value name a
-- neighbouring record. The edit now also stores the anchor (synthesis_anchors, v12) of the record its
-- value names, and re-processing of that record's document (db/edit_anchor.cc, reanchor_edits)
-- re-points the value to the one record with that anchor (value_moved_from keeps the value the
-- curator gave), or, when no single record has it, flags the edit and detaches it ("@unplaced", so
-- the child keeps its stored parent_key) until the parent comes back.

-- value_anchor: synthesis_anchors.anchor of the record new_value named when a parent_key edit was
-- made (NULL for a base or manual parent, whose key does not shift, or no parent).
-- value_moved_from: the parent key the curator gave, when re-processing re-pointed new_value.
ALTER TABLE curation ADD COLUMN value_anchor TEXT;
ALTER TABLE curation ADD COLUMN value_moved_from TEXT;

-- parent_key edits stored before v14: the record at their value now is the one they named.
UPDATE curation SET value_anchor = (SELECT a.anchor FROM synthesis_anchors a WHERE a.key = curation.new_value)
WHERE target_table = 'syntheses' AND field = 'parent_key' AND new_value <> '';

CREATE TRIGGER curation_value_anchor AFTER INSERT ON curation
WHEN NEW.target_table = 'syntheses' AND NEW.field = 'parent_key' AND NEW.new_value <> '' AND NEW.value_anchor IS NULL
BEGIN
  UPDATE curation SET value_anchor = (SELECT a.anchor FROM synthesis_anchors a WHERE a.key = NEW.new_value)
  WHERE id = NEW.id;
END;
