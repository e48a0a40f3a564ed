#!/usr/bin/env python3
"""Adversarial one-paragraph inputs for `synthdb extract` (super-linear time hunt, s33-slow).
Each shape is built at 10, 40 and 160 KB, run through the binary (one line of JSON, one paragraph)
and timed; the script prints per shape the seconds at each size and the growth ratio per 4x size
(t40/t10 and t160/t40): about 4 is linear, about 16 quadratic. The 'bench2-like' shape (real MSP
synthesis paragraphs concatenated into one paragraph) is the reference of the same binary.
A ratio is printed, never asserted (no timed tests in this project).
Usage: bench/extract_adversarial.py SYNTHDB [--sets DIR] [--sizes 10,40,160] [--only NAME,..]
                                     [--timeout S] [--write DIR]
  --sets DIR   a folder with bench2.jsonl (default /work/wt/s33-sets); its longest paragraphs make
               the 'real-long' and 'bench2-like' shapes (skipped when absent)
  --write DIR  also write each input as DIR/NAME-SIZEk.jsonl (for callgrind)"""
import argparse, json, os, subprocess, sys, time

def rep(unit, n):
    return (unit * (n // max(1, len(unit.encode('utf-8'))) + 1))

def fit(s, nbytes):
    b = s.encode('utf-8')[:nbytes]
    return b.decode('utf-8', 'ignore')

def shapes(sets):
    out = {}
    for name, sep in [('hyph-minus', '-'), ('hyph-u2010', '\u2010'), ('hyph-u2013', '\u2013'),
                      ('slash', '/'), ('at', '@'), ('colon', ':'), ('middot', '\u00b7'),
                      ('times', '\u00d7'), ('plus', '+'), ('comma', ',')]:
        out['tok-abcd-' + name] = lambda n, sep=sep: rep('abcd' + sep, n)
        out['tok-nano-' + name] = lambda n, sep=sep: rep('nano' + sep, n)
        out['tok-CdSe-' + name] = lambda n, sep=sep: rep('CdSe' + sep, n)
    out['cue-heated'] = lambda n: rep('was heated at 200 \u00b0C and ', n)
    out['cue-noNC'] = lambda n: rep('no nanocrystals were formed and ', n)
    out['cue-aggregated'] = lambda n: rep('the NCs aggregated, ', n)
    out['nums-nm'] = lambda n: ', '.join(str(i) for i in range(1, n // 3)) + ' nm'
    out['nums-units'] = lambda n: ', '.join('%d nm' % i for i in range(1, n // 5))
    out['nums-pm'] = lambda n: ', '.join('%d.5 \u00b1 0.2' % (i % 10) for i in range(n // 9))
    out['nums-pm-nm'] = lambda n: ', '.join('%d.5 \u00b1 0.2 nm' % (i % 10) for i in range(n // 12))
    out['brackets-open'] = lambda n: '(' * n
    out['brackets-close'] = lambda n: ')' * n
    out['brackets-nested'] = lambda n: '(' * (n // 4) + 'CdSe' + ')' * (n // 4)
    out['brackets-words'] = lambda n: rep('(CdSe [ZnS {oleic ', n)
    out['caps-CsPbBr3'] = lambda n: rep('CsPbBr3', n)
    out['caps-LSCF'] = lambda n: rep('La0.6Sr0.4Co0.2Fe0.8O3-\u03b4', n)
    out['caps-LSCF-sp'] = lambda n: rep('La0.6Sr0.4Co0.2Fe0.8O3-\u03b4 ', n)
    out['caps-upper'] = lambda n: rep('ABCDEFGH', n)
    out['table'] = lambda n: 'Sample Size (nm) PLQY (%) ' + rep('A 1 2 B 3 4 ', n)
    out['table-headers'] = lambda n: rep('Table 1 Caption of the sizes (nm) and PLQY (%) ', n)
    out['refs'] = lambda n: rep('[1] A. B. Smith, J. Chem. 2019, 12, 345. ', n)
    out['nospace'] = lambda n: rep('CdSenanocrystalsweresynthesizedat300C', n)
    out['spaces'] = lambda n: 'x' + ' ' * n + 'y'
    out['newlines'] = lambda n: 'x' + '\n' * n + 'y'
    out['short-sentences'] = lambda n: rep('CdSe NCs formed. ', n)
    out['mixed-sentences'] = lambda n: rep('CdO (0.2 mmol) and OA were heated to 300 \u00b0C. The 5 nm NCs aggregated. ', n)
    out['digits'] = lambda n: rep('1234567890', n)
    out['units-only'] = lambda n: rep('nm ', n)
    out['percent'] = lambda n: rep('5% ', n)
    out['tempchain'] = lambda n: rep('200\u2013', n)
    out['ratio-chain'] = lambda n: rep('1:', n)
    out['mmol-chain'] = lambda n: rep('0.2 mmol ', n)
    out['conc-chain'] = lambda n: rep('0.5 M ', n)
    out['dot-chain'] = lambda n: rep('a.', n)
    out['quote-chain'] = lambda n: rep('"a', n)
    out['semicolon-chain'] = lambda n: rep('CdSe; ', n)
    out['and-chain'] = lambda n: rep('CdSe and ', n)
    out['of-chain'] = lambda n: rep('of the ', n)
    out['tok-words-hyph'] = lambda n: rep('oleylamine-capped-CdSe-nanocrystal-', n)
    out['tok-shaped-hyph'] = lambda n: rep('nanorod-shaped-', n)
    out['tok-coreshell'] = lambda n: rep('CdSe/ZnS core/shell ', n)
    out['tok-top-se'] = lambda n: rep('TOP-Se-', n)
    out['tok-octadecene'] = lambda n: rep('1-octadecene-', n)
    out['tok-nn'] = lambda n: rep('N,N-', n)
    out['tok-degc'] = lambda n: rep('200°C-', n)
    out['tok-greek'] = lambda n: rep('α-β-γ-', n)
    out['tok-x-doped'] = lambda n: rep('Mn2+-doped-', n)
    out['open-words'] = lambda n: rep('(CdSe NCs ', n)
    out['open-quote-words'] = lambda n: rep('“CdSe NCs ', n)
    out['x-equals'] = lambda n: rep('x = 0.1, ', n)
    out['names-list'] = lambda n: rep('CdSe, CdS, ZnS, PbS, InP, ', n)
    out['precursors'] = lambda n: rep('cadmium oleate and ', n)
    out['sizes-range'] = lambda n: rep('5–10 nm ', n)
    out['sample-labels'] = lambda n: rep('sample S1 and ', n)
    out['figure-refs'] = lambda n: rep('(Fig. 1a) ', n)
    bench = os.path.join(sets or '', 'bench2.jsonl')
    if sets and os.path.exists(bench):
        texts = [json.loads(l)['text'] for l in open(bench, encoding='utf-8') if l.strip()]
        longest = sorted(set(texts), key=len, reverse=True)[:50]
        out['real-long'] = lambda n: rep(' '.join(longest) + ' ', n)
        out['bench2-like'] = lambda n: rep(' '.join(texts[:200]) + ' ', n)
    return out

def run(binary, text, timeout):
    line = json.dumps({"id": 1, "text": text}, ensure_ascii=False) + '\n'
    t = time.time()
    try:
        subprocess.run([binary, 'extract'], input=line.encode('utf-8'), stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    return time.time() - t

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('synthdb')
    ap.add_argument('--sets', default='/work/wt/s33-sets')
    ap.add_argument('--sizes', default='10,40,160')
    ap.add_argument('--only', default='')
    ap.add_argument('--timeout', type=float, default=60)
    ap.add_argument('--write', default='')
    a = ap.parse_args()
    sizes = [int(s) for s in a.sizes.split(',')]
    sh = shapes(a.sets)
    only = [s for s in a.only.split(',') if s]
    print('%-22s ' % 'shape' + ' '.join('%8s' % ('%dKB' % s) for s in sizes) + '  ratio/4x')
    for name, f in sh.items():
        if only and not any(o in name for o in only):
            continue
        ts = []
        for kb in sizes:
            text = fit(f(kb * 1000), kb * 1000)
            if a.write:
                with open(os.path.join(a.write, '%s-%dk.jsonl' % (name, kb)), 'w', encoding='utf-8') as w:
                    w.write(json.dumps({"id": 1, "text": text}, ensure_ascii=False) + '\n')
            t = None if (ts and ts[-1] is None) else run(a.synthdb, text, a.timeout)
            ts.append(t)
        cells = ' '.join('%8s' % ('>%ds' % a.timeout if t is None else '%.2f' % t) for t in ts)
        ratios = ' '.join('%.1f' % (ts[i + 1] / ts[i]) if ts[i] and ts[i + 1] and ts[i] > 0.02 else '-'
                          for i in range(len(ts) - 1))
        print('%-22s %s  %s' % (name, cells, ratios), flush=True)

if __name__ == '__main__':
    main()
