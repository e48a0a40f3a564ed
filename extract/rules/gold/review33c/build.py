#!/usr/bin/env python3
"""Build ../outcomes-review33c-failures.jsonl from review33c/ann_*.txt (s33-blind2: the third, independent blind
set for failure entities and paragraph status, GUIDELINE.md section 4; written after reviews 33 and 33b were used
to write the failure rules, without reading those rules, their lexicon, their golden files, the failure sections
of the history or the units of reviews 33 and 33b) with the shared builder review20/build.py (`F span|occurrence`
failure lines, `Z status` lines). Usage: python3 build.py [ann files]; OUT= names another output; SHOW=1 lists
each mention. Borderline decisions: DECISIONS.md."""
import os
import runpy
import sys

here = os.path.dirname(os.path.abspath(__file__))
os.environ.setdefault('OUT', os.path.join(here, '..', 'outcomes-review33c-failures.jsonl'))
sys.argv = [sys.argv[0]] + (sys.argv[1:] or [os.path.join(here, f) for f in ('ann_nc.txt', 'ann_msp.txt', 'ann_sofc.txt', 'ann_neg.txt', 'ann_mix.txt')])
runpy.run_path(os.path.join(here, '..', 'review20', 'build.py'), run_name='__main__')
