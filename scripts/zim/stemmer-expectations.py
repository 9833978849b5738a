#!/usr/bin/python3
"""Record Xapian 1.4's Snowball stems (python3-xapian) for test vocabularies.

Usage: stemmer-expectations.py LANG WORDFILE > stems-LANG.tsv
WORDFILE has one word per line (lower case). Output: word TAB stem.
"""
import sys
import xapian

stem = xapian.Stem(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as f:
    for w in f:
        w = w.strip()
        if w:
            s = stem(w)
            if isinstance(s, bytes):
                s = s.decode("utf-8")
            print(f"{w}\t{s}")
