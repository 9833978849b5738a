package io.burrow.mcp.zim.search.internal;

import io.burrow.mcp.zim.search.IndexFormatException;
import java.io.ByteArrayOutputStream;

/**
 * Iterates the postings of one term (or the document-length list) of a glass postlist table: the first chunk,
 * then continuation chunks found by key, with {@link #skipTo} jumping over whole chunks
 * ({@code backends/glass/glass_postlist.cc}).
 */
public final class PostingList {

    /** Sentinel docid after the end. */
    public static final long END = Long.MAX_VALUE;

    private final GlassTable table;
    private final byte[] termKeyPrefix; // key prefix of continuation chunks
    private final long termFreq;
    private final long collFreq;
    private final long maxDocid;

    private Pack chunk;
    private boolean lastChunk;
    private long lastDidInChunk;
    private long chunkFirst;
    private long did;
    private long wdf;
    private boolean started;
    private boolean atEnd;
    private long chunksRead;
    private GlassTable.Cursor cursor;

    private PostingList(GlassTable table, byte[] keyPrefix, long termFreq, long collFreq, long maxDocid) {
        this.table = table;
        this.termKeyPrefix = keyPrefix;
        this.termFreq = termFreq;
        this.collFreq = collFreq;
        this.maxDocid = maxDocid;
    }

    /** Key of a term's first chunk: the raw term bytes, NUL-escaped (the doclen list is {@code 00 E0}). */
    static byte[] firstChunkKey(byte[] term) {
        if (term.length == 0) {
            return new byte[] {0, (byte) 0xE0};
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Pack.appendStringPreservingSort(out, term, true);
        return out.toByteArray();
    }

    static byte[] continuationPrefix(byte[] term) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (term.length == 0) {
            out.write(0);
            out.write(0xE0);
        } else {
            Pack.appendStringPreservingSort(out, term, false);
        }
        return out.toByteArray();
    }

    /** Opens the list of {@code term} ({@code term.length == 0}: the document lengths); null if absent. */
    static PostingList open(GlassTable table, byte[] term, long maxDocid) {
        byte[] tag = table.get(firstChunkKey(term));
        if (tag == null) {
            return null;
        }
        Pack p = new Pack(tag);
        long tf = p.uint();
        long cf = p.uint();
        long first = p.uint() + 1;
        PostingList pl = new PostingList(table, continuationPrefix(term), tf, cf, maxDocid);
        pl.startChunk(p, first);
        return pl;
    }

    /** Reads only the frequencies of a term: {termfreq, collfreq}, or null if absent. */
    static long[] freqs(GlassTable table, byte[] term) {
        byte[] tag = table.get(firstChunkKey(term));
        if (tag == null) {
            return null;
        }
        Pack p = new Pack(tag);
        return new long[] {p.uint(), p.uint()};
    }

    private void startChunk(Pack p, long firstDid) {
        if (firstDid < 1 || firstDid > maxDocid) {
            throw new IndexFormatException("posting list docid out of range");
        }
        if (++chunksRead > 50_000_000L) {
            throw new IndexFormatException("posting list has too many chunks");
        }
        lastChunk = p.bool();
        lastDidInChunk = firstDid + p.uint();
        if (lastDidInChunk > maxDocid) {
            throw new IndexFormatException("posting list docid out of range");
        }
        chunk = p;
        chunkFirst = firstDid;
        did = firstDid;
        wdf = p.uint();
        started = false;
    }

    /** First docid of the chunk holding the current posting. */
    long chunkFirstDid() {
        return chunkFirst;
    }

    /** Last docid of the chunk holding the current posting. */
    long chunkLastDid() {
        return lastDidInChunk;
    }

    public long termFreq() {
        return termFreq;
    }

    public long collFreq() {
        return collFreq;
    }

    /** Current docid ({@link #END} at the end); valid after the first {@link #next}. */
    public long docid() {
        return atEnd ? END : did;
    }

    public long wdf() {
        return wdf;
    }

    public boolean atEnd() {
        return atEnd;
    }

    /** Moves to the next posting; returns its docid or {@link #END}. */
    public long next() {
        if (atEnd) {
            return END;
        }
        if (!started) {
            started = true;
            return did;
        }
        if (!chunk.atEnd()) {
            long inc = chunk.uint();
            did += inc + 1;
            wdf = chunk.uint();
            if (did > lastDidInChunk) {
                throw new IndexFormatException("posting beyond its chunk's last docid");
            }
            return did;
        }
        if (did != lastDidInChunk) {
            throw new IndexFormatException("posting chunk ends before its last docid");
        }
        if (lastChunk) {
            atEnd = true;
            return END;
        }
        loadChunkAfter(did);
        started = true;
        return did;
    }

    /** Loads the continuation chunk whose first docid is {@code > prev}. */
    private void loadChunkAfter(long prev) {
        GlassTable.Cursor c = cursor();
        byte[] key = chunkKey(prev + 1);
        c.find(key);
        // the next chunk starts at the first key > prev's key; find() leaves us at the last key <= key
        if (!c.valid() || !c.keyStartsWith(termKeyPrefix) || chunkFirstDid(c.key()) <= prev) {
            if (!c.next()) {
                throw new IndexFormatException("posting list continuation chunk missing");
            }
        }
        openChunkAt(c, prev);
    }

    private void openChunkAt(GlassTable.Cursor c, long prev) {
        byte[] k = c.key();
        if (!c.keyStartsWith(termKeyPrefix) || k.length == termKeyPrefix.length) {
            throw new IndexFormatException("posting list continuation chunk missing");
        }
        long first = chunkFirstDid(k);
        if (first <= prev) {
            throw new IndexFormatException("posting list chunks out of order");
        }
        startChunk(new Pack(c.tag()), first);
    }

    /** The cursor that reads the continuation chunks, kept from one to the next. */
    private GlassTable.Cursor cursor() {
        if (cursor == null) {
            cursor = table.scanCursor();
        }
        return cursor;
    }

    private byte[] chunkKey(long did) {
        return Pack.withUintPreservingSort(termKeyPrefix, did);
    }

    private long chunkFirstDid(byte[] key) {
        if (key.length <= termKeyPrefix.length) {
            return 0;
        }
        for (int i = 0; i < termKeyPrefix.length; i++) {
            if (key[i] != termKeyPrefix[i]) {
                return 0;
            }
        }
        Pack p = new Pack(key, termKeyPrefix.length, key.length);
        return p.uintPreservingSort();
    }

    /** Moves to the first posting with docid ≥ {@code target}; returns it or {@link #END}. */
    public long skipTo(long target) {
        if (atEnd) {
            return END;
        }
        if (!started) {
            next();
        }
        if (did >= target) {
            return did;
        }
        if (target > lastDidInChunk) {
            if (lastChunk) {
                atEnd = true;
                return END;
            }
            // jump to the chunk that may hold target
            GlassTable.Cursor c = cursor();
            c.find(chunkKey(target));
            if (c.valid() && c.keyStartsWith(termKeyPrefix) && chunkFirstDid(c.key()) > lastDidInChunk) {
                openChunkAt(c, lastDidInChunk);
            } else {
                if (!c.next()) {
                    throw new IndexFormatException("posting list continuation chunk missing");
                }
                openChunkAt(c, lastDidInChunk);
            }
            started = true;
        }
        while (did < target) {
            if (next() == END) {
                return END;
            }
        }
        return did;
    }
}
