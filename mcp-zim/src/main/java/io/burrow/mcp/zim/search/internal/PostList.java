package io.burrow.mcp.zim.search.internal;

import java.util.List;

/**
 * A posting list of the match tree (Xapian's {@code PostList}): the documents matching a subquery in docid order,
 * with their weight and the estimates the query optimiser and the match-count estimate use.
 */
abstract class PostList {

    /** Sentinel docid after the end. */
    static final long END = Long.MAX_VALUE;

    /** Estimates used for synonym weights. */
    record Freqs(long termFreq, long collFreq) {
    }

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
    void leaves(List<LeafPostList> out) {
    }

    int matchingSubqs() {
        return 0;
    }
}
