package io.burrow.mcp.zim.search.internal;

import java.util.List;

/** Documents matched by an odd number of the children ({@code MultiXorPostList}). */
final class MultiXorPostList extends PostList {

    private final MatchContext ctx;
    final PostList[] kids;
    final long[] heads;
    boolean started;

    MultiXorPostList(MatchContext ctx, PostList[] kids) {
        this.ctx = ctx;
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
        double p = kids[0].est() / (double) ctx.dbSize;
        for (int k = 1; k < kids.length; k++) {
            double q = kids[k].est() / (double) ctx.dbSize;
            p = p + q - 2 * p * q;
        }
        return (long) (p * ctx.dbSize + 0.5);
    }

    @Override
    long tfMin() {
        return 0;
    }

    @Override
    long tfMax() {
        long s = 0;
        for (PostList k : kids) {
            s += k.tfMax();
        }
        return Math.min(s, ctx.dbSize);
    }

    @Override
    Freqs estUsingStats() {
        return new Freqs(est(), 0);
    }

    @Override
    void leaves(List<LeafPostList> out) {
        for (PostList k : kids) {
            k.leaves(out);
        }
    }
}
