#!/usr/bin/env python3
"""Build roles-<split>.jsonl from the hand labels in labels-<split>.txt.

labels-<split>.txt: one line per MSP file: "<id> <codes>", one code per MSP
Material span (spans sorted by start offset, ties by end), codes:
p=precursor s=solvent l=ligand r=reductant t=target a=additive o=other x=skip.
Codes were typed by the annotator after reading each paragraph (GUIDELINE.md).
"""
import json, os, sys
D = os.environ.get('MSP_DATA', '/work/shared/data/msp-synthesis-procedures/data')
ROLE = dict(p='precursor', s='solvent', l='ligand', r='reductant', t='target',
            a='additive', o='other')

def mentions(fid):
    t = open(os.path.join(D, fid + '.txt'), encoding='utf-8').read()
    ms = []
    for l in open(os.path.join(D, fid + '.ann'), encoding='utf-8'):
        p = l.rstrip('\n').split('\t')
        if p[0].startswith('T') and p[1].startswith('Material '):
            a = p[1].split()
            ms.append((int(a[1]), int(a[2]), p[2], p[0]))
    ms.sort()
    return t, ms

def build(split):
    here = os.path.dirname(os.path.abspath(__file__))
    out = []
    for line in open(os.path.join(here, 'labels-%s.txt' % split)):
        if not line.strip() or line.startswith('#'):
            continue
        fid, codes = line.split(None, 1)
        codes = ''.join(codes.split())
        t, ms = mentions(fid)
        assert len(codes) == len(ms), (fid, len(codes), len(ms))
        ents = []
        for (s, e, x, tid), c in zip(ms, codes):
            assert t[s:e] == x, (fid, s, e, x)
            if c == 'x':
                continue
            ents.append(dict(type='material', start=s, end=e, text=x,
                             name=x.strip(), role=ROLE[c]))
        out.append(dict(id=fid, text=t, entities=ents))
    with open(os.path.join(here, 'roles-%s.jsonl' % split), 'w', encoding='utf-8') as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    print(split, len(out), 'files', sum(len(r['entities']) for r in out), 'mentions')

if __name__ == '__main__':
    for s in sys.argv[1:] or ['test', 'dev']:
        if os.path.exists(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'labels-%s.txt' % s)):
            build(s)
