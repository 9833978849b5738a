package io.burrow.mcp.zim;

import io.burrow.mcp.zim.internal.Dirent;
import io.burrow.mcp.zim.internal.Storage;

/**
 * The title index: the v1 front-article listing ({@code X/listing/titleOrdered/v1}, when its cluster is
 * uncompressed), else the header's v0 list of all entries; positions in title order mapped to entries, and binary
 * search by (namespace, title).
 */
final class TitleIndex {

    private final Storage storage;
    private final PathIndex paths;
    private final int entryCount;
    private final long listPos;
    private final int count;
    private final boolean frontArticles;
    private final KeySamples samples;

    private TitleIndex(Storage storage, PathIndex paths, int entryCount, long listPos, int count,
            boolean frontArticles) {
        this.storage = storage;
        this.paths = paths;
        this.entryCount = entryCount;
        this.listPos = listPos;
        this.count = count;
        this.frontArticles = frontArticles;
        this.samples = new KeySamples(storage, count, t -> paths.direntOffset(entryIndex(t)), true);
    }

    /** Finds the archive's title index (the v1 listing's blob is located, which checks its cluster). */
    static TitleIndex open(Storage storage, ZimHeader header, PathIndex paths, ClusterReader clusters) {
        int entryCount = (int) header.entryCount();
        long pos = -1;
        int count = 0;
        boolean front = false;
        int v1 = paths.find('X', PathIndex.bytes("listing/titleOrdered/v1"));
        if (v1 >= 0) {
            Dirent d = paths.dirent(v1);
            if (d.isContent()) {
                ClusterReader.BlobRef ref = clusters.locate(d.cluster(), d.blob());
                if (ref.compression() == Compression.NONE) {
                    pos = ref.absStart();
                    count = (int) Math.min(Integer.MAX_VALUE, ref.size() / 4);
                    front = true;
                }
            }
        }
        if (!front && header.hasTitleIndexV0()) {
            pos = header.titleIdxPos();
            count = entryCount;
            storage.check(pos, 4L * count, "title index");
        }
        return new TitleIndex(storage, paths, entryCount, pos, count, front);
    }

    /** Its length: front articles (v1 listing) or all entries (v0). */
    int size() {
        return count;
    }

    /** Whether it is the v1 front-article listing. */
    boolean frontArticles() {
        return frontArticles;
    }

    /** The entry index at position {@code i}. */
    int entryIndex(int i) {
        if (i < 0 || i >= count) {
            throw new ZimEntryNotFoundException("title index position " + i + " out of range");
        }
        long idx = storage.u32(listPos + 4L * i);
        if (idx >= entryCount) {
            throw new ZimFormatException("title index position " + i + " points at entry " + idx
                    + ", beyond the " + entryCount + " entries");
        }
        return (int) idx;
    }

    /** Compares (namespace, title) at position {@code t} with {@code (ns, key)}, or only its prefix. */
    int compareAt(int t, char ns, byte[] key, boolean prefix) {
        long d = paths.direntOffset(entryIndex(t));
        int c = storage.u8(d + 3) - (ns & 0xFF);
        if (c != 0) {
            return c;
        }
        long tp = Dirent.titlePos(storage, d);
        return prefix ? storage.comparePrefix(tp, tp + Dirent.MAX_STRING, key)
                : storage.compareCString(tp, tp + Dirent.MAX_STRING, key);
    }

    /** First position whose (namespace, title) is {@code >= (ns, key)}. */
    int lowerBound(char ns, byte[] key) {
        long range = samples.narrow(ns, key);
        int lo = KeySamples.from(range);
        int hi = KeySamples.to(range);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compareAt(mid, ns, key, false) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The position of the entry with exactly this title ({@code C}, then {@code A}, {@code I}, {@code J},
     * {@code -}), or -1.
     */
    int find(byte[] key) {
        if (count == 0) {
            return -1;
        }
        // namespaces outside the listing's first..last cannot match (the v1 listing holds only C)
        int nsFirst = paths.namespaceAt(entryIndex(0));
        int nsLast = paths.namespaceAt(entryIndex(count - 1));
        for (char ns : new char[] {'C', 'A', 'I', 'J', '-'}) {
            if (ns < nsFirst || ns > nsLast) {
                continue;
            }
            int t = lowerBound(ns, key);
            if (t < count && compareAt(t, ns, key, false) == 0) {
                return t;
            }
        }
        return -1;
    }
}
