#!/usr/bin/env python3
"""Confusion table: this gold role vs MSP's own role (from MSP event arguments).
MSP role of a Material span: Recipe_Target > Recipe_Precursor > Solvent_Material
(highest wins when a span is argument of several events), anything else
(Participant_Material, Atmospheric_Material, no event) -> other.
Skipped mentions (code x) are reported in a separate column block."""
import json, os, sys, collections
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from build import mentions, D, ROLE
here = os.path.dirname(os.path.abspath(__file__))
MAP = {'Recipe_Target': 'target', 'Recipe_Precursor': 'precursor', 'Solvent_Material': 'solvent'}
RANK = {'target': 3, 'precursor': 2, 'solvent': 1, 'other': 0}
def msp_roles(fid):
    r = collections.defaultdict(lambda: 'other')
    for l in open(os.path.join(D, fid + '.ann'), encoding='utf-8'):
        q = l.rstrip('\n').split('\t')
        if q[0].startswith('E'):
            for arg in q[1].split()[1:]:
                k, tid = arg.split(':')
                k = k.rstrip('0123456789')
                if k in MAP and RANK[MAP[k]] > RANK[r[tid]]:
                    r[tid] = MAP[k]
    return r
def main(split):
  if True:
    conf = collections.Counter()
    for line in open(os.path.join(here, 'labels-%s.txt' % split)):
        if not line.strip() or line.startswith('#'): continue
        fid, codes = line.split(None, 1); codes = ''.join(codes.split())
        t, ms = mentions(fid); mr = msp_roles(fid)
        for (s, e, x, tid), c in zip(ms, codes):
            conf[(ROLE.get(c, 'skip'), mr[tid])] += 1
    rows = ['precursor', 'solvent', 'ligand', 'reductant', 'target', 'additive', 'other', 'skip']
    cols = ['precursor', 'solvent', 'target', 'other']
    print('| gold \\ MSP | ' + ' | '.join(cols) + ' | total |')
    print('|---' * (len(cols) + 2) + '|')
    for r in rows:
        print('| %s | ' % r + ' | '.join(str(conf[(r, c)]) for c in cols) + ' | %d |' % sum(conf[(r, c)] for c in cols))
    print('| total | ' + ' | '.join(str(sum(conf[(r, c)] for r in rows)) for c in cols) + ' | %d |' % sum(conf.values()))
    # agreement on non-skipped mentions, gold collapsed onto MSP's 4 classes
    col = lambda r: r if r in cols else 'other'
    n = sum(v for (r, c), v in conf.items() if r != 'skip')
    agree = sum(v for (r, c), v in conf.items() if r != 'skip' and col(r) == c)
    print('\nnon-skipped mentions: %d; agreement after collapsing gold ligand/reductant/additive/other -> other: %d (%.1f%%)' % (n, agree, 100.0 * agree / n))
    # Cohen's kappa on the collapsed classes
    pg = collections.Counter(); pm = collections.Counter()
    for (r, c), v in conf.items():
        if r == 'skip': continue
        pg[col(r)] += v; pm[c] += v
    pe = sum(pg[k] * pm[k] for k in cols) / float(n * n)
    po = agree / float(n)
    print("Cohen's kappa (4 classes): %.3f" % ((po - pe) / (1 - pe)))
    for k in ['precursor', 'solvent', 'target']:
        tp = conf[(k, k)] if True else 0
        gp = sum(v for (r, c), v in conf.items() if r != 'skip' and col(r) == k)
        mp = sum(v for (r, c), v in conf.items() if r != 'skip' and c == k)
        print('%s: gold %d, MSP %d, both %d  (P of MSP vs gold %.2f, R %.2f)' % (k, gp, mp, tp, tp / max(mp, 1), tp / max(gp, 1)))

if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'test')
