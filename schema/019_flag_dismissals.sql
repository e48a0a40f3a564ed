-- Schema v19 (session 28, persona walk finding 8): a curator dismisses a flagged edit.
--
-- `synthdb curate flagged` lists the edits re-processing or a file edited in place could not place
-- (curation.flagged = 1). A curator redoes such an edit on the new record and then had no way to say
-- "dealt with": the flag stayed in `curate flagged` and in `stats` for ever, and setting flagged = 0
-- by hand did not last, as the next re-processing or carrying checked the edit again and flagged it
-- anew (with a new flag_reason text: it names the run's time or the new version).
--
-- curation_dismissals: one row per dismissal (`synthdb curate dismiss ID`), an audit record like an
-- edit: who (curator), when (at, UTC ISO 8601), why (reason), and the flag_reason it dismissed as it
-- read then. Dismissing sets the edit's flagged to 0 and keeps its flag_reason; nothing else of the
-- edit changes (a dismissed edit that applies keeps applying). The rule later runs follow
-- (db::refresh_flags, db::carry_superseded_edits): an edit with flagged = 0, a flag_reason and a
-- dismissal is "dismissed, target still lost", and stays unflagged whatever new reason text a run
-- writes; when a run finds its target again (the edit applies again, or is carried to a new version)
-- its flag_reason is cleared and the dismissal has done its job, so a later run that loses the target
-- again flags it anew (a new loss, which a curator may dismiss again).
CREATE TABLE curation_dismissals (
  id          INTEGER PRIMARY KEY,
  edit_id     INTEGER NOT NULL REFERENCES curation(id),
  flag_reason TEXT NOT NULL,
  curator     TEXT NOT NULL,
  reason      TEXT NOT NULL DEFAULT '',
  at          TEXT NOT NULL
);
CREATE INDEX curation_dismissals_edit ON curation_dismissals(edit_id, id);
