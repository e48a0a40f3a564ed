#!/usr/bin/env python3
"""The input of bench/extract.sh: ~MB megabytes of JSON Lines {"id", "text"} from the MSP synthesis
paragraphs (repeated, ids varied), the same paragraph texts one per line for the gzip reference, and
OUT.bytes with the paragraph bytes. Also the bench2 diff set of scripts/extract-check (MB = 2).
Usage: bench/extract_input.py MSP_DATA_DIR OUT.jsonl TEXT_OUT.txt MB"""
import json, os, sys
data, out, text_out, mb = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
paras = []
for name in sorted(os.listdir(data)):
    if name.endswith('.txt'):
        lines = open(os.path.join(data, name), encoding='utf-8').read().split('\n', 2)
        if len(lines) == 3 and lines[2].strip():
            paras.append(lines[2].strip())
# Nanocrystal paragraphs with °C, ℃, ±, unicode dashes, so that the non-ASCII paths are timed too.
paras.append("CdO (0.2 mmol), oleic acid (0.8 mmol) and ODE (10 mL) were degassed at 120 °C for 1 h, "
             "heated to 300 °C under N2, and 1 mL of 0.5 M TOP-Se was injected; the NCs grew at 260–280 ℃ "
             "for 90 s. CsPbBr3 nanocubes (9.5 ± 0.8 nm) showed PL at 512 nm (FWHM 20 nm, PLQY 85%).")
target = int(mb * 1e6)
size = 0
i = 0
with open(out, 'w', encoding='utf-8') as f, open(text_out, 'w', encoding='utf-8') as t:
    while size < target:
        p = paras[i % len(paras)]
        f.write(json.dumps({"id": i, "text": p}, ensure_ascii=False) + "\n")
        t.write(p + "\n")
        size += len(p.encode('utf-8'))
        i += 1
print(size, file=open(out + '.bytes', 'w'))
