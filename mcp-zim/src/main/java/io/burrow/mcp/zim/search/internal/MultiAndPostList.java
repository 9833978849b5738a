package io.burrow.mcp.zim.search.internal;

import java.util.List;

/** Documents matched by every child, the rarest child leading ({@code MultiAndPostList}). */
final class MultiAndPostList extends PostList {

    private final MatchContext ctx;
    final PostList[] kids;

    MultiAndPostList(MatchContext ctx, PostList[] kids) {
        this.ctx = ctx;
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
        for (PostList k : kids) {
            r += k.weight();
        }
        return r;
    }

    @Override
    long wdf() {
        long s = 0;
        for (PostList k : kids) {
            s += k.wdf();
        }
        return s;
    }

    @Override
    long est() {
        double result = kids[0].est();
        for (int k = 1; k < kids.length; k++) {
            result = (result * kids[k].est()) / ctx.dbSize;
        }
        return (long) (result + 0.5);
    }

    @Override
    long tfMin() {
        long sum = kids[0].tfMin();
        if (sum != 0) {
            for (int k = 1; k < kids.length; k++) {
                sum += kids[k].tfMin();
                if (sum <= ctx.dbSize) {
                    return 0;
                }
                sum -= ctx.dbSize;
            }
        }
        return sum;
    }

    @Override
    long tfMax() {
        long r = kids[0].tfMax();
        for (PostList k : kids) {
            r = Math.min(r, k.tfMax());
        }
        return r;
    }

    @Override
    Freqs estUsingStats() {
        Freqs f = kids[0].estUsingStats();
        double freqest = f.termFreq();
        double collest = f.collFreq();
        for (int k = 1; k < kids.length; k++) {
            Freqs g = kids[k].estUsingStats();
            freqest = (freqest * g.termFreq()) / ctx.dbSize;
            if (ctx.db.totalLength() != 0) {
                collest = (collest * g.collFreq()) / ctx.db.totalLength();
            }
        }
        return new Freqs((long) (freqest + 0.5), (long) (collest + 0.5));
    }

    @Override
    void leaves(List<LeafPostList> out) {
        for (PostList k : kids) {
            k.leaves(out);
        }
    }

    @Override
    int matchingSubqs() {
        int n = 0;
        for (PostList k : kids) {
            n += k.matchingSubqs();
        }
        return n;
    }
}
