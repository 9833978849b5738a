package io.burrow.mcp.zim.search.internal;

import java.util.List;

/** Documents of the left child that the right one does not match ({@code AndNotPostList}). */
final class AndNotPostList extends PostList {

    private final MatchContext ctx;
    final PostList l;
    final PostList r;

    AndNotPostList(MatchContext ctx, PostList l, PostList r) {
        this.ctx = ctx;
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
        double e = l.est() * (1.0 - (double) r.est() / ctx.dbSize);
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
        double fe = a.termFreq() * (1.0 - (double) b.termFreq() / ctx.dbSize);
        double ce = ctx.db.totalLength() == 0 ? 0 : a.collFreq() * (1.0 - (double) b.collFreq() / ctx.db.totalLength());
        return new Freqs((long) (fe + 0.5), (long) (ce + 0.5));
    }

    @Override
    void leaves(List<LeafPostList> out) {
        l.leaves(out);
    }

    @Override
    int matchingSubqs() {
        return l.matchingSubqs();
    }
}
