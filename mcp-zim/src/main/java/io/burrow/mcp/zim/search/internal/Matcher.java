package io.burrow.mcp.zim.search.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * Matches an {@link XQuery} against a {@link GlassDatabase} the way Xapian 1.4's matcher does for libzim's
 * queries: the same postlist tree shapes (AND contexts sorted by estimated frequency, OR trees paired like a
 * Huffman code, phrases as positional filters, synonyms weighted as one term), the same BM25 arithmetic, the
 * same result order (weight, then optional sort value, then docid) and the same match-count estimate that
 * {@code get_mset(0, 0, 10)} reports. Every match is visited, so the exact count is known too.
 */
public final class Matcher {

    /** Sentinel docid after the end. */
    static final long END = Long.MAX_VALUE;

    /** Match options. */
    public record Options(Bm25 weighting, int sortValueSlot, int collapseSlot, LongPredicate filter,
                          LongPredicate promote) {
        /** Relevance order, no collapsing, no filter. */
        public static Options relevance(Bm25 w) {
            return new Options(w, -1, -1, null, null);
        }

        /** The same options with a filter (a match decider). */
        public Options withFilter(LongPredicate f) {
            return new Options(weighting, sortValueSlot, collapseSlot, f, promote);
        }

        /** The same options with documents to rank first. */
        public Options withPromote(LongPredicate p) {
            return new Options(weighting, sortValueSlot, collapseSlot, filter, p);
        }
    }

    /** One result. */
    public record Hit(long docid, double weight, String sortKey) {
    }

    /**
     * The outcome of a match.
     *
     * @param hits the requested page
     * @param matches exact number of matching documents (after collapsing and filtering)
     * @param estimated the estimate Xapian's {@code get_mset(0, 0, 10)} reports for the same query
     * @param maxWeight greatest weight seen
     * @param percentScale factor turning a weight into Xapian's percentage
     */
    public record Result(List<Hit> hits, long matches, long estimated, double maxWeight, double percentScale) {
        /** Xapian's percentage for a weight ({@code MSet::convert_to_percent}). */
        public int percent(double weight) {
            int pcent = (int) (weight * percentScale + 100.0 * Math.ulp(1.0));
            if (pcent == 0 && weight > 0) {
                return 1;
            }
            return Math.max(0, Math.min(100, pcent));
        }
    }

    private final GlassDatabase db;
    private final Options opts;
    private final long dbSize;
    private final double avgLen;
    private final DocLen doclen;
    private int totalSubqs;

    private Matcher(GlassDatabase db, Options opts) {
        this.db = db;
        this.opts = opts;
        this.dbSize = db.docCount();
        this.avgLen = db.averageLength();
        this.doclen = new DocLen(db);
    }

    /** Runs {@code q} and returns results {@code [first, first + max)}. */
    public static Result run(GlassDatabase db, XQuery q, Options opts, int first, int max) {
        if (q == null || db.docCount() == 0) {
            return new Result(List.of(), 0, 0, 0, 0);
        }
        Matcher m = new Matcher(db, opts);
        PL root = m.build(q, 1.0);
        return m.match(root, first, max);
    }

    // ------------------------------------------------------------------ document lengths

    /** Document lengths, memoised for the current document. */
    private static final class DocLen {
        private final GlassDatabase db;
        private long lastDid = -1;
        private long lastLen;
        private GlassDatabase.DocLenChunk chunk;

        DocLen(GlassDatabase db) {
            this.db = db;
        }

        long get(long did) {
            if (did != lastDid) {
                if (chunk == null || !chunk.covers(did)) {
                    chunk = db.docLenChunk(did);
                }
                lastLen = chunk == null ? 0 : chunk.length(did);
                lastDid = did;
            }
            return lastLen;
        }
    }

    // ------------------------------------------------------------------ postlists

    /** Estimates used for synonym weights. */
    private record Freqs(long termFreq, long collFreq) {
    }

    private abstract static class PL {
        long did;

        abstract long next();

        abstract long skipTo(long target);

        abstract double weight();

        abstract long est();

        abstract long tfMin();

        abstract long tfMax();

        long wdf() {
            return 0;
        }

        abstract Freqs estUsingStats();

        /** The leaves under this postlist (for phrase checks). */
        void leaves(List<Leaf> out) {
        }

        int matchingSubqs() {
            return 0;
        }
    }

    private final class Leaf extends PL {
        final String term;
        final PostingList pl;
        final Bm25.Term w;
        final long tf;
        final long cf;

        Leaf(String term, double factor) {
            this.term = term;
            this.pl = db.postings(term);
            this.tf = pl == null ? 0 : pl.termFreq();
            this.cf = pl == null ? 0 : pl.collFreq();
            this.w = factor == 0 ? null : opts.weighting().term(dbSize, tf, avgLen, 1, factor);
            if (factor != 0) {
                totalSubqs++;
            }
        }

        @Override
        long next() {
            return did = pl == null ? END : pl.next();
        }

        @Override
        long skipTo(long target) {
            if (did >= target) {
                return did;
            }
            return did = pl == null ? END : pl.skipTo(target);
        }

        @Override
        double weight() {
            return w == null ? 0 : w.sumpart(pl.wdf(), doclen.get(did));
        }

        @Override
        long wdf() {
            return pl.wdf();
        }

        @Override
        long est() {
            return tf;
        }

        @Override
        long tfMin() {
            return tf;
        }

        @Override
        long tfMax() {
            return tf;
        }

        @Override
        Freqs estUsingStats() {
            return new Freqs(tf, cf);
        }

        @Override
        void leaves(List<Leaf> out) {
            out.add(this);
        }

        @Override
        int matchingSubqs() {
            return w == null ? 0 : 1;
        }
    }

    private static final class Empty extends PL {
        @Override
        long next() {
            return did = END;
        }

        @Override
        long skipTo(long t) {
            return did = END;
        }

        @Override
        double weight() {
            return 0;
        }

        @Override
        long est() {
            return 0;
        }

        @Override
        long tfMin() {
            return 0;
        }

        @Override
        long tfMax() {
            return 0;
        }

        @Override
        Freqs estUsingStats() {
            return new Freqs(0, 0);
        }
    }

    private final class MultiAnd extends PL {
        final PL[] kids;

        MultiAnd(PL[] kids) {
            this.kids = kids;
        }

        private long align(long cand) {
            outer:
            while (cand != END) {
                for (int k = 1; k < kids.length; k++) {
                    long d = kids[k].skipTo(cand);
                    if (d > cand) {
                        cand = kids[0].skipTo(d);
                        continue outer;
                    }
                }
                return cand;
            }
            return END;
        }

        @Override
        long next() {
            return did = align(kids[0].next());
        }

        @Override
        long skipTo(long target) {
            if (did >= target) {
                return did;
            }
            return did = align(kids[0].skipTo(target));
        }

        @Override
        double weight() {
            double r = 0;
            for (PL k : kids) {
                r += k.weight();
            }
            return r;
        }

        @Override
        long wdf() {
            long s = 0;
            for (PL k : kids) {
                s += k.wdf();
            }
            return s;
        }

        @Override
        long est() {
            double result = kids[0].est();
            for (int k = 1; k < kids.length; k++) {
                result = (result * kids[k].est()) / dbSize;
            }
            return (long) (result + 0.5);
        }

        @Override
        long tfMin() {
            long sum = kids[0].tfMin();
            if (sum != 0) {
                for (int k = 1; k < kids.length; k++) {
                    sum += kids[k].tfMin();
                    if (sum <= dbSize) {
                        return 0;
                    }
                    sum -= dbSize;
                }
            }
            return sum;
        }

        @Override
        long tfMax() {
            long r = kids[0].tfMax();
            for (PL k : kids) {
                r = Math.min(r, k.tfMax());
            }
            return r;
        }

        @Override
        Freqs estUsingStats() {
            Freqs f = kids[0].estUsingStats();
            double freqest = f.termFreq;
            double collest = f.collFreq;
            for (int k = 1; k < kids.length; k++) {
                Freqs g = kids[k].estUsingStats();
                freqest = (freqest * g.termFreq) / dbSize;
                if (db.totalLength() != 0) {
                    collest = (collest * g.collFreq) / db.totalLength();
                }
            }
            return new Freqs((long) (freqest + 0.5), (long) (collest + 0.5));
        }

        @Override
        void leaves(List<Leaf> out) {
            for (PL k : kids) {
                k.leaves(out);
            }
        }

        @Override
        int matchingSubqs() {
            int n = 0;
            for (PL k : kids) {
                n += k.matchingSubqs();
            }
            return n;
        }
    }

    private final class Or extends PL {
        final PL l;
        final PL r;
        long lhead;
        long rhead;
        boolean started;

        Or(PL l, PL r) {
            this.l = l;
            this.r = r;
        }

        @Override
        long next() {
            if (!started) {
                started = true;
                lhead = l.next();
                rhead = r.next();
            } else {
                if (lhead == did) {
                    lhead = l.next();
                }
                if (rhead == did) {
                    rhead = r.next();
                }
            }
            return did = Math.min(lhead, rhead);
        }

        @Override
        long skipTo(long target) {
            if (started && did >= target) {
                return did;
            }
            started = true;
            lhead = l.skipTo(target);
            rhead = r.skipTo(target);
            return did = Math.min(lhead, rhead);
        }

        @Override
        double weight() {
            if (lhead < rhead) {
                return l.weight();
            }
            if (lhead > rhead) {
                return r.weight();
            }
            return l.weight() + r.weight();
        }

        @Override
        long wdf() {
            if (lhead < rhead) {
                return l.wdf();
            }
            if (lhead > rhead) {
                return r.wdf();
            }
            return l.wdf() + r.wdf();
        }

        @Override
        long est() {
            if (dbSize == 0) {
                return 0;
            }
            double le = l.est();
            double re = r.est();
            return (long) (le + re - (le * re / dbSize) + 0.5);
        }

        @Override
        long tfMin() {
            return Math.max(l.tfMin(), r.tfMin());
        }

        @Override
        long tfMax() {
            return Math.min(l.tfMax() + r.tfMax(), dbSize);
        }

        @Override
        Freqs estUsingStats() {
            Freqs a = l.estUsingStats();
            Freqs b = r.estUsingStats();
            double fe = a.termFreq + b.termFreq - ((double) a.termFreq * b.termFreq / dbSize);
            double ce = 0;
            if (db.totalLength() != 0) {
                ce = a.collFreq + b.collFreq - ((double) a.collFreq * b.collFreq / db.totalLength());
            }
            return new Freqs((long) (fe + 0.5), (long) (ce + 0.5));
        }

        @Override
        void leaves(List<Leaf> out) {
            l.leaves(out);
            r.leaves(out);
        }

        @Override
        int matchingSubqs() {
            if (lhead < rhead) {
                return l.matchingSubqs();
            }
            if (lhead > rhead) {
                return r.matchingSubqs();
            }
            return l.matchingSubqs() + r.matchingSubqs();
        }
    }

    private final class AndNot extends PL {
        final PL l;
        final PL r;

        AndNot(PL l, PL r) {
            this.l = l;
            this.r = r;
        }

        private long settle(long d) {
            while (d != END) {
                long rd = r.skipTo(d);
                if (rd != d) {
                    return d;
                }
                d = l.next();
            }
            return END;
        }

        @Override
        long next() {
            return did = settle(l.next());
        }

        @Override
        long skipTo(long target) {
            if (did >= target) {
                return did;
            }
            return did = settle(l.skipTo(target));
        }

        @Override
        double weight() {
            return l.weight();
        }

        @Override
        long wdf() {
            return l.wdf();
        }

        @Override
        long est() {
            double e = l.est() * (1.0 - (double) r.est() / dbSize);
            return (long) (e + 0.5);
        }

        @Override
        long tfMin() {
            long a = l.tfMin();
            long b = r.tfMax();
            return a > b ? a - b : 0;
        }

        @Override
        long tfMax() {
            return l.tfMax();
        }

        @Override
        Freqs estUsingStats() {
            Freqs a = l.estUsingStats();
            Freqs b = r.estUsingStats();
            double fe = a.termFreq * (1.0 - (double) b.termFreq / dbSize);
            double ce = db.totalLength() == 0 ? 0 : a.collFreq * (1.0 - (double) b.collFreq / db.totalLength());
            return new Freqs((long) (fe + 0.5), (long) (ce + 0.5));
        }

        @Override
        void leaves(List<Leaf> out) {
            l.leaves(out);
        }

        @Override
        int matchingSubqs() {
            return l.matchingSubqs();
        }
    }

    private final class AndMaybe extends PL {
        final PL l;
        final PL r;
        long rhead;

        AndMaybe(PL l, PL r) {
            this.l = l;
            this.r = r;
        }

        @Override
        long next() {
            did = l.next();
            if (did != END) {
                rhead = r.skipTo(did);
            }
            return did;
        }

        @Override
        long skipTo(long target) {
            if (did >= target) {
                return did;
            }
            did = l.skipTo(target);
            if (did != END) {
                rhead = r.skipTo(did);
            }
            return did;
        }

        @Override
        double weight() {
            return rhead == did ? l.weight() + r.weight() : l.weight();
        }

        @Override
        long wdf() {
            return rhead == did ? l.wdf() + r.wdf() : l.wdf();
        }

        @Override
        long est() {
            return l.est();
        }

        @Override
        long tfMin() {
            return l.tfMin();
        }

        @Override
        long tfMax() {
            return l.tfMax();
        }

        @Override
        Freqs estUsingStats() {
            return l.estUsingStats();
        }

        @Override
        void leaves(List<Leaf> out) {
            l.leaves(out);
            r.leaves(out);
        }

        @Override
        int matchingSubqs() {
            return rhead == did ? l.matchingSubqs() + r.matchingSubqs() : l.matchingSubqs();
        }
    }

    /** Documents matched by an odd number of the children. */
    private final class Xor extends PL {
        final PL[] kids;
        final long[] heads;
        boolean started;

        Xor(PL[] kids) {
            this.kids = kids;
            this.heads = new long[kids.length];
        }

        private long settle() {
            while (true) {
                long min = END;
                for (long h : heads) {
                    min = Math.min(min, h);
                }
                if (min == END) {
                    return END;
                }
                int count = 0;
                for (long h : heads) {
                    if (h == min) {
                        count++;
                    }
                }
                if ((count & 1) == 1) {
                    return min;
                }
                for (int k = 0; k < kids.length; k++) {
                    if (heads[k] == min) {
                        heads[k] = kids[k].next();
                    }
                }
            }
        }

        @Override
        long next() {
            if (!started) {
                started = true;
                for (int k = 0; k < kids.length; k++) {
                    heads[k] = kids[k].next();
                }
            } else {
                for (int k = 0; k < kids.length; k++) {
                    if (heads[k] == did) {
                        heads[k] = kids[k].next();
                    }
                }
            }
            return did = settle();
        }

        @Override
        long skipTo(long target) {
            if (started && did >= target) {
                return did;
            }
            started = true;
            for (int k = 0; k < kids.length; k++) {
                heads[k] = kids[k].skipTo(target);
            }
            return did = settle();
        }

        @Override
        double weight() {
            double r = 0;
            for (int k = 0; k < kids.length; k++) {
                if (heads[k] == did) {
                    r += kids[k].weight();
                }
            }
            return r;
        }

        @Override
        long est() {
            // P(odd number) assuming independence, as MultiXorPostList does
            double p = kids[0].est() / (double) dbSize;
            for (int k = 1; k < kids.length; k++) {
                double q = kids[k].est() / (double) dbSize;
                p = p + q - 2 * p * q;
            }
            return (long) (p * dbSize + 0.5);
        }

        @Override
        long tfMin() {
            return 0;
        }

        @Override
        long tfMax() {
            long s = 0;
            for (PL k : kids) {
                s += k.tfMax();
            }
            return Math.min(s, dbSize);
        }

        @Override
        Freqs estUsingStats() {
            return new Freqs(est(), 0);
        }

        @Override
        void leaves(List<Leaf> out) {
            for (PL k : kids) {
                k.leaves(out);
            }
        }
    }

    /** A group of terms weighted as one term whose wdf is the sum of theirs. */
    private final class Synonym extends PL {
        final PL sub;
        final Bm25.Term w;

        Synonym(PL sub, double factor) {
            this.sub = sub;
            Freqs f = dbSize == 0 ? new Freqs(0, 0) : sub.estUsingStats();
            this.w = opts.weighting().term(dbSize, f.termFreq, avgLen, 1, factor);
        }

        @Override
        long next() {
            return did = sub.next();
        }

        @Override
        long skipTo(long target) {
            return did = sub.skipTo(target);
        }

        @Override
        double weight() {
            long wdf = sub.wdf();
            long len = doclen.get(did);
            if (wdf > len) {
                wdf = len;
            }
            return w.sumpart(wdf, len);
        }

        @Override
        long wdf() {
            return sub.wdf();
        }

        @Override
        long est() {
            return sub.est();
        }

        @Override
        long tfMin() {
            return sub.tfMin();
        }

        @Override
        long tfMax() {
            return sub.tfMax();
        }

        @Override
        Freqs estUsingStats() {
            return sub.estUsingStats();
        }

        @Override
        void leaves(List<Leaf> out) {
            sub.leaves(out);
        }

        @Override
        int matchingSubqs() {
            return 1;
        }
    }

    /** A positional filter over an AND: exact phrase, phrase within a window, or NEAR. */
    private final class PosFilter extends PL {
        final PL source;
        final List<PL> terms;
        final XQuery.Op op;
        final int window;

        PosFilter(PL source, List<PL> terms, XQuery.Op op, int window) {
            this.source = source;
            this.terms = terms;
            this.op = op;
            this.window = window;
        }

        private boolean exact() {
            return op == XQuery.Op.PHRASE && window == terms.size();
        }

        private long settle(long d) {
            while (d != END && !check(d)) {
                d = source.next();
            }
            return d;
        }

        private int[] positions(PL p, long d) {
            List<Leaf> ls = new ArrayList<>();
            p.leaves(ls);
            if (ls.size() == 1) {
                return db.positions(ls.get(0).term, d);
            }
            java.util.TreeSet<Integer> u = new java.util.TreeSet<>();
            for (Leaf l : ls) {
                if (l.did == d) {
                    for (int x : db.positions(l.term, d)) {
                        u.add(x);
                    }
                }
            }
            return u.stream().mapToInt(Integer::intValue).toArray();
        }

        private boolean check(long d) {
            int n = terms.size();
            int[][] pos = new int[n][];
            for (int i = 0; i < n; i++) {
                pos[i] = positions(terms.get(i), d);
                if (pos[i].length == 0) {
                    return false;
                }
            }
            if (exact()) {
                for (int p0 : pos[0]) {
                    boolean ok = true;
                    for (int i = 1; i < n && ok; i++) {
                        ok = Arrays.binarySearch(pos[i], p0 + i) >= 0;
                    }
                    if (ok) {
                        return true;
                    }
                }
                return false;
            }
            if (op == XQuery.Op.PHRASE) {
                for (int p0 : pos[0]) {
                    int prev = p0;
                    boolean ok = true;
                    for (int i = 1; i < n && ok; i++) {
                        int idx = Arrays.binarySearch(pos[i], prev + 1);
                        if (idx < 0) {
                            idx = -idx - 1;
                        }
                        if (idx >= pos[i].length || pos[i][idx] - p0 >= window) {
                            ok = false;
                        } else {
                            prev = pos[i][idx];
                        }
                    }
                    if (ok) {
                        return true;
                    }
                }
                return false;
            }
            // NEAR: every term within a window, any order
            List<int[]> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                for (int p : pos[i]) {
                    all.add(new int[] {p, i});
                }
            }
            all.sort(Comparator.comparingInt(a -> a[0]));
            int[] count = new int[n];
            int covered = 0;
            int lo = 0;
            for (int hi = 0; hi < all.size(); hi++) {
                if (count[all.get(hi)[1]]++ == 0) {
                    covered++;
                }
                while (all.get(hi)[0] - all.get(lo)[0] >= window) {
                    if (--count[all.get(lo)[1]] == 0) {
                        covered--;
                    }
                    lo++;
                }
                if (covered == n) {
                    return true;
                }
            }
            return false;
        }

        @Override
        long next() {
            return did = settle(source.next());
        }

        @Override
        long skipTo(long target) {
            if (did >= target) {
                return did;
            }
            return did = settle(source.skipTo(target));
        }

        @Override
        double weight() {
            return source.weight();
        }

        @Override
        long wdf() {
            return source.wdf();
        }

        private long div() {
            return op == XQuery.Op.NEAR ? 2 : (exact() ? 4 : 3);
        }

        @Override
        long est() {
            return source.est() / div();
        }

        @Override
        long tfMin() {
            return 0;
        }

        @Override
        long tfMax() {
            return source.tfMax();
        }

        @Override
        Freqs estUsingStats() {
            Freqs f = source.estUsingStats();
            return new Freqs(f.termFreq / div(), f.collFreq / div());
        }

        @Override
        void leaves(List<Leaf> out) {
            source.leaves(out);
        }

        @Override
        int matchingSubqs() {
            return source.matchingSubqs();
        }
    }

    // ------------------------------------------------------------------ building (QueryOptimiser)

    private final class AndContext {
        final List<PL> pls = new ArrayList<>();
        final List<Object[]> posFilters = new ArrayList<>(); // {op, begin, end, window}
        List<PL> not;
        List<PL> maybe;

        PL postlist() {
            if (pls.isEmpty()) {
                return new Empty();
            }
            PL[] sorted = pls.toArray(new PL[0]);
            StdHeap.sortAscendingByEst(sorted, p -> p.est());
            PL pl = new MultiAnd(sorted);
            if (not != null) {
                pl = new AndNot(pl, orPostlist(not));
            }
            for (Object[] f : posFilters) {
                List<PL> terms = pls.subList((Integer) f[1], (Integer) f[2]);
                pl = new PosFilter(pl, new ArrayList<>(terms), (XQuery.Op) f[0], (Integer) f[3]);
            }
            if (maybe != null) {
                pl = new AndMaybe(pl, orPostlist(maybe));
            }
            return pl;
        }
    }

    private PL orPostlist(List<PL> plsIn) {
        if (plsIn.isEmpty()) {
            return new Empty();
        }
        if (plsIn.size() == 1) {
            return plsIn.get(0);
        }
        List<PL> pls = new ArrayList<>(plsIn);
        // comparator "a > b" on estimates: the heap's front has the smallest estimate
        StdHeap.Less<PL> less = (a, b) -> a.est() > b.est();
        StdHeap.makeHeap(pls, less);
        while (true) {
            PL r = pls.get(0);
            StdHeap.popHeap(pls, less);
            pls.remove(pls.size() - 1);
            PL pl = new Or(pls.get(0), r);
            if (pls.size() == 1) {
                return pl;
            }
            StdHeap.popHeap(pls, less);
            pls.set(pls.size() - 1, pl);
            StdHeap.pushHeap(pls, less);
        }
    }

    private PL build(XQuery q, double factor) {
        if (q instanceof XQuery.Term t) {
            Leaf l = new Leaf(t.term(), factor);
            return l.pl == null ? emptyLeaf(l) : l;
        }
        if (q instanceof XQuery.Wildcard w) {
            return wildcard(w, factor);
        }
        XQuery.Branch b = (XQuery.Branch) q;
        switch (b.op()) {
            case AND, PHRASE, NEAR, AND_NOT -> {
                AndContext ctx = new AndContext();
                subAndLike(q, ctx, factor);
                return ctx.postlist();
            }
            case OR -> {
                List<PL> ctx = new ArrayList<>();
                subOrLike(q, ctx, factor);
                return orPostlist(ctx);
            }
            case AND_MAYBE -> {
                AndContext ctx = new AndContext();
                subAndLike(b.subs().get(0), ctx, factor);
                ctx.maybe = new ArrayList<>();
                for (int i = 1; i < b.subs().size(); i++) {
                    subOrLike(b.subs().get(i), ctx.maybe, factor);
                }
                return ctx.postlist();
            }
            case XOR -> {
                PL[] kids = new PL[b.subs().size()];
                for (int i = 0; i < kids.length; i++) {
                    kids[i] = build(b.subs().get(i), factor);
                }
                return new Xor(kids);
            }
            case SYNONYM -> {
                if (factor == 0) {
                    List<PL> ctx = new ArrayList<>();
                    subOrLike(q, ctx, 0);
                    return orPostlist(ctx);
                }
                int save = totalSubqs + 1;
                List<PL> ctx = new ArrayList<>();
                for (XQuery s : b.subs()) {
                    subOrLike(s, ctx, 0);
                }
                PL or = orPostlist(ctx);
                totalSubqs = save;
                return or.tfMax() == 0 ? or : new Synonym(or, factor);
            }
            default -> throw new IllegalStateException("unexpected operator " + b.op());
        }
    }

    private PL emptyLeaf(Leaf l) {
        return new Empty();
    }

    private PL wildcard(XQuery.Wildcard w, double factor) {
        boolean synonym = w.combiner() == XQuery.Op.SYNONYM && factor != 0;
        double orFactor = synonym ? 0 : factor;
        List<GlassDatabase.TermFreq> terms = db.termsWithPrefix(w.prefix(), Integer.MAX_VALUE - 1);
        if (terms.size() > w.max() && w.max() > 0) {
            // WILDCARD_LIMIT_MOST_FREQUENT: keep the most frequent terms
            List<GlassDatabase.TermFreq> byFreq = new ArrayList<>(terms);
            byFreq.sort((a, b2) -> Long.compare(b2.termFreq(), a.termFreq()));
            java.util.Set<String> keep = new java.util.HashSet<>();
            for (int i = 0; i < w.max(); i++) {
                keep.add(byFreq.get(i).term());
            }
            terms.removeIf(t -> !keep.contains(t.term()));
        }
        int save = totalSubqs;
        List<PL> ctx = new ArrayList<>();
        for (GlassDatabase.TermFreq t : terms) {
            ctx.add(new Leaf(t.term(), orFactor));
        }
        if (factor != 0) {
            totalSubqs = synonym ? save + 1 : save + ctx.size();
        }
        if (ctx.isEmpty()) {
            return new Empty();
        }
        PL or = orPostlist(ctx);
        return synonym ? new Synonym(or, factor) : or;
    }

    private void subAndLike(XQuery q, AndContext ctx, double factor) {
        if (q instanceof XQuery.Branch b) {
            switch (b.op()) {
                case AND -> {
                    for (XQuery s : b.subs()) {
                        subAndLike(s, ctx, factor);
                    }
                    return;
                }
                case PHRASE, NEAR -> {
                    if (!db.hasPositions()) {
                        for (XQuery s : b.subs()) {
                            subAndLike(s, ctx, factor);
                        }
                        return;
                    }
                    int begin = ctx.pls.size();
                    for (XQuery s : b.subs()) {
                        ctx.pls.add(build(s, factor));
                    }
                    ctx.posFilters.add(new Object[] {b.op(), begin, ctx.pls.size(), b.window()});
                    return;
                }
                case AND_NOT -> {
                    subAndLike(b.subs().get(0), ctx, factor);
                    if (ctx.not == null) {
                        ctx.not = new ArrayList<>();
                    }
                    for (int i = 1; i < b.subs().size(); i++) {
                        subOrLike(b.subs().get(i), ctx.not, 0);
                    }
                    return;
                }
                default -> {
                }
            }
        }
        ctx.pls.add(build(q, factor));
    }

    private void subOrLike(XQuery q, List<PL> ctx, double factor) {
        if (q instanceof XQuery.Branch b && b.op() == XQuery.Op.OR) {
            for (XQuery s : b.subs()) {
                subOrLike(s, ctx, factor);
            }
            return;
        }
        ctx.add(build(q, factor));
    }

    // ------------------------------------------------------------------ matching

    private record Item(long did, double wt, byte[] sortKey, boolean promoted) {
    }

    private static final byte[] NO_KEY = new byte[0];

    private int compare(Item a, Item b) {
        if (a.promoted != b.promoted) {
            return a.promoted ? -1 : 1;
        }
        if (a.wt != b.wt) {
            return a.wt > b.wt ? -1 : 1;
        }
        if (opts.sortValueSlot() >= 0) {
            int c = Arrays.compareUnsigned(a.sortKey, b.sortKey);
            if (c != 0) {
                return c;
            }
        }
        return Long.compare(a.did, b.did);
    }

    private Result match(PL root, int first, int max) {
        long estimatedInit = root.est();
        long upper = root.tfMax();
        boolean collapse = opts.collapseSlot() >= 0;
        boolean filtered = opts.filter() != null;
        int want = first + max;
        java.util.PriorityQueue<Item> heap = new java.util.PriorityQueue<>((a, b) -> compare(b, a));
        Map<String, Item> best = collapse ? new HashMap<>() : null;
        List<Item> noKey = collapse ? new ArrayList<>() : null;
        long docsMatched = 0;
        long considered = 0;
        long dups = 0;
        long filteredOut = 0;
        long decided = 0;
        double greatest = 0;
        int greatestSubqs = 0;
        GlassDatabase.ValueStream sortValues = opts.sortValueSlot() >= 0 ? db.valueStream(opts.sortValueSlot()) : null;
        GlassDatabase.ValueStream collapseValues = collapse ? db.valueStream(opts.collapseSlot()) : null;
        for (long did = root.next(); did != END; did = root.next()) {
            if (filtered) {
                decided++;
                if (!opts.filter().test(did)) {
                    filteredOut++;
                    continue;
                }
            }
            double wt = root.weight();
            if (!collapse && opts.sortValueSlot() < 0 && opts.promote() == null && heap.size() >= want) {
                Item worst = heap.peek();
                if (worst == null || wt < worst.wt || (wt == worst.wt && did > worst.did)) {
                    docsMatched++;
                    if (wt > greatest) {
                        greatest = wt;
                        greatestSubqs = root.matchingSubqs();
                    }
                    continue;
                }
            }
            byte[] sortKey = sortValues != null ? sortValues.getBytes(did) : NO_KEY;
            if (sortKey == null) {
                sortKey = NO_KEY;
            }
            boolean promoted = opts.promote() != null && opts.promote().test(did);
            Item item = new Item(did, wt, sortKey, promoted);
            if (collapse) {
                considered++;
                String key = collapseValues.get(did);
                if (key.isEmpty()) {
                    noKey.add(item);
                } else {
                    Item old = best.get(key);
                    if (old == null) {
                        best.put(key, item);
                    } else {
                        dups++;
                        if (compare(item, old) < 0) {
                            best.put(key, item);
                        } else {
                            continue;
                        }
                    }
                }
            } else {
                heap.add(item);
                if (heap.size() > Math.max(want, 0)) {
                    heap.poll();
                }
            }
            docsMatched++;
            if (wt > greatest) {
                greatest = wt;
                greatestSubqs = root.matchingSubqs();
            }
        }
        List<Item> all;
        long matches;
        if (collapse) {
            all = new ArrayList<>(best.values());
            all.addAll(noKey);
            matches = all.size();
        } else {
            all = new ArrayList<>(heap);
            matches = docsMatched;
        }
        all.sort(this::compare);
        List<Hit> hits = new ArrayList<>();
        for (int i = first; i < Math.min(all.size(), want); i++) {
            Item it = all.get(i);
            hits.add(new Hit(it.did, it.wt, new String(it.sortKey, java.nio.charset.StandardCharsets.UTF_8)));
        }
        long estimated = estimate(estimatedInit, upper, root, docsMatched, collapse, matches, considered, dups,
                filtered, decided, filteredOut);
        double percentScale = 0;
        if (greatest > 0 && totalSubqs > 0) {
            percentScale = (greatestSubqs / (double) totalSubqs) / greatest * 100.0;
        }
        return new Result(hits, matches, estimated, greatest, percentScale);
    }

    /**
     * The estimate of {@code get_mset(0, 0, 10)} ({@code matcher/multimatch.cc}) as {@code MSet::get_matches_estimated}
     * reports it, rounded against the bounds ({@code api/roundestimate.h}).
     */
    private long estimate(long est, long upper, PL root, long docsMatched, boolean collapse, long collapsed,
                          long considered, long dups, boolean filtered, long decided, long denied) {
        final long checkAtLeast = 10;
        long lower = filtered ? 0 : root.tfMin();
        if (!collapse && docsMatched < checkAtLeast) {
            return docsMatched;
        }
        double scale = 1.0;
        double uniqueRate = 1.0;
        if (collapse) {
            lower = collapsed;
            if (considered > 0) {
                uniqueRate = (double) (considered - dups) / considered;
            }
            upper -= dups;
        }
        if (filtered) {
            if (!collapse) {
                lower = Math.max(docsMatched, lower);
            }
            if (decided > 0) {
                scale *= (double) (decided - denied) / decided;
            }
            upper -= denied;
        }
        scale *= uniqueRate;
        if (scale != 1.0) {
            est = (long) (est * scale + 0.5);
            if (est < lower) {
                est = lower;
            }
        }
        if (collapse || filtered) {
            est = Math.max(est, lower);
            est = Math.min(est, upper);
        } else {
            if (docsMatched > lower) {
                lower = docsMatched;
            }
            if (docsMatched > est) {
                est = docsMatched;
            }
        }
        return roundEstimate(lower, upper, est);
    }

    /** {@code round_estimate(lb, ub, est)}: fewer significant digits when the bounds are far apart. */
    static long roundEstimate(long lb, long ub, long est) {
        long scale = Math.min(ub - lb, est);
        if (scale <= 10) {
            return est;
        }
        long r = (long) (Math.pow(10, (int) Math.log10(scale)) + 0.5);
        long result = est / r * r;
        if (result < lb) {
            result += r;
        } else if (result > ub - r) {
            // cannot round up past the upper bound
        } else {
            long d = 2 * (est - result);
            if (d > r || (d == r && result - lb <= ub - r - result)) {
                result += r;
            }
        }
        return result;
    }
}
