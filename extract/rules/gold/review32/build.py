#!/usr/bin/env python3
"""Build ../outcomes-review32.jsonl from review32/ann_*.txt (s32-messy blind round: messy text forms of the
corpora, ARTEFACTS.md) with the shared builder review20/build.py. Usage: python3 build.py [ann files]; OUT= names
another output; SHOW=1 lists each mention."""
import os
import runpy
import sys

here = os.path.dirname(os.path.abspath(__file__))
os.environ.setdefault('OUT', os.path.join(here, '..', 'outcomes-review32.jsonl'))
sys.argv = [sys.argv[0]] + (sys.argv[1:] or [os.path.join(here, f) for f in ('ann_sofc.txt', 'ann_nc.txt', 'ann_msp.txt', 'ann_neg.txt')])
runpy.run_path(os.path.join(here, '..', 'review20', 'build.py'), run_name='__main__')
