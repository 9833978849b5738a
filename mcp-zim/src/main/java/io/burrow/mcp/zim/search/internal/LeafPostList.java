package io.burrow.mcp.zim.search.internal;

import java.util.List;

/** A term's postings, weighted by BM25 ({@code LeafPostList}). */
final class LeafPostList extends PostList {

    private final MatchContext ctx;
    final String term;
    final PostingList pl;
    final Bm25.Term w;
    final long tf;
    final long cf;
    private GlassDatabase.PositionReader positions;

    LeafPostList(MatchContext ctx, String term, double factor) {
        this.ctx = ctx;
        this.term = term;
        this.pl = ctx.db.postings(term);
        this.tf = pl == null ? 0 : pl.termFreq();
        this.cf = pl == null ? 0 : pl.collFreq();
        this.w = factor == 0 ? null : ctx.weighting.term(ctx.dbSize, tf, ctx.avgLen, 1, factor);
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
        return w == null ? 0 : w.sumpart(pl.wdf(), ctx.docLengths.get(did));
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

    /** The term's positions in {@code did} (read with one cursor for the whole match). */
    int[] positions(long d) {
        if (positions == null) {
            positions = ctx.db.positionReader(term);
        }
        return positions.positions(d);
    }

    @Override
    void leaves(List<LeafPostList> out) {
        out.add(this);
    }

    @Override
    int matchingSubqs() {
        return w == null ? 0 : 1;
    }
}
