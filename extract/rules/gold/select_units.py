#!/usr/bin/env python3
"""Tool-independent selection of annotation units (see README.md).
Run as a script it writes the selection to /tmp/gold_selection.jsonl and prints counts."""
import os, re, random, json, sys
MSP = '/work/shared/data/msp-synthesis-procedures/data'
SOFC = '/work/shared/data/sofc-exp/texts'
SEED = 20261126
UNIT = re.compile(r'\d[\d.,]*\s*(?:Å|nm|μm|µm|um|mm|microns?|angstroms?)(?![A-Za-z])', re.I)
SHAPE = re.compile(r'(sphere|spheric|rod|wire|sheet|plate|cube|cubic|flower|tube|tubular|belt|star|octahed|prism|fiber|fibre|shell|dendrit|spindle|needle|hollow|porous|like\b|shaped|flake|ribbon|tetrapod|triang|column|whisker|pyramid|polyhed|disk|disc)', re.I)
def hit(t): return bool(UNIT.search(t) or SHAPE.search(t))
def msp_units():
    files = sorted(f for f in os.listdir(MSP) if f.endswith('.txt'))
    out = []
    for i, f in enumerate(files):
        text = open(os.path.join(MSP, f), encoding='utf-8').read()
        out.append(dict(id='msp:' + f[:-4], split='test' if i % 3 == 2 else 'dev', text=text, hit=hit(text)))
    return out
def sofc_units():
    files = sorted(f for f in os.listdir(SOFC) if f.startswith('PMC') and f.endswith('.txt'))
    out = []
    for i, f in enumerate(files):
        lines = open(os.path.join(SOFC, f), encoding='utf-8').read().split('\n')
        for n, line in enumerate(lines, 1):
            if not line.strip(): continue
            out.append(dict(id='sofc:%s:%d' % (f[:-4], n), split='test' if i % 3 == 2 else 'dev', text=line, hit=hit(line)))
    return out
SEED3, N3_TEST, N3_DEV = 20261129, 200, 100
def stage3_units(spos, taken):
    """Stage 3 draw (see README): returns TEST draws then DEV draws, each in draw order."""
    pool = [u for u in spos if u['id'] not in taken and UNIT.search(u['text'])]
    rng3 = random.Random(SEED3)
    pt = [u for u in pool if u['split'] == 'test']; pd = [u for u in pool if u['split'] == 'dev']
    # the TEST pool has only 67 sentences (< 200), so the TEST draw is the whole pool in random order
    t = rng3.sample(pt, min(N3_TEST, len(pt)))
    d = rng3.sample(pd, min(N3_DEV, len(pd)))
    for k, u in enumerate(t + d): u['stage'] = 3; u['draw'] = k
    return t + d
if __name__ == '__main__':
    rng = random.Random(SEED)
    msp = msp_units()
    pos = [u for u in msp if u['hit']]; neg = [u for u in msp if not u['hit']]
    negs = rng.sample(neg, min(15, len(neg)))
    sel_msp = pos + negs
    print('MSP', len(msp), 'hits', len(pos), 'nohit', len(neg), file=sys.stderr)
    sofc = sofc_units()
    spos = [u for u in sofc if u['hit']]; sneg = [u for u in sofc if not u['hit']]
    print('SOFC', len(sofc), 'hits', len(spos), 'nohit', len(sneg), file=sys.stderr)
    rng2 = random.Random(SEED + 1)
    # equal numbers from DEV and TEST pools would bias; sample proportionally with a fixed seed
    NPOS, NNEG = int(os.environ.get('NPOS', 320)), int(os.environ.get('NNEG', 40))
    stage1 = rng2.sample(spos, min(NPOS, len(spos)))
    sel_s = stage1 + rng2.sample(sneg, NNEG)
    # stage 2 (added after stage 1 was fully annotated, to give TEST more size mentions while
    # keeping DEV and TEST sampled at the same rate): 80 more hit sentences drawn at random
    # from the hit sentences not taken in stage 1, with their own seed.
    NPOS2 = int(os.environ.get('NPOS2', 80))
    taken = {u['id'] for u in stage1}
    rest = [u for u in spos if u['id'] not in taken]
    stage2 = random.Random(SEED + 2).sample(rest, NPOS2)
    for u in stage2: u['stage'] = 2
    sel_s += stage2
    # ---- stage 3 (added after stages 1-2 were fully annotated; stages 1-2 above are unchanged) ----
    # Purpose: more TEST size mentions for measurement power. Deliberately over-samples TEST.
    # Pool: SOFC hit sentences not selected in stages 1-2 that match the length-unit part of
    # the filter (UNIT). One rng, random.Random(20261129): first 200 from the TEST-split pool,
    # then 100 from the DEV-split pool (min(n, pool size)) (pools in corpus order: files sorted, line order).
    stage3 = stage3_units(spos, {u['id'] for u in stage1} | {u['id'] for u in stage2})
    sel_s += stage3
    for u in sel_msp: u['src'] = 'msp'
    for u in sel_s: u['src'] = 'sofc'
    with open('/tmp/gold_selection.jsonl', 'w', encoding='utf-8') as fo:
        for u in sel_msp + sel_s:
            fo.write(json.dumps(u, ensure_ascii=False) + '\n')
    from collections import Counter
    print(Counter((u['src'], u['split'], u['hit']) for u in sel_msp + sel_s), file=sys.stderr)
