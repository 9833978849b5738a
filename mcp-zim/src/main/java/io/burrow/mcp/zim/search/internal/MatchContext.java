package io.burrow.mcp.zim.search.internal;

/**
 * What the posting lists of one match share: the database, the weighting scheme with the database's statistics,
 * and the document lengths.
 */
final class MatchContext {

    final GlassDatabase db;
    final Bm25 weighting;
    final long dbSize;
    final double avgLen;
    final DocLengths docLengths;

    MatchContext(GlassDatabase db, Bm25 weighting) {
        this.db = db;
        this.weighting = weighting;
        this.dbSize = db.docCount();
        this.avgLen = db.averageLength();
        this.docLengths = new DocLengths(db);
    }
}
