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
SEED4, N4_DEV, N4_NEG, MAXLEN4 = 20261130, 120, 10, 2000
UNIT4 = re.compile(r'\d[\d.,]*\s*-?\s*(?:Å|nm|[μµ]\s?m|um|mm|αm|microns?|micrometers?|micrometres?|nanometers?|nanometres?|angstroms?)(?![A-Za-z])', re.I)
SIZEWORD4 = re.compile(r'\b(?:sizes?|[\w]*-sized|nanosized?|thick\w*|diameters?)\b', re.I)  # not 'synthesized'
def stage4_units(sofc, taken):
    """Stage 4 draw (see README): TEST filter sentences, DEV length-unit sentences, then
    TEST and DEV negatives; returns them in that order, each part in draw order."""
    avail = [u for u in sofc if u['id'] not in taken and len(u['text']) <= MAXLEN4]
    def pos(u): return bool(UNIT4.search(u['text']) or (u['split'] == 'test' and SIZEWORD4.search(u['text'])))
    rng4 = random.Random(SEED4)
    pt = [u for u in avail if u['split'] == 'test' and pos(u)]
    pd = [u for u in avail if u['split'] == 'dev' and UNIT4.search(u['text'])]
    nt = [u for u in avail if u['split'] == 'test' and not UNIT4.search(u['text']) and not SIZEWORD4.search(u['text'])]
    nd = [u for u in avail if u['split'] == 'dev' and not UNIT4.search(u['text']) and not SIZEWORD4.search(u['text'])]
    t = rng4.sample(pt, len(pt))              # TEST: the whole (small) pool, in random order
    d = rng4.sample(pd, min(N4_DEV, len(pd)))
    negs = rng4.sample(nt, N4_NEG) + rng4.sample(nd, N4_NEG)
    # extension (decided after the parts above were annotated, to reach ~150 new size mentions):
    # the rest of the DEV UNIT4 pool, drawn with the same generator afterwards, so the draws
    # above are unchanged
    taken_d = {u['id'] for u in d}
    ext = [u for u in pd if u['id'] not in taken_d]
    ext = rng4.sample(ext, len(ext))
    out = t + d + negs + ext
    for k, u in enumerate(out): u['stage'] = 4; u['draw'] = k
    return out
SEED5, N5_SW = 20261201, 40
UNIT5 = re.compile(r'\d[\d.,]*\s*-?\s*(?:Å|nm|[μµ]\s?m|um|mm|cm|αm|microns?|micrometers?|micrometres?|nanometers?|nanometres?|angstroms?)(?![A-Za-z0-9²³−])', re.I)
def stage5_units(sofc, taken):
    """Stage 5 draw (see README): DEV only. Every DEV sentence not in stages 1-4 that matches UNIT5
    (UNIT4 plus `cm`; no length limit, so the table/reference dumps are in), then N5_SW DEV sentences
    of at most 2000 characters that match a size word (SIZEWORD4) but not UNIT5; each part in draw order."""
    avail = [u for u in sofc if u['id'] not in taken and u['split'] == 'dev']
    pool = [u for u in avail if UNIT5.search(u['text'])]
    sw = [u for u in avail if len(u['text']) <= MAXLEN4 and not UNIT5.search(u['text']) and SIZEWORD4.search(u['text'])]
    rng5 = random.Random(SEED5)
    out = rng5.sample(pool, len(pool)) + rng5.sample(sw, N5_SW)
    for k, u in enumerate(out): u['stage'] = 5; u['draw'] = k
    return out
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
    # ---- stage 4 (added after stages 1-3 were fully annotated; stages 1-3 above are unchanged) ----
    # Pool excludes every unit of stages 1-3 and "sentences" longer than 2000 characters (table /
    # reference dumps). TEST: every sentence matching UNIT4 (length unit, also hyphenated `20-μm`,
    # spaced `μ m`, spelled-out units) or a size word (SIZEWORD4: size(s), -sized, thick*, diameter), in random order;
    # DEV: 120 UNIT4 sentences; then 10 TEST and 10 DEV sentences matching neither (negatives);
    # then (extension) the rest of the DEV UNIT4 pool in random order.
    # One generator random.Random(20261130), drawn in that order.
    stage4 = stage4_units(sofc, {u['id'] for u in sel_s})  # sel_s = stages 1-3 incl. negatives
    sel_s += stage4
    # ---- stage 5 (added after stages 1-4 were fully annotated; stages 1-4 above are unchanged) ----
    # DEV only (the TEST articles have no length-unit sentence left): every remaining DEV UNIT5 sentence,
    # any length, then 40 DEV size-word sentences without a length unit. One generator random.Random(20261201).
    stage5 = stage5_units(sofc, {u['id'] for u in sel_s})
    sel_s += stage5
    for u in sel_msp: u['src'] = 'msp'
    for u in sel_s: u['src'] = 'sofc'
    with open('/tmp/gold_selection.jsonl', 'w', encoding='utf-8') as fo:
        for u in sel_msp + sel_s:
            fo.write(json.dumps(u, ensure_ascii=False) + '\n')
    from collections import Counter
    print(Counter((u['src'], u['split'], u['hit']) for u in sel_msp + sel_s), file=sys.stderr)
