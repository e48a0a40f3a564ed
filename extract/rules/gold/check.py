#!/usr/bin/env python3
"""Validate outcomes-{dev,test}.jsonl, or the gold files given as arguments (`python3 check.py
outcomes-review25.jsonl`; any unit id allowed there). Exit status 1 on any error."""
import json, sys, os
from collections import Counter
HERE = os.path.dirname(os.path.abspath(__file__))
DIMS = {'diameter', 'length', 'width', 'edge', 'thickness', 'size', 'pore'}
NORMS = {'sphere', 'rod', 'wire', 'plate', 'platelet', 'sheet', 'cube', 'tetrapod', 'star', 'tadpole',
         'core/shell', 'octahedron', 'flower', 'belt', 'ribbon', 'tube', 'prism', 'triangle', 'cluster',
         'dendrite', 'hollow', 'fiber', 'needle', 'spindle', 'column', 'flake', 'whisker', 'polyhedron', 'icosahedron', 'decahedron',
         'disk', 'block'}
SIZE_KEYS = {'type', 'start', 'end', 'text', 'value', 'min', 'max', 'sd', 'dimension'}
MORPH_KEYS = {'type', 'start', 'end', 'text', 'normalized'}
import re
def _bare_number(t):
    # earlier members of a list/range sharing a later unit: '1.0', '3–4.5'; table cells under a unit header,
    # also with an sd written `±` or flattened to `6` by PDF conversion ('39 ± 4', '22 6 5')
    return re.fullmatch(r'\d+(?:\.\d+)?(?:\s*(?:[–-]|±|\s6\s)\s*\d+(?:\.\d+)?)?', t) is not None
def isnum(x): return isinstance(x, (int, float)) and not isinstance(x, bool) and x == x and x >= 0
errors = []
def err(msg): errors.append(msg)
stats = {}
ids = set()
ARGS = sys.argv[1:]
for split in (ARGS or ('dev', 'test')):
    path = split if ARGS else os.path.join(HERE, f'outcomes-{split}.jsonl')
    c = Counter()
    for ln, line in enumerate(open(path, encoding='utf-8'), 1):
        where = f'{split}:{ln}'
        u = json.loads(line)
        if set(u) != {'id', 'text', 'entities'}: err(f'{where} unit keys {sorted(u)}')
        uid, text = u['id'], u['text']
        if uid in ids: err(f'{where} duplicate id {uid}')
        ids.add(uid)
        if not ARGS and not (uid.startswith('msp:') or (uid.startswith('sofc:PMC') and uid.count(':') == 2)):
            err(f'{where} bad id {uid}')
        c['units'] += 1
        c['units_' + uid.split(':')[0]] += 1
        spans = []
        for e in u['entities']:
            t = e.get('type')
            for k, v in e.items():
                if v is None: err(f'{where} null field {k}')
            s, en = e.get('start'), e.get('end')
            if not (isinstance(s, int) and isinstance(en, int) and 0 <= s < en <= len(text)):
                err(f'{where} bad offsets {e}'); continue
            if text[s:en] != e.get('text'): err(f'{where} text mismatch {text[s:en]!r} != {e.get("text")!r}')
            if e['text'] != e['text'].strip(): err(f'{where} span has outer whitespace {e["text"]!r}')
            spans.append((s, en))
            if t == 'size':
                if not set(e) <= SIZE_KEYS: err(f'{where} size extra keys {set(e) - SIZE_KEYS}')
                if e.get('dimension') not in DIMS: err(f'{where} bad dimension {e.get("dimension")}')
                has_v, has_r = 'value' in e, ('min' in e or 'max' in e)
                if has_v == has_r: err(f'{where} need exactly one of value or min/max: {e}')
                if has_v and not isnum(e['value']): err(f'{where} value not a number {e}')
                if has_r:
                    if not ('min' in e and 'max' in e and isnum(e['min']) and isnum(e['max']) and e['min'] < e['max']):
                        err(f'{where} bad range {e}')
                if 'sd' in e and not isnum(e['sd']): err(f'{where} bad sd {e}')
                # sanity: value in nm must be plausible for the unit written in the span
                unit_scale = None
                txt = e['text']
                for suf, sc in (('nm', 1), ('Å', 0.1), ('μm', 1e3), ('µm', 1e3), ('um', 1e3), ('mm', 1e6), ('cm', 1e7), ('αm', 1e3),
                                ('μ m', 1e3), ('micron', 1e3), ('microns', 1e3), ('micrometer', 1e3), ('micrometers', 1e3),
                                ('nanometer', 1), ('nanometers', 1), ('lm', 1e3), ('A˚', 0.1)):  # 'αm' = garbled μm in one SOFC sentence;
                                                                            # 'lm', 'A˚' = PDF forms of μm, Å (review 20)
                    if txt.endswith(suf): unit_scale = sc; break
                if unit_scale is None and not _bare_number(txt):
                    err(f'{where} size span without a known unit {txt!r}')
                import re as _re
                nums = [float(x) for x in _re.findall(r'\d+(?:\.\d+)?', txt.replace(',', ''))]
                if unit_scale and nums:
                    exp = [x * unit_scale for x in nums]
                    got = [e[k] for k in ('value', 'sd', 'min', 'max') if k in e]
                    for g in got:
                        if not any(abs(g - x) <= 1e-6 * max(1, x) for x in exp):
                            err(f'{where} {g} nm not consistent with span {txt!r}')
                c['size'] += 1; c['size:' + e.get('dimension', '?')] += 1
            elif t == 'morphology':
                if set(e) != MORPH_KEYS: err(f'{where} morphology keys {sorted(e)}')
                if e.get('normalized') not in NORMS: err(f'{where} bad normalized {e.get("normalized")}')
                c['morphology'] += 1; c['morph:' + e.get('normalized', '?')] += 1
            else:
                err(f'{where} bad type {t}')
        spans.sort()
        for a, b in zip(spans, spans[1:]):
            if b[0] < a[1]: err(f'{where} overlapping spans {a} {b} in {uid}')
    stats[split] = c
for split, c in stats.items():
    print(split, dict(sorted(c.items())))
if errors:
    print('\n'.join(errors[:50])); print(len(errors), 'errors'); sys.exit(1)
print('OK')
