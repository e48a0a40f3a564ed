#!/usr/bin/env python3
"""Build ../outcomes-review33-failures.jsonl from review33/ann_*.txt (s33-fail blind round: failure entities
and paragraph status, GUIDELINE.md section 4) with the shared builder review20/build.py (`F span|occurrence`
failure lines, `Z status` lines). Usage: python3 build.py [ann files]; OUT= names another output; SHOW=1 lists
each mention."""
import os
import runpy
import sys

here = os.path.dirname(os.path.abspath(__file__))
os.environ.setdefault('OUT', os.path.join(here, '..', 'outcomes-review33-failures.jsonl'))
sys.argv = [sys.argv[0]] + (sys.argv[1:] or [os.path.join(here, f) for f in ('ann_nc.txt', 'ann_msp.txt', 'ann_sofc.txt', 'ann_neg.txt', 'ann_mix.txt')])
runpy.run_path(os.path.join(here, '..', 'review20', 'build.py'), run_name='__main__')
