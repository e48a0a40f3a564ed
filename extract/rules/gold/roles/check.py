#!/usr/bin/env python3
"""Validate roles-test.jsonl / roles-dev.jsonl.

Checks: JSON shape, roles in the scheme, text[start:end]==text for every
entity (code-point offsets), no duplicate/overlapping spans, split membership
(sorted .txt names, index i%3==2 -> test, else dev), no file in both splits,
and -- when the MSP data dir is present -- that text equals the .txt file and
every entity is an MSP Material span.
"""
import json, os, sys
here = os.path.dirname(os.path.abspath(__file__))
D = os.environ.get('MSP_DATA', '/work/shared/data/msp-synthesis-procedures/data')
ROLES = {'precursor', 'solvent', 'ligand', 'reductant', 'target', 'additive', 'other'}
have = os.path.isdir(D)
split_of = {}
if have:
    names = sorted(f[:-4] for f in os.listdir(D) if f.endswith('.txt'))
    split_of = {n: ('test' if i % 3 == 2 else 'dev') for i, n in enumerate(names)}
err = 0
def bad(*a):
    global err; err += 1; print('ERROR', *a)
seen = {}
for split in ('test', 'dev'):
    p = os.path.join(here, 'roles-%s.jsonl' % split)
    if not os.path.exists(p):
        print('missing', p); continue
    n = m = 0
    for ln, line in enumerate(open(p, encoding='utf-8'), 1):
        r = json.loads(line); n += 1
        fid, t, ents = r['id'], r['text'], r['entities']
        if set(r) != {'id', 'text', 'entities'}: bad(p, ln, 'keys', set(r))
        if fid in seen: bad(fid, 'in', seen[fid], 'and', split)
        seen[fid] = split
        if split_of and split_of.get(fid) != split: bad(fid, 'belongs to', split_of.get(fid))
        msp = None
        if have:
            if open(os.path.join(D, fid + '.txt'), encoding='utf-8').read() != t: bad(fid, 'text differs')
            msp = set()
            for l in open(os.path.join(D, fid + '.ann'), encoding='utf-8'):
                q = l.rstrip('\n').split('\t')
                if q[0].startswith('T') and q[1].startswith('Material '):
                    a = q[1].split(); msp.add((int(a[1]), int(a[2])))
        last = -1
        for e in sorted(ents, key=lambda e: (e['start'], e['end'])):
            m += 1
            if e.get('type') != 'material': bad(fid, 'type', e)
            if e.get('role') not in ROLES: bad(fid, 'role', e)
            if t[e['start']:e['end']] != e['text']: bad(fid, 'offset', e)
            if not e.get('name'): bad(fid, 'name', e)
            if e['start'] < last: bad(fid, 'overlap', e)
            last = e['end']
            if msp is not None and (e['start'], e['end']) not in msp: bad(fid, 'not an MSP span', e)
    print(split, n, 'files', m, 'mentions')
print('OK' if not err else '%d errors' % err)
sys.exit(1 if err else 0)
