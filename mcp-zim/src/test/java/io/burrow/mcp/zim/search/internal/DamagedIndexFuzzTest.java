package io.burrow.mcp.zim.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.zim.search.IndexBlob;
import io.burrow.mcp.zim.search.IndexFormatException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged databases (the fixture's full-text and title databases and the 5,000-document synthetic one with a
 * two-level B-tree): random byte flips, overwritten runs, block-header and item-directory corruption,
 * truncation. Every case must either work or raise {@link IndexFormatException}; nothing else may escape, and
 * the whole run is bounded in time (no hang).
 */
final class DamagedIndexFuzzTest {

    private static final int CASES_PER_DB = 4000;
    private static final int SYNTHETIC_CASES = 500;

    private static final String[] QUERIES = {"protocol", "zim file", "mars OR jupiter", "\"three-way handshake\"",
        "quasar -saturn", "lov", "zurich", "Москва", "x"};

    @Test
    void mutatedDatabases_failWithTypedErrorsOrWork() {
        byte[] ft = Fixtures.blob("peer-test-small.zim", 'X', "fulltext/xapian");
        byte[] title = Fixtures.blob("peer-test-small.zim", 'X', "title/xapian");
        byte[] synthetic;
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(
                DamagedIndexFuzzTest.class.getResourceAsStream("/search/synthetic/synthetic.glass.gz"))) {
            synthetic = in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int[] outcome = new int[3]; // ok, typed error, cases
        List<String> unexpected = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofMinutes(4), () -> {
            Random rnd = new Random(20261125);
            for (byte[] original : new byte[][] {ft, title, synthetic}) {
                int cases = original == synthetic ? SYNTHETIC_CASES : CASES_PER_DB;
                for (int c = 0; c < cases; c++) {
                    byte[] m = mutate(original, rnd, c);
                    outcome[2]++;
                    try {
                        exercise(m);
                        outcome[0]++;
                    } catch (BurrowException e) {
                        assertThat(e).isInstanceOf(IndexFormatException.class);
                        outcome[1]++;
                    } catch (RuntimeException | StackOverflowError e) {
                        unexpected.add("case " + c + ": " + e);
                    }
                }
            }
        });
        System.err.println("fuzz: " + outcome[2] + " cases, " + outcome[0] + " still readable, " + outcome[1]
                + " typed INDEX_FORMAT_ERROR, " + unexpected.size() + " unexpected");
        assertThat(unexpected).isEmpty();
        assertThat(outcome[2]).isEqualTo(2 * CASES_PER_DB + SYNTHETIC_CASES);
        assertThat(outcome[1]).as("damage is detected").isGreaterThan(CASES_PER_DB / 4);
    }

    private static byte[] mutate(byte[] src, Random rnd, int c) {
        byte[] m = src.clone();
        int blocks = m.length / 8192;
        switch (c % 6) {
            case 0 -> { // a few random byte flips anywhere
                for (int k = 1 + rnd.nextInt(8); k > 0; k--) {
                    m[rnd.nextInt(m.length)] ^= (byte) (1 + rnd.nextInt(255));
                }
            }
            case 1 -> { // a run of random bytes
                int at = rnd.nextInt(m.length);
                int len = Math.min(m.length - at, 1 + rnd.nextInt(64));
                for (int i = 0; i < len; i++) {
                    m[at + i] = (byte) rnd.nextInt(256);
                }
            }
            case 2 -> { // block header: level, dir_end, free counts
                int b = 1 + rnd.nextInt(Math.max(1, blocks - 1));
                int off = b * 8192 + rnd.nextInt(11);
                m[off] = (byte) rnd.nextInt(256);
            }
            case 3 -> { // item directory entries
                int b = 1 + rnd.nextInt(Math.max(1, blocks - 1));
                int off = b * 8192 + 11 + rnd.nextInt(200);
                m[off] = (byte) rnd.nextInt(256);
            }
            case 4 -> { // the version record
                m[14 + rnd.nextInt(120)] ^= (byte) (1 + rnd.nextInt(255));
            }
            default -> { // truncation
                return java.util.Arrays.copyOf(m, rnd.nextInt(m.length));
            }
        }
        return m;
    }

    private static void exercise(byte[] blob) {
        GlassDatabase db = GlassDatabase.open(IndexBlob.of(blob));
        db.metadata("valuesmap");
        db.metadata("language");
        for (long d = 1; d <= Math.min(db.lastDocid(), 64); d++) {
            db.documentData(d);
            db.value(0, d);
            db.docLength(d);
        }
        PostingList dl = db.docLengths();
        if (dl != null) {
            for (long d = dl.next(); d != PostingList.END; d = dl.next()) {
                dl.wdf();
            }
        }
        db.termsWithPrefix("p", 1000);
        var en = Stemmers.forLanguage("en").orElseThrow();
        QueryParser all = new QueryParser(en, QueryParser.Stem.ALL, null, db::termExists);
        QueryParser some = new QueryParser(en, QueryParser.Stem.SOME, null, db::termExists);
        for (String q : QUERIES) {
            Matcher.run(db, all.parse(q, QueryParser.FLAG_DEFAULT), Matcher.Options.relevance(Bm25.DEFAULT), 0, 10);
            Matcher.run(db, some.parse(q, QueryParser.FLAG_DEFAULT | QueryParser.FLAG_PARTIAL),
                    new Matcher.Options(Bm25.SUGGESTION, 0, 1, null, null), 0, 10);
            XQuery phrase = XQuery.of(XQuery.Op.PHRASE,
                    List.of(new XQuery.Term("0posanchor", 0, 1), new XQuery.Term(q.toLowerCase(), 0, 1)), 2);
            Matcher.run(db, phrase, Matcher.Options.relevance(Bm25.SUGGESTION), 0, 10);
        }
    }
}
