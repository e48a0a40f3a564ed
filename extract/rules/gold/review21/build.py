#!/usr/bin/env python3
"""Build ../outcomes-review21-optics.jsonl from ann_optics.txt (s21-optics blind review of the optical
outcome types and phase; see GUIDELINE.md "Optical outcome types and phase").

Per unit: `@id`, `T text` (`⏎` stands for a line break in the text), then one line per mention:
`TYPE span|occurrence[|extra...]`, TYPE in PL (pl_peak), ABS (absorption_peak), FW (fwhm), QY (plqy),
YD (yield), EG (band_gap), PH (phase), SZ (size; s21-optics2's units only).
ann_optics2.txt (s21-optics2) is built with `OUT=../outcomes-review21-optics2.jsonl python3 build.py ann_optics2.txt`. Extras: `u=UNIT` for a bare number (a table cell under a
`(nm)`/`(meV)` header or an earlier list item), `peak=λ` for a FWHM in nm whose PL peak λ (nm) is known
in the unit (then value and unit are meV: 1239.84/(λ−w/2) − 1239.84/(λ+w/2) eV), `x100` for a quantum
yield written as a fraction, `g` for a span glued to a following reference number, and for PH the label.
Values come from the span's numbers: one number → value, two (a range `410–700 nm`) → min/max, `±` →
the first number is the value. Occurrences count matches not glued to a letter/digit on either side."""
import json, os, re, sys
# The nine labels and, since the blind run, the other labels of lexicons/phases.tsv
# (CORRECTIONS.md): structure types and lattices the lexicon names.
LABELS = {'wurtzite', 'zinc blende', 'rock salt', 'cubic', 'hexagonal', 'tetragonal', 'orthorhombic',
          'monoclinic', 'amorphous', 'anatase', 'rutile', 'brookite', 'spinel', 'chalcopyrite', 'kesterite',
          'perovskite', 'fcc', 'bcc', 'hcp', 'rhombohedral', 'L10', 'L12', '1T', '2H'}
TYPES = {'PL': 'pl_peak', 'ABS': 'absorption_peak', 'FW': 'fwhm', 'QY': 'plqy', 'YD': 'yield',
         'EG': 'band_gap', 'PH': 'phase', 'SZ': 'size'}
HC = 1239.84
def occurrences(text, s, glued=False):
    out, i = [], text.find(s)
    while i >= 0:
        l = text[i - 1] if i > 0 else ' '
        r = text[i + len(s)] if i + len(s) < len(text) else ' '
        left_ok = not (l.isalnum() or (l == '.' and s[0].isdigit()) or (l in '.,' and i > 1 and text[i-2].isdigit()))
        right_ok = glued or not ((r.isalnum() and s[-1].isalnum()) or
                                 (s[-1].isdigit() and r in '.,' and i + len(s) + 1 < len(text) and text[i + len(s) + 1].isdigit()))
        if left_ok and right_ok: out.append(i)
        i = text.find(s, i + 1)
    return out
def num(v):
    v = round(v, 3)
    return int(v) if v == int(v) else v
def numbers(span):
    span = re.sub(r'(\d),(\d{3})', r'\1\2', span)
    return [float(x) for x in re.findall(r'\d+(?:\.\d+)?', span)]
units, errs, cur = [], 0, None
here = os.path.dirname(os.path.abspath(__file__))
for fn in sys.argv[1:] or [os.path.join(here, 'ann_optics.txt')]:
    for ln, line in enumerate(open(fn, encoding='utf-8'), 1):
        line = line.rstrip('\n')
        if not line.strip() or line.startswith('#'): continue
        if line.startswith('@'):
            cur = {'id': line[1:].strip(), 'text': None, 'entities': []}; units.append(cur); continue
        tag, rest = line.split(' ', 1)
        if tag == 'T': cur['text'] = rest.replace('⏎', '\n'); continue
        if tag not in TYPES: print(f'{fn}:{ln} bad tag {tag}'); errs += 1; continue
        p = [x.strip(' ') for x in rest.split('|')]
        span, occ, extra = p[0].replace('⏎', '\n'), int(p[1]), p[2:]
        flags = {x for x in extra if '=' not in x}
        kv = dict(x.split('=', 1) for x in extra if '=' in x)
        pos = occurrences(cur['text'], span, 'g' in flags)
        if len(pos) < occ: print(f'{fn}:{ln} span {span!r} occ {occ} not found ({len(pos)})'); errs += 1; continue
        s = pos[occ - 1]
        typ = TYPES[tag]
        e = {'type': typ, 'start': s, 'end': s + len(span), 'text': span}
        if typ == 'phase':
            lab = extra[0] if extra else None
            if lab not in LABELS: print(f'{fn}:{ln} bad label {lab}'); errs += 1
            e['normalized'] = lab
        else:
            ns = numbers(span)
            if 'x100' in flags: ns = [x * 100 for x in ns]
            if '±' in span: ns = ns[:1]
            if typ == 'fwhm':
                unit = kv.get('u') or next((u for u in ('meV', 'eV', 'nm') if span.replace(' ', '').endswith(u)), None)
                if unit is None: print(f'{fn}:{ln} fwhm without unit'); errs += 1; continue
                w = ns[0]
                if unit == 'eV': w, unit = w * 1000, 'meV'
                if unit == 'nm' and 'peak' in kv:
                    lam = float(kv['peak'])
                    w, unit = 1000 * (HC / (lam - w / 2) - HC / (lam + w / 2)), 'meV'
                e['value'] = num(w); e['unit'] = unit
            elif len(ns) == 1: e['value'] = num(ns[0])
            elif len(ns) == 2: e['min'] = num(ns[0]); e['max'] = num(ns[1])
            else: print(f'{fn}:{ln} bad numbers {span!r}'); errs += 1; continue
        cur['entities'].append(e)
for u in units:
    u['entities'].sort(key=lambda e: e['start'])
    for a, b in zip(u['entities'], u['entities'][1:]):
        if b['start'] < a['end']: print('overlap', u['id'], a['text'], b['text']); errs += 1
    for e in u['entities']:
        assert u['text'][e['start']:e['end']] == e['text']
ids = [u['id'] for u in units]; assert len(ids) == len(set(ids))
out = os.environ.get('OUT', os.path.join(here, '..', 'outcomes-review21-optics.jsonl'))
with open(out, 'w', encoding='utf-8') as f:
    for u in units: f.write(json.dumps(u, ensure_ascii=False) + '\n')
from collections import Counter
c = Counter(e['type'] for u in units for e in u['entities'])
print(len(units), 'units', dict(c), 'errors', errs)
sys.exit(1 if errs else 0)
