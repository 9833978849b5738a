package io.burrow.mcp.zim.search.internal;

/** No documents. */
final class EmptyPostList extends PostList {

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
