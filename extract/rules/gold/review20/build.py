#!/usr/bin/env python3
"""Build ../outcomes-review20.jsonl from ann_*.txt (s20-size blind review of messy PDF text forms); the shared
builder of the later review sets too (review21nc, and review25 through review25/build.py), with OUT= and file
arguments. Since s25-review it also reads `\n` in a `T` line as a line break (MSP units: DOI line, title line,
procedure) and knows the unit spellings micron(s)/micrometer(s)/nanometer(s); review20's and review21's files
are rebuilt byte for byte by it.

Format per unit: `@id`, `T text`, then `S span|occurrence|dimension[|unit][|flags]` (size) and
`M span|occurrence|label[|flags]` (morphology). Values in nm come from the span's numbers and its unit (or the
unit given for bare numbers). Flags: `pm` = a flattened `±` (the PDF text has `6`): first number is the
value, last the sd; `g` = the span may be glued to a following letter/digit (a reference superscript,
`80 nm24`). Occurrences count matches not glued to a letter/digit on either side (unless `g`).
Since s33-fail (review 33, failures and status): `F span|occurrence` is a failure entity (no cue) and
`Z success|failed|unknown` the unit's gold paragraph status, written as "status" after "entities"."""
import json, os, re, sys
SC = {'nm': 1, 'Å': 0.1, 'A˚': 0.1, 'μm': 1e3, 'µm': 1e3, 'um': 1e3, 'lm': 1e3, 'μ m': 1e3, 'mm': 1e6, 'cm': 1e7, 'microns': 1e3, 'micron': 1e3, 'micrometers': 1e3, 'micrometer': 1e3, 'nanometers': 1, 'nanometer': 1, 'Å': 0.1}
DIMS = {'diameter', 'length', 'width', 'edge', 'thickness', 'size', 'pore'}
NORMS = {'sphere', 'rod', 'wire', 'plate', 'platelet', 'sheet', 'cube', 'tetrapod', 'star', 'tadpole',
         'core/shell', 'octahedron', 'flower', 'belt', 'ribbon', 'tube', 'prism', 'triangle', 'cluster',
         'dendrite', 'hollow', 'fiber', 'needle', 'spindle', 'column', 'flake', 'whisker', 'polyhedron',
         'icosahedron', 'decahedron', 'disk', 'block'}
def occurrences(text, s, glued=False):
    out, i = [], text.find(s)
    while i >= 0:
        l = text[i - 1] if i > 0 else ' '
        r = text[i + len(s)] if i + len(s) < len(text) else ' '
        left_ok = not (l.isalnum() or (l == '.' and s[0].isdigit()) or (l in '.,' and i > 1 and text[i-2].isdigit()))
        if left_ok and (glued or not (r.isalnum() and s[-1].isalnum()) and not (s[-1].isdigit() and r in '.,' and i + len(s) + 1 < len(text) and text[i + len(s) + 1].isdigit())):
            out.append(i)
        i = text.find(s, i + 1)
    return out
def num(v):
    v = round(v, 6)
    return int(v) if v == int(v) else v
units, errs, cur = [], 0, None
here = os.path.dirname(os.path.abspath(__file__))
files = sys.argv[1:] or [os.path.join(here, f) for f in ('ann_table.txt', 'ann_caption.txt', 'ann_ref.txt', 'ann_long.txt', 'ann_pdf.txt', 'ann_mix.txt')]
for fn in files:
    for ln, line in enumerate(open(fn, encoding='utf-8'), 1):
        line = line.rstrip('\n')
        if not line.strip(): continue
        if line.startswith('@'):
            cur = {'id': line[1:].strip(), 'text': None, 'entities': []}; units.append(cur); continue
        typ, rest = line[0], line[2:]
        if typ == 'T': cur['text'] = rest.replace('\\n', '\n'); continue
        if typ == 'Z':
            if rest.strip() not in ('success', 'failed', 'unknown'): print(f'{fn}:{ln} bad status {rest!r}'); errs += 1
            cur['status'] = rest.strip(); continue
        p = [x.strip(' ') for x in rest.split('|')]
        span, occ = p[0], int(p[1])
        fl = 4 if typ == 'S' else 2 if typ == 'F' else 3
        flags = set(p[fl].split(',')) if len(p) > fl else set()
        pos = occurrences(cur['text'], span, 'g' in flags)
        if len(pos) < occ: print(f'{fn}:{ln} span {span!r} occ {occ} not found ({len(pos)})'); errs += 1; continue
        s = pos[occ - 1]
        e = {'type': {'S': 'size', 'M': 'morphology', 'F': 'failure'}[typ], 'start': s, 'end': s + len(span), 'text': span}
        if typ == 'F':
            pass
        elif typ == 'S':
            dim = p[2]
            if dim not in DIMS: print(f'{fn}:{ln} bad dim'); errs += 1
            unit = p[3] if len(p) > 3 else None
            if unit is None:
                for u in sorted(SC, key=len):
                    if span.endswith(u): unit = u
            if unit is None: print(f'{fn}:{ln} no unit {span!r}'); errs += 1; continue
            nums = [float(x) for x in re.findall(r'\d+(?:\.\d+)?', span)]
            sc = SC[unit]
            if '±' in span or 'pm' in flags: e['value'] = num(nums[0] * sc); e['sd'] = num(nums[-1] * sc)
            elif len(nums) == 2: e['min'] = num(nums[0] * sc); e['max'] = num(nums[1] * sc)
            elif len(nums) == 1: e['value'] = num(nums[0] * sc)
            else: print(f'{fn}:{ln} bad nums {span!r}'); errs += 1
            e['dimension'] = dim
        else:
            if p[2] not in NORMS: print(f'{fn}:{ln} bad norm {p[2]}'); errs += 1
            e['normalized'] = p[2]
        cur['entities'].append(e)
for u in units:
    u['entities'].sort(key=lambda e: e['start'])
    for a, b in zip(u['entities'], u['entities'][1:]):
        if b['start'] < a['end']: print('overlap', u['id'], a['text'], b['text']); errs += 1
    for e in u['entities']:
        assert u['text'][e['start']:e['end']] == e['text']
ids = [u['id'] for u in units]; assert len(ids) == len(set(ids))
out = os.environ.get('OUT', os.path.join(here, '..', 'outcomes-review20.jsonl'))
with open(out, 'w', encoding='utf-8') as f:
    for u in units: f.write(json.dumps(u, ensure_ascii=False) + '\n')
from collections import Counter
c = Counter(e['type'] for u in units for e in u['entities'])
c.update('status:' + u['status'] for u in units if 'status' in u)
print(len(units), 'units', dict(c), 'errors', errs)
if os.environ.get('SHOW'):
    for u in units:
        for e in u['entities']:
            t = u['text']; print(u['id'], e['type'][0], repr(t[max(0, e['start']-25):e['start']] + '[' + e['text'] + ']' + t[e['end']:e['end']+15]), e.get('dimension', e.get('normalized')), e.get('value', (e.get('min'), e.get('max'))))
sys.exit(1 if errs else 0)
