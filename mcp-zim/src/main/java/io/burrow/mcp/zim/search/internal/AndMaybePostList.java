package io.burrow.mcp.zim.search.internal;

import java.util.List;

/** Documents of the left child, weighted up where the right one matches too ({@code AndMaybePostList}). */
final class AndMaybePostList extends PostList {

    final PostList l;
    final PostList r;
    long rhead;

    AndMaybePostList(PostList l, PostList r) {
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
    void leaves(List<LeafPostList> out) {
        l.leaves(out);
        r.leaves(out);
    }

    @Override
    int matchingSubqs() {
        return rhead == did ? l.matchingSubqs() + r.matchingSubqs() : l.matchingSubqs();
    }
}
