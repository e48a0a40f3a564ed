#!/usr/bin/env python3
"""Turn the hand-written annotation files ann/*.txt into outcomes-{dev,test}.jsonl.

ann format (one unit per '@<id>' line, then one line per mention):
  S <span> | <occurrence or *> | <nm value: 5 | 20-30 | 9.5±0.8> | <dimension>
  M <span> | <occurrence or *> | <normalized>
The span and all values/labels are written by the annotator; this script only
locates the n-th occurrence of the span in the unit text (code points).
"""
import json, glob, sys, re
sys.path.insert(0, '.')
from select_units import msp_units, sofc_units
units = {u['id']: u for u in msp_units() + sofc_units()}
def occurrences(text, s, glued_right=False):
    # occurrences not glued to a neighbouring letter/digit (e.g. '5 nm' inside '2.5 nm' or '15 nm');
    # glued_right (occurrence written 'g<k>') accepts a letter right after the span, for table cells
    # that the corpus text glued together ('40 μmNi-GDC')
    out, i = [], text.find(s)
    while i >= 0:
        l = text[i - 1] if i > 0 else ' '
        r = text[i + len(s)] if i + len(s) < len(text) else ' '
        if not (l.isalnum() or (l == '.' and s[0].isdigit()) or (l in '.,' and i > 1 and text[i-2].isdigit())) and not (r.isalnum() and s[-1].isalnum() and not (glued_right and r.isalpha())):
            out.append(i)
        i = text.find(s, i + 1)
    return out
def num(x):
    v = float(x)
    return int(v) if v == int(v) and abs(v) < 1e15 else v
res = {'dev': [], 'test': []}; seen = set(); errs = 0
for fn in sorted(glob.glob('ann/*.txt')):
    cur = None
    for ln, line in enumerate(open(fn, encoding='utf-8'), 1):
        line = line.rstrip('\n')
        if not line.strip() or line.startswith('#'): continue
        if line.startswith('@'):
            uid = line[1:].strip()
            if uid in seen: print('dup', uid); errs += 1
            seen.add(uid)
            u = units[uid]
            cur = {'id': uid, 'text': u['text'], 'entities': []}
            res[u['split']].append(cur); continue
        typ, rest = line[0], line[2:]
        parts = [p.strip() for p in rest.split('|')]
        span, occ = parts[0], parts[1] if len(parts) > 1 and parts[1] else '1'
        glued = occ.startswith('g')
        if glued: occ = occ[1:]
        pos = occurrences(cur['text'], span, glued)
        if not pos:
            print(f'{fn}:{ln} span not found in {cur["id"]}: {span!r}'); errs += 1; continue
        if occ == '*': idx = pos
        else:
            k = int(occ)
            if k > len(pos): print(f'{fn}:{ln} occurrence {k} > {len(pos)}'); errs += 1; continue
            idx = [pos[k - 1]]
        for s in idx:
            e = {'type': 'size' if typ == 'S' else 'morphology', 'start': s, 'end': s + len(span), 'text': span}
            if typ == 'S':
                v, dim = parts[2], parts[3]
                if '±' in v:
                    a, b = v.split('±'); e['value'] = num(a); e['sd'] = num(b)
                elif re.match(r'^[\d.e+]+-[\d.e+]+$', v):
                    a, b = v.split('-'); e['min'] = num(a); e['max'] = num(b)
                else: e['value'] = num(v)
                e['dimension'] = dim
            elif typ == 'M':
                e['normalized'] = parts[2]
            else:
                print('bad type', fn, ln); errs += 1
            cur['entities'].append(e)
for sp in res:
    for u in res[sp]:
        u['entities'].sort(key=lambda e: (e['start'], e['end']))
    with open(f'outcomes-{sp}.jsonl', 'w', encoding='utf-8') as fo:
        for u in res[sp]:
            fo.write(json.dumps(u, ensure_ascii=False) + '\n')
print('units', {k: len(v) for k, v in res.items()}, 'errors', errs)
