package io.burrow.mcp.zim.search.internal;

import io.burrow.mcp.zim.internal.Checkpoint;

/**
 * What the posting lists of one match share: the database, the weighting scheme with the database's statistics,
 * the document lengths, and the checkpoint where a match stops when its request ends.
 */
final class MatchContext {

    final GlassDatabase db;
    final Bm25 weighting;
    final long dbSize;
    final double avgLen;
    final DocLengths docLengths;
    final Checkpoint checkpoint;

    MatchContext(GlassDatabase db, Bm25 weighting, Checkpoint checkpoint) {
        this.db = db;
        this.weighting = weighting;
        this.dbSize = db.docCount();
        this.avgLen = db.averageLength();
        this.docLengths = new DocLengths(db);
        this.checkpoint = checkpoint;
    }
}
