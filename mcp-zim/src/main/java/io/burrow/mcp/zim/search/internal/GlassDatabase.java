package io.burrow.mcp.zim.search.internal;

import io.burrow.mcp.zim.search.IndexBlob;
import io.burrow.mcp.zim.search.IndexFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A read-only single-file Xapian glass database: postings, document lengths, document data, user metadata,
 * value streams and positions. Thread-safe: every call uses its own cursors over a shared block cache.
 */
public final class GlassDatabase {

    private static final byte[] METADATA_PREFIX = {0, (byte) 0xC0};

    private final GlassVersion version;
    private final GlassTable postlist;
    private final GlassTable docdata;
    private final GlassTable position;

    private GlassDatabase(GlassVersion version, BlockStore store) {
        this.version = version;
        this.postlist = new GlassTable("postlist", store, version.postlist());
        this.docdata = new GlassTable("docdata", store, version.docdata());
        this.position = new GlassTable("position", store, version.position());
    }

    /** Opens the database held by {@code src} (a ZIM blob), its blocks cached in the process's shared cache. */
    public static GlassDatabase open(IndexBlob src) {
        return open(src, new BlockStore(src));
    }

    /** Opens the database held by {@code src} with a block cache of its own of at most {@code cacheBytes}. */
    public static GlassDatabase open(IndexBlob src, long cacheBytes) {
        return open(src, new BlockStore(src, cacheBytes));
    }

    private static GlassDatabase open(IndexBlob src, BlockStore store) {
        GlassVersion v = GlassVersion.read(src);
        if (v.doccount() > v.lastDocid()) {
            throw new IndexFormatException("bad document count in the index header");
        }
        return new GlassDatabase(v, store);
    }

    public GlassVersion version() {
        return version;
    }

    /** Number of documents. */
    public long docCount() {
        return version.doccount();
    }

    public long lastDocid() {
        return version.lastDocid();
    }

    /** Sum of all document lengths. */
    public long totalLength() {
        return version.totalDoclen();
    }

    /** Average document length as Xapian computes it (0 for an empty database). */
    public double averageLength() {
        return version.doccount() == 0 ? 0 : (double) version.totalDoclen() / version.doccount();
    }

    /** True if the position table holds anything. */
    public boolean hasPositions() {
        return !position.isEmpty();
    }

    // ---- postings ----

    /** The postings of {@code term}, or null if the term does not occur. */
    public PostingList postings(String term) {
        byte[] t = term.getBytes(StandardCharsets.UTF_8);
        if (t.length == 0) {
            return null;
        }
        return PostingList.open(postlist, t, version.lastDocid());
    }

    /** {termfreq, collfreq} of a term, or null. */
    public long[] termFreqs(String term) {
        byte[] t = term.getBytes(StandardCharsets.UTF_8);
        if (t.length == 0) {
            return null;
        }
        return PostingList.freqs(postlist, t);
    }

    public boolean termExists(String term) {
        return termFreqs(term) != null;
    }

    /** The document-length list (docid → length as wdf). */
    public PostingList docLengths() {
        return PostingList.open(postlist, new byte[0], version.lastDocid());
    }

    /** Length of one document (0 if it has none), from a cache of decoded document-length chunks. */
    public long docLength(long did) {
        DocLenChunk c = docLenChunk(did);
        return c == null ? 0 : c.length(did);
    }

    /** The decoded document-length chunk covering {@code did} (cached), or null if there is none. */
    DocLenChunk docLenChunk(long did) {
        if (did < 1 || did > version.lastDocid()) {
            return null;
        }
        Long chunkKey = doclenChunkIndex.floorKey(did);
        DocLenChunk c = chunkKey == null ? null : doclenChunks.getIfPresent(chunkKey);
        if (c == null || did > c.lastDid) {
            c = loadDocLenChunk(did);
        }
        return c;
    }

    /** A decoded chunk of the document-length list. */
    record DocLenChunk(long firstDid, long lastDid, int[] dids, int[] lens) {
        boolean covers(long did) {
            return did >= firstDid && did <= lastDid;
        }

        long length(long did) {
            int i = java.util.Arrays.binarySearch(dids, 0, dids.length, (int) did);
            return i >= 0 ? lens[i] & 0xFFFFFFFFL : 0;
        }
    }

    private final java.util.concurrent.ConcurrentSkipListMap<Long, Boolean> doclenChunkIndex =
            new java.util.concurrent.ConcurrentSkipListMap<>();
    private final com.github.benmanes.caffeine.cache.Cache<Long, DocLenChunk> doclenChunks =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .maximumWeight(8L << 20)
                    .weigher((Long k, DocLenChunk v) -> 32 + 8 * v.dids.length)
                    .removalListener((Long k, DocLenChunk v, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
                        if (k != null) {
                            doclenChunkIndex.remove(k);
                        }
                    })
                    .build();

    private DocLenChunk loadDocLenChunk(long did) {
        PostingList pl = docLengths();
        if (pl == null) {
            return null;
        }
        if (pl.skipTo(did) == PostingList.END) {
            return null;
        }
        long first = pl.chunkFirstDid();
        long last = pl.chunkLastDid();
        // decode the whole chunk that holds (or follows) did
        PostingList again = docLengths();
        again.skipTo(first);
        int n = 0;
        int[] dids = new int[64];
        int[] lens = new int[64];
        for (long d = again.docid(); d != PostingList.END && d <= last; d = again.next()) {
            if (n == dids.length) {
                dids = java.util.Arrays.copyOf(dids, n * 2);
                lens = java.util.Arrays.copyOf(lens, n * 2);
            }
            dids[n] = (int) d;
            lens[n] = (int) Math.min(again.wdf(), 0xFFFFFFFFL);
            n++;
        }
        DocLenChunk c = new DocLenChunk(first, last, java.util.Arrays.copyOf(dids, n), java.util.Arrays.copyOf(lens, n));
        doclenChunks.put(first, c);
        doclenChunkIndex.put(first, Boolean.TRUE);
        return c;
    }

    /**
     * Terms starting with {@code prefix} in byte order, at most {@code max + 1} of them (so callers can detect
     * "more than max"), each with its term frequency, in a new list the caller may reorder.
     */
    public List<TermFreq> termsWithPrefix(String prefix, int max) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        List<TermFreq> out = new ArrayList<>();
        if (p.length == 0 || postlist.isEmpty()) {
            return out;
        }
        GlassTable.Cursor c = postlist.cursor();
        if (!c.find(p)) {
            if (!c.next()) {
                return out;
            }
        }
        while (c.valid() && out.size() <= max) {
            byte[] k = c.key();
            if (!startsWith(k, p)) {
                break;
            }
            // first-chunk keys contain no unescaped NUL; continuation keys do
            if (indexOfNul(k) < 0) {
                Pack tag = new Pack(c.tag());
                long tf = tag.uint();
                long cf = tag.uint();
                out.add(new TermFreq(new String(k, StandardCharsets.UTF_8), tf, cf));
            }
            if (!c.next()) {
                break;
            }
        }
        return out;
    }

    /** A term with its document and collection frequencies. */
    public record TermFreq(String term, long termFreq, long collFreq) {
    }

    private static int indexOfNul(byte[] k) {
        for (int i = 0; i < k.length; i++) {
            if (k[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] k, byte[] p) {
        if (k.length < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (k[i] != p[i]) {
                return false;
            }
        }
        return true;
    }

    // ---- metadata, data, values, positions ----

    /** User metadata value ({@code valuesmap}, {@code language}, {@code stopwords}, …), or "" if absent. */
    public String metadata(String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        byte[] full = new byte[2 + k.length];
        System.arraycopy(METADATA_PREFIX, 0, full, 0, 2);
        System.arraycopy(k, 0, full, 2, k.length);
        byte[] tag = postlist.get(full);
        return tag == null ? "" : new String(tag, StandardCharsets.UTF_8);
    }

    /** The data of document {@code did} (libzim stores {@code "C/" + path}), or "" if none. */
    public String documentData(long did) {
        byte[] tag = docdata.get(Pack.withUintPreservingSort(new byte[0], did));
        return tag == null ? "" : new String(tag, StandardCharsets.UTF_8);
    }

    /** The value in {@code slot} of document {@code did}, or "" if none. */
    public String value(int slot, long did) {
        byte[] v = valueBytes(slot, did);
        return v == null ? "" : new String(v, StandardCharsets.UTF_8);
    }

    /** The raw value bytes, or null: a one-off read of the value stream, its blocks cached as lookups'. */
    public byte[] valueBytes(int slot, long did) {
        return new ValueStream(slot, postlist.cursor()).getBytes(did);
    }

    /**
     * A forward cursor over one value slot: {@link ValueStream#get} is cheap for ascending docids (the chunk is
     * decoded once), and still correct for any order.
     */
    public ValueStream valueStream(int slot) {
        return new ValueStream(slot, postlist.scanCursor());
    }

    /** See {@link #valueStream(int)}. Not thread-safe; one per match. */
    public final class ValueStream {
        private final byte[] prefix;
        private final GlassTable.Cursor cursor;
        /** The chunk being read (null when none), its first docid, and the docid and bytes of the current value. */
        private Pack chunk;
        private byte[] chunkBytes;
        private long chunkFirst = -1;
        private long cur;
        private int valueOff;
        private int valueLen;

        private ValueStream(int slot, GlassTable.Cursor cursor) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0);
            out.write(0xD8);
            Pack.appendUint(out, slot);
            this.prefix = out.toByteArray();
            this.cursor = cursor;
        }

        /** The value of {@code did} (empty string if none). */
        public String get(long did) {
            return seek(did) ? new String(chunkBytes, valueOff, valueLen, StandardCharsets.UTF_8) : "";
        }

        /** The raw value of {@code did}, or null. */
        public byte[] getBytes(long did) {
            return seek(did) ? java.util.Arrays.copyOfRange(chunkBytes, valueOff, valueOff + valueLen) : null;
        }

        /** The number of {@code did}'s value in {@code keys} (added when new), or -1 when it has none or it is empty. */
        int keyIn(KeySet keys, long did) {
            return seek(did) && valueLen > 0 ? keys.add(chunkBytes, valueOff, valueLen) : -1;
        }

        /** Moves to {@code did}'s value; false when it has none. Values passed over are skipped, not copied. */
        private boolean seek(long did) {
            if (chunk == null || did < cur) {
                if (!load(did)) {
                    return false;
                }
            }
            int guard = 0;
            while (cur < did) {
                if (chunk.atEnd()) {
                    if (!load(did)) {
                        return false;
                    }
                    if (cur >= did) {
                        break;
                    }
                    continue;
                }
                cur += chunk.uint() + 1;
                value();
                if (++guard > 50_000_000) {
                    throw new IndexFormatException("value chunk too long");
                }
            }
            return cur == did;
        }

        /** Reads the value the chunk is at. */
        private void value() {
            valueLen = chunk.uintLen();
            valueOff = chunk.pos();
            chunk.skip(valueLen);
        }

        private boolean load(long did) {
            GlassTable.Cursor c = cursor;
            c.find(Pack.withUintPreservingSort(prefix, did));
            if (!c.valid() || !c.keyStartsWith(prefix)) {
                chunk = null;
                return false;
            }
            byte[] key = c.key();
            long first = new Pack(key, prefix.length, key.length).uintPreservingSort();
            if (first > did) {
                chunk = null;
                return false;
            }
            if (chunk != null && first == chunkFirst && cur < did) {
                // the same chunk again: did lies past its end
                chunk = null;
                return false;
            }
            chunkFirst = first;
            chunkBytes = c.tag();
            chunk = new Pack(chunkBytes);
            cur = first;
            value();
            return true;
        }
    }

    /**
     * A reader of one term's position lists, cheap for ascending docids (its cursor stays in the leaf it read
     * last). Not thread-safe; one per leaf of a match.
     */
    PositionReader positionReader(String term) {
        return new PositionReader(term);
    }

    /** See {@link #positionReader(String)}. */
    final class PositionReader {
        private final byte[] prefix;
        private final GlassTable.Cursor cursor;

        private PositionReader(String term) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Pack.appendStringPreservingSort(out, term.getBytes(StandardCharsets.UTF_8), false);
            prefix = out.toByteArray();
            cursor = position.isEmpty() ? null : position.scanCursor();
        }

        /** Positions of the term in {@code did}, ascending; empty if none. */
        int[] positions(long did) {
            if (cursor == null) {
                return new int[0];
            }
            return cursor.find(Pack.withUintPreservingSort(prefix, did)) ? PositionDecoder.decode(cursor.tag())
                    : new int[0];
        }
    }

    /** Positions of {@code term} in {@code did}, ascending; empty if none. */
    public int[] positions(String term, long did) {
        return positionReader(term).positions(did);
    }
}
