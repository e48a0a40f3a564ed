-- Schema v5 (s18-prod2, review 18a P9): curator edits written in plain SQL are checked like
-- `synthdb curate set`: a row of `curation` whose field is not editable, whose status, role, outcome
-- type, quantity, operation or unit is not from its vocabulary (units: the canonical ones the export
-- promises), or whose number is not a number or out of range, is refused with RAISE(ABORT) and a
-- one-line message ("curation: status must be success, failed or unknown"). Rows stored before v5
-- are kept as they are (a trigger checks new and changed rows only). `synthdb curate set` converts
-- units (mmol -> mol, Å -> nm, 553 K -> 279.85 °C) before it writes; plain SQL must write the
-- canonical unit itself. Keep in step with db/curation.cc (editable_fields, allowed_values) and
-- db/units.h (canonical units); tests/records/vocabulary_test.cc (s19-prod2) parses these two triggers
-- out of a new database and fails when a list here and what `curate set` accepts differ (tables,
-- editable and numeric fields, statuses, roles, outcome types, quantities, operations.tsv, units):
-- change a vocabulary with a new migration that re-creates both triggers, never by editing this file
-- (a comment-only edit, like this paragraph, changes nothing a database stores). A row with
-- carried_from set (v4: an existing edit that ingest copies to the new version of a file edited in
-- place) is a copy of a row already stored and is not checked again, so an old edit that these
-- checks would refuse still moves with its document.

CREATE TRIGGER curation_check_insert BEFORE INSERT ON curation
BEGIN
  SELECT RAISE(ABORT, 'curation: target_table must be syntheses, synthesis_materials, synthesis_steps or outcomes')
    WHERE NEW.carried_from IS NULL AND NEW.target_table NOT IN ('syntheses', 'synthesis_materials', 'synthesis_steps', 'outcomes');
  SELECT RAISE(ABORT, 'curation: field is not an editable field of target_table (see synthdb curate set --help)')
    WHERE NEW.carried_from IS NULL AND NEW.target_table IN ('syntheses', 'synthesis_materials', 'synthesis_steps', 'outcomes') AND NOT ((NEW.target_table = 'syntheses' AND NEW.field IN ('target', 'target_formula', 'sample_label', 'method', 'status', 'failure_cue', 'parent_key', 'confidence', 'injection_temperature_c', 'injection_time_s', 'growth_temperature_c', 'growth_time_s', 'reaction_temperature_c', 'reaction_time_s', 'deleted', 'added')) OR (NEW.target_table = 'synthesis_materials' AND NEW.field IN ('name', 'normalized', 'formula', 'role', 'amount_value', 'amount_unit', 'quantity', 'moles', 'molar_ratio', 'deleted')) OR (NEW.target_table = 'synthesis_steps' AND NEW.field IN ('operation', 'temperature_c', 'time_s', 'heating_rate_c_per_min', 'atmosphere', 'deleted')) OR (NEW.target_table = 'outcomes' AND NEW.field IN ('type', 'value', 'unit', 'sd', 'text_value', 'dimension', 'deleted')));
  SELECT RAISE(ABORT, 'curation: status must be success, failed or unknown')
    WHERE NEW.carried_from IS NULL AND NEW.field = 'status' AND (NEW.new_value IS NULL OR NEW.new_value NOT IN ('success', 'failed', 'unknown'));
  SELECT RAISE(ABORT, 'curation: a numeric field needs a number in its canonical unit (°C, s, mol, g, mL, nm, ...)')
    WHERE NEW.carried_from IS NULL AND NEW.field IN ('confidence', 'injection_temperature_c', 'injection_time_s', 'growth_temperature_c', 'growth_time_s', 'reaction_temperature_c', 'reaction_time_s', 'amount_value', 'moles', 'molar_ratio', 'temperature_c', 'time_s', 'heating_rate_c_per_min', 'value', 'sd') AND NEW.new_value <> '' AND (NEW.new_value GLOB '*[^0-9.eE+-]*' OR NEW.new_value NOT GLOB '*[0-9]*');
  SELECT RAISE(ABORT, 'curation: confidence must be between 0 and 1')
    WHERE NEW.carried_from IS NULL AND NEW.field = 'confidence' AND NEW.new_value <> '' AND (CAST(NEW.new_value AS REAL) < 0 OR CAST(NEW.new_value AS REAL) > 1);
  SELECT RAISE(ABORT, 'curation: times, amounts, moles, molar ratios and sd must not be negative')
    WHERE NEW.carried_from IS NULL AND (NEW.field LIKE '%time_s' OR NEW.field IN ('amount_value', 'moles', 'molar_ratio', 'sd')) AND NEW.new_value <> '' AND CAST(NEW.new_value AS REAL) < 0;
  SELECT RAISE(ABORT, 'curation: a temperature is below absolute zero (-273.15 °C)')
    WHERE NEW.carried_from IS NULL AND NEW.field LIKE '%temperature_c' AND NEW.new_value <> '' AND CAST(NEW.new_value AS REAL) < -273.15;
  SELECT RAISE(ABORT, 'curation: role must be precursor, solvent, ligand, reductant, target, additive, workup or other')
    WHERE NEW.carried_from IS NULL AND NEW.field = 'role' AND coalesce(NEW.new_value, '') NOT IN ('precursor', 'solvent', 'ligand', 'reductant', 'target', 'additive', 'workup', 'other');
  SELECT RAISE(ABORT, 'curation: outcome type must be size, morphology, phase, pl_peak, fwhm, plqy, band_gap, absorption_peak or yield')
    WHERE NEW.carried_from IS NULL AND NEW.target_table = 'outcomes' AND NEW.field = 'type' AND coalesce(NEW.new_value, '') NOT IN ('size', 'morphology', 'phase', 'pl_peak', 'fwhm', 'plqy', 'band_gap', 'absorption_peak', 'yield');
  SELECT RAISE(ABORT, 'curation: amount_unit must be a canonical unit: g, mL, mol, mol/L, g/L, ratio or % (synthdb curate set converts mmol, uL, mg, ...)')
    WHERE NEW.carried_from IS NULL AND NEW.field = 'amount_unit' AND coalesce(NEW.new_value, '') NOT IN ('', 'g', 'mL', 'mol', 'mol/L', 'g/L', 'ratio', '%');
  SELECT RAISE(ABORT, 'curation: quantity must be mass, volume, moles, concentration, molar_ratio, mass_ratio, volume_ratio or fraction')
    WHERE NEW.carried_from IS NULL AND NEW.field = 'quantity' AND coalesce(NEW.new_value, '') NOT IN ('', 'mass', 'volume', 'moles', 'concentration', 'molar_ratio', 'mass_ratio', 'volume_ratio', 'fraction');
  SELECT RAISE(ABORT, 'curation: an outcome unit must be nm, meV, eV or % (synthdb curate set converts Å, µm, ...)')
    WHERE NEW.carried_from IS NULL AND NEW.target_table = 'outcomes' AND NEW.field = 'unit' AND coalesce(NEW.new_value, '') NOT IN ('', 'nm', 'meV', 'eV', '%');
  SELECT RAISE(ABORT, 'curation: operation must be mixing, heating, cooling, injection, stirring, degassing, purification, drying, annealing, reaction or other')
    WHERE NEW.carried_from IS NULL AND NEW.field = 'operation' AND coalesce(NEW.new_value, '') NOT IN ('', 'mixing', 'heating', 'cooling', 'injection', 'stirring', 'degassing', 'purification', 'drying', 'annealing', 'reaction', 'other');
END;

CREATE TRIGGER curation_check_update BEFORE UPDATE OF target_table, field, new_value, carried_from ON curation
BEGIN
  SELECT RAISE(ABORT, 'curation: target_table must be syntheses, synthesis_materials, synthesis_steps or outcomes')
    WHERE NEW.carried_from IS NULL AND NEW.target_table NOT IN ('syntheses', 'synthesis_materials', 'synthesis_steps', 'outcomes');
  SELECT RAISE(ABORT, 'curation: field is not an editable field of target_table (see synthdb curate set --help)')
    WHERE NEW.carried_from IS NULL AND NEW.target_table IN ('syntheses', 'synthesis_materials', 'synthesis_steps', 'outcomes') AND NOT ((NEW.target_table = 'syntheses' AND NEW.field IN ('target', 'target_formula', 'sample_label', 'method', 'status', 'failure_cue', 'parent_key', 'confidence', 'injection_temperature_c', 'injection_time_s', 'growth_temperature_c', 'growth_time_s', 'reaction_temperature_c', 'reaction_time_s', 'deleted', 'added')) OR (NEW.target_table = 'synthesis_materials' AND NEW.field IN ('name', 'normalized', 'formula', 'role', 'amount_value', 'amount_unit', 'quantity', 'moles', 'molar_ratio', 'deleted')) OR (NEW.target_table = 'synthesis_steps' AND NEW.field IN ('operation', 'temperature_c', 'time_s', 'heating_rate_c_per_min', 'atmosphere', 'deleted')) OR (NEW.target_table = 'outcomes' AND NEW.field IN ('type', 'value', 'unit', 'sd', 'text_value', 'dimension', 'deleted')));
  SELECT RAISE(ABORT, 'curation: status must be success, failed or unknown')
    WHERE NEW.carried_from IS NULL AND NEW.field = 'status' AND (NEW.new_value IS NULL OR NEW.new_value NOT IN ('success', 'failed', 'unknown'));
  SELECT RAISE(ABORT, 'curation: a numeric field needs a number in its canonical unit (°C, s, mol, g, mL, nm, ...)')
    WHERE NEW.carried_from IS NULL AND NEW.field IN ('confidence', 'injection_temperature_c', 'injection_time_s', 'growth_temperature_c', 'growth_time_s', 'reaction_temperature_c', 'reaction_time_s', 'amount_value', 'moles', 'molar_ratio', 'temperature_c', 'time_s', 'heating_rate_c_per_min', 'value', 'sd') AND NEW.new_value <> '' AND (NEW.new_value GLOB '*[^0-9.eE+-]*' OR NEW.new_value NOT GLOB '*[0-9]*');
  SELECT RAISE(ABORT, 'curation: confidence must be between 0 and 1')
    WHERE NEW.carried_from IS NULL AND NEW.field = 'confidence' AND NEW.new_value <> '' AND (CAST(NEW.new_value AS REAL) < 0 OR CAST(NEW.new_value AS REAL) > 1);
  SELECT RAISE(ABORT, 'curation: times, amounts, moles, molar ratios and sd must not be negative')
    WHERE NEW.carried_from IS NULL AND (NEW.field LIKE '%time_s' OR NEW.field IN ('amount_value', 'moles', 'molar_ratio', 'sd')) AND NEW.new_value <> '' AND CAST(NEW.new_value AS REAL) < 0;
  SELECT RAISE(ABORT, 'curation: a temperature is below absolute zero (-273.15 °C)')
    WHERE NEW.carried_from IS NULL AND NEW.field LIKE '%temperature_c' AND NEW.new_value <> '' AND CAST(NEW.new_value AS REAL) < -273.15;
  SELECT RAISE(ABORT, 'curation: role must be precursor, solvent, ligand, reductant, target, additive, workup or other')
    WHERE NEW.carried_from IS NULL AND NEW.field = 'role' AND coalesce(NEW.new_value, '') NOT IN ('precursor', 'solvent', 'ligand', 'reductant', 'target', 'additive', 'workup', 'other');
  SELECT RAISE(ABORT, 'curation: outcome type must be size, morphology, phase, pl_peak, fwhm, plqy, band_gap, absorption_peak or yield')
    WHERE NEW.carried_from IS NULL AND NEW.target_table = 'outcomes' AND NEW.field = 'type' AND coalesce(NEW.new_value, '') NOT IN ('size', 'morphology', 'phase', 'pl_peak', 'fwhm', 'plqy', 'band_gap', 'absorption_peak', 'yield');
  SELECT RAISE(ABORT, 'curation: amount_unit must be a canonical unit: g, mL, mol, mol/L, g/L, ratio or % (synthdb curate set converts mmol, uL, mg, ...)')
    WHERE NEW.carried_from IS NULL AND NEW.field = 'amount_unit' AND coalesce(NEW.new_value, '') NOT IN ('', 'g', 'mL', 'mol', 'mol/L', 'g/L', 'ratio', '%');
  SELECT RAISE(ABORT, 'curation: quantity must be mass, volume, moles, concentration, molar_ratio, mass_ratio, volume_ratio or fraction')
    WHERE NEW.carried_from IS NULL AND NEW.field = 'quantity' AND coalesce(NEW.new_value, '') NOT IN ('', 'mass', 'volume', 'moles', 'concentration', 'molar_ratio', 'mass_ratio', 'volume_ratio', 'fraction');
  SELECT RAISE(ABORT, 'curation: an outcome unit must be nm, meV, eV or % (synthdb curate set converts Å, µm, ...)')
    WHERE NEW.carried_from IS NULL AND NEW.target_table = 'outcomes' AND NEW.field = 'unit' AND coalesce(NEW.new_value, '') NOT IN ('', 'nm', 'meV', 'eV', '%');
  SELECT RAISE(ABORT, 'curation: operation must be mixing, heating, cooling, injection, stirring, degassing, purification, drying, annealing, reaction or other')
    WHERE NEW.carried_from IS NULL AND NEW.field = 'operation' AND coalesce(NEW.new_value, '') NOT IN ('', 'mixing', 'heating', 'cooling', 'injection', 'stirring', 'degassing', 'purification', 'drying', 'annealing', 'reaction', 'other');
END;
