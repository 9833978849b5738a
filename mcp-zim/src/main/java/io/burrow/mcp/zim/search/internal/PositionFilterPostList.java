package io.burrow.mcp.zim.search.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A positional filter over an AND: exact phrase, phrase within a window, or NEAR (Xapian's
 * {@code ExactPhrasePostList}, {@code PhrasePostList}, {@code NearPostList}).
 */
final class PositionFilterPostList extends PostList {

    private final MatchContext ctx;
    final PostList source;
    final List<PostList> terms;
    final XQuery.Op op;
    final int window;
    /** The leaves under each term (a term may be a synonym or an OR of several). */
    private final List<List<LeafPostList>> termLeaves = new ArrayList<>();

    PositionFilterPostList(MatchContext ctx, PostList source, List<PostList> terms, XQuery.Op op, int window) {
        this.ctx = ctx;
        this.source = source;
        this.terms = terms;
        this.op = op;
        this.window = window;
        for (PostList t : terms) {
            List<LeafPostList> ls = new ArrayList<>();
            t.leaves(ls);
            termLeaves.add(ls);
        }
    }

    private boolean exact() {
        return op == XQuery.Op.PHRASE && window == terms.size();
    }

    private long settle(long d) {
        while (d != END && !check(d)) {
            ctx.checkpoint.step();
            d = source.next();
        }
        return d;
    }

    private int[] positions(List<LeafPostList> ls, long d) {
        if (ls.size() == 1) {
            return ls.get(0).positions(d);
        }
        java.util.TreeSet<Integer> u = new java.util.TreeSet<>();
        for (LeafPostList l : ls) {
            if (l.did == d) {
                for (int x : l.positions(d)) {
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
            pos[i] = positions(termLeaves.get(i), d);
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
        return new Freqs(f.termFreq() / div(), f.collFreq() / div());
    }

    @Override
    void leaves(List<LeafPostList> out) {
        source.leaves(out);
    }

    @Override
    int matchingSubqs() {
        return source.matchingSubqs();
    }
}
