package io.burrow.mcp.zim.search.internal;

import java.util.List;

/** Documents matched by either child ({@code OrPostList}). */
final class OrPostList extends PostList {

    private final MatchContext ctx;
    final PostList l;
    final PostList r;
    long lhead;
    long rhead;
    boolean started;

    OrPostList(MatchContext ctx, PostList l, PostList r) {
        this.ctx = ctx;
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
        if (ctx.dbSize == 0) {
            return 0;
        }
        double le = l.est();
        double re = r.est();
        return (long) (le + re - (le * re / ctx.dbSize) + 0.5);
    }

    @Override
    long tfMin() {
        return Math.max(l.tfMin(), r.tfMin());
    }

    @Override
    long tfMax() {
        return Math.min(l.tfMax() + r.tfMax(), ctx.dbSize);
    }

    @Override
    Freqs estUsingStats() {
        Freqs a = l.estUsingStats();
        Freqs b = r.estUsingStats();
        double fe = a.termFreq() + b.termFreq() - ((double) a.termFreq() * b.termFreq() / ctx.dbSize);
        double ce = 0;
        if (ctx.db.totalLength() != 0) {
            ce = a.collFreq() + b.collFreq() - ((double) a.collFreq() * b.collFreq() / ctx.db.totalLength());
        }
        return new Freqs((long) (fe + 0.5), (long) (ce + 0.5));
    }

    @Override
    void leaves(List<LeafPostList> out) {
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
