package io.burrow.mcp.zim.search.internal;

import java.util.List;

/** A group of terms weighted as one term whose wdf is the sum of theirs ({@code SynonymPostList}). */
final class SynonymPostList extends PostList {

    private final MatchContext ctx;
    final PostList sub;
    final Bm25.Term w;

    SynonymPostList(MatchContext ctx, PostList sub, double factor) {
        this.ctx = ctx;
        this.sub = sub;
        Freqs f = ctx.dbSize == 0 ? new Freqs(0, 0) : sub.estUsingStats();
        this.w = ctx.weighting.term(ctx.dbSize, f.termFreq(), ctx.avgLen, 1, factor);
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
        long len = ctx.docLengths.get(did);
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
    void leaves(List<LeafPostList> out) {
        sub.leaves(out);
    }

    @Override
    int matchingSubqs() {
        return 1;
    }
}
