#!/usr/bin/python3
"""Record Xapian 1.4's query parser output for the queries in QUERIES, in libzim 8.1.1's two configurations.

Usage: queryparser-expectations.py FULLTEXT_DB TITLE_DB > queryparser-1.4.tsv
FULLTEXT_DB / TITLE_DB are single-file glass databases (the X/fulltext/xapian and X/title/xapian blobs of
fixtures/zim/peer-test-small.zim, extracted). Needs Debian's python3-xapian. Output columns: config, query,
description (Query::get_description) or "ERROR <message>".
"""
import sys
import xapian

QUERIES = [
    "mars OR jupiter", '"three-way handshake"', "three-way handshake", "zim file", "AND", "mars OR", "-foo",
    "a -b", "+a b", "NOT foo", "a NOT b", "a AND NOT b", "(a OR b) c", "a)", "C++ language", "don't stop",
    "U.S.A. policy", "running runs", "東京", "東京 タワー", "foo-bar-baz qux", "a.b.c", "x@y.com", "a NEAR b",
    "a ADJ/3 b", "a NEAR/2 b", '"a b" c', "title:foo", "café", "Zürich", "3.14 pi", "AT&T", "mars XOR jupiter",
    "a AND -b", "a OR -b", '"unclosed phrase', "((nested)", "the of and", "", "   ", "!!!", "+", "-", "a - b",
    "a + b", "a +b -c d", "1,000,000 people", "e-mail", "co-operate", "naïve café", "Αθήνα", "Москва",
    "São Paulo", "x ( y", "x ) y", '""', '"" a', "a b c d e", "what is the zim format",
    "ADJ", "NEAR", "OR OR", "a OR OR b", "a AND b OR c", "a OR b AND c", "a XOR b XOR c", "(a", "a (b c) d",
    "C# and F#", "don’t", "l'été", "foo_bar", "α-β", "x+y", "ASCII-only", "I.B.M", "A.b", "Ab.Cd",
    "lov", "zim fi", "protocol", "Gopher (protocol)", "zur", "Zürich city", "0posanchor mars", "the",
    "xylophone quasar", "mars OR jupiter OR saturn", "mars jupiter OR saturn", "+mars +jupiter", "-mars -jupiter",
    "mars -jupiter -saturn", "(mars) (jupiter)", "mars AND (jupiter OR saturn)", "web-browser ok",
    "WWW", "HTTP/1.1", "rfc 1436", "2024-06-01", "e=mc2", "[bracket]", "{brace}", "<tag>", "a*", "*a",
]


def main():
    ft = xapian.Database(sys.argv[1])
    title = xapian.Database(sys.argv[2])
    configs = []
    qp = xapian.QueryParser()
    qp.set_database(ft)
    qp.set_default_op(xapian.Query.OP_AND)
    qp.set_stemmer(xapian.Stem("en"))
    qp.set_stemming_strategy(qp.STEM_ALL)
    configs.append(("fulltext", qp, qp.FLAG_DEFAULT))
    sp = xapian.QueryParser()
    sp.set_database(title)
    sp.set_default_op(xapian.Query.OP_AND)
    sp.set_stemmer(xapian.Stem("en"))
    sp.set_stemming_strategy(sp.STEM_SOME)
    configs.append(("suggest", sp, sp.FLAG_DEFAULT | sp.FLAG_PARTIAL))
    np = xapian.QueryParser()
    np.set_database(title)
    np.set_default_op(xapian.Query.OP_AND)
    np.set_stemmer(xapian.Stem("en"))
    np.set_stemming_strategy(np.STEM_NONE)
    configs.append(("phrase", np, np.FLAG_DEFAULT))
    for name, parser, flags in configs:
        for q in QUERIES:
            try:
                d = str(parser.parse_query(q, flags))
            except xapian.QueryParserError as e:
                d = "ERROR " + str(e)
            print(f"{name}\t{q}\t{d}")


main()
