#!/usr/bin/python3
"""Build a synthetic single-file glass database with Xapian 1.4 (python3-xapian) and record Xapian's answers.

Usage: make-test-glass.py OUTDIR
Writes OUTDIR/synthetic.glass (5,000 documents: Zipf-distributed English words so that common terms span
several posting chunks and the B-tree has branch levels, a few CJK documents indexed with FLAG_CJK_NGRAM,
libzim-like metadata with stop words, compressed document data, values in slot 0) and
OUTDIR/synthetic-expected.json: for each query, the parse (get_description), the estimate of
get_mset(0, 0, 10) and the first 20 results (docid, weight) with BM25 defaults, as libzim 8.1.1 configures
the query parser (AND, STEM_ALL, English stemmer, stop words) plus FLAG_CJK_NGRAM for CJK queries.
Deterministic (fixed seed).
"""
import json
import os
import random
import shutil
import sys
import tempfile

import xapian

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rnd = random.Random(1134)
words = ("protocol archive search index offline reader article title kiwix wikipedia python library module "
         "function class network server client gopher gemini request response document text content page link "
         "running runs runner connection connected connecting history science planet star galaxy ocean river "
         "mountain city country language music painting theatre football chemistry biology physics algebra "
         "geometry the of and to in is was for on with as by at from").split()
vocab = words + ["w%04d" % i for i in range(3000)]
weights = [1.0 / (i + 1) ** 0.9 for i in range(len(vocab))]
stop = ["the", "of", "and", "to", "in", "is", "was", "for", "on", "with", "as", "by", "at", "from"]
cjk = ["東京は日本の首都です", "北京是中国的首都", "東京タワーと京都", "서울은 한국의 수도입니다"]

tmp = tempfile.mkdtemp()
db = xapian.WritableDatabase(os.path.join(tmp, "db"), xapian.DB_CREATE_OR_OVERWRITE)
tg = xapian.TermGenerator()
tg.set_stemmer(xapian.Stem("en"))
tg.set_stemming_strategy(tg.STEM_ALL)
stopper = xapian.SimpleStopper()
for w in stop:
    stopper.add(w)
tg.set_stopper(stopper)
tg.set_stopper_strategy(tg.STOP_ALL)
for i in range(5000):
    doc = xapian.Document()
    tg.set_document(doc)
    n = rnd.randint(5, 120)
    text = " ".join(rnd.choices(vocab, weights=weights, k=n))
    tg.index_text_without_positions(text)
    if i % 997 == 0:
        tg.set_flags(tg.FLAG_CJK_NGRAM)
        tg.index_text_without_positions(cjk[(i // 997) % len(cjk)])
        tg.set_flags(0)
    title = "Document number %d about %s" % (i, vocab[i % 60])
    doc.set_data("C/doc/%05d.html" % i)
    doc.add_value(0, title)
    db.add_document(doc)
db.set_metadata("valuesmap", "title:0")
db.set_metadata("kind", "fulltext")
db.set_metadata("data", "fullPath")
db.set_metadata("language", "eng")
db.set_metadata("stopwords", "\n".join(stop))
db.commit()
single = os.path.join(out, "synthetic.glass")
if os.path.exists(single):
    os.remove(single)
db.compact(single, xapian.DBCOMPACT_SINGLE_FILE | xapian.Compactor.FULLER)
db.close()
shutil.rmtree(tmp)

rdb = xapian.Database(single)
qp = xapian.QueryParser()
qp.set_database(rdb)
qp.set_default_op(xapian.Query.OP_AND)
qp.set_stemmer(xapian.Stem("en"))
qp.set_stemming_strategy(qp.STEM_ALL)
qp.set_stopper(stopper)
queries = ["protocol", "archive search", "the", "the archive", "running", "connection OR network",
           "python -library", "w0001", "w0001 w0002", "w0005 OR w0007 OR w0011", "\"search index\"",
           "history science", "planet star galaxy", "w2999", "nothingatall", "protocol AND NOT w0003",
           "+gopher gemini", "mountain XOR river", "東京", "首都", "서울은", "football OR chemistry OR biology",
           "w0100 OR w0200", "of the archive"]
rows = []
for q in queries:
    flags = qp.FLAG_DEFAULT
    if any(ord(c) > 0x2e80 for c in q):
        flags |= qp.FLAG_CJK_NGRAM
    parsed = qp.parse_query(q, flags)
    e = xapian.Enquire(rdb)
    e.set_query(parsed)
    est = e.get_mset(0, 0, 10).get_matches_estimated()
    m = e.get_mset(0, 20)
    rows.append({"query": q, "cjk": bool(flags & qp.FLAG_CJK_NGRAM), "parsed": str(parsed), "estimated": est,
                 "top": [[x.docid, x.weight] for x in m]})
with open(os.path.join(out, "synthetic-expected.json"), "w", encoding="utf-8") as f:
    json.dump({"doccount": rdb.get_doccount(), "queries": rows}, f, ensure_ascii=False, indent=1)
print(single, os.path.getsize(single))
