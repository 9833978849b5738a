package io.burrow.mcp.zim.search.internal;

/** Document lengths, memoised for the current document and read a chunk at a time. */
final class DocLengths {

    private final GlassDatabase db;
    private long lastDid = -1;
    private long lastLen;
    private GlassDatabase.DocLenChunk chunk;

    DocLengths(GlassDatabase db) {
        this.db = db;
    }

    long get(long did) {
        if (did != lastDid) {
            if (chunk == null || !chunk.covers(did)) {
                chunk = db.docLenChunk(did);
            }
            lastLen = chunk == null ? 0 : chunk.length(did);
            lastDid = did;
        }
        return lastLen;
    }
}
