package io.burrow.mcp.zim;

import io.burrow.mcp.zim.internal.Dirent;
import io.burrow.mcp.zim.internal.Storage;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntToLongFunction;

/**
 * Every {@code step}-th key of a sorted directory listing (the paths in path order, or the titles in title order),
 * kept in memory: a lookup first finds the step its key falls in here, without reading the file, then binary-searches
 * that step alone, reading some log2(step) keys instead of log2(count). libzim's {@code DirentLookup} does the same
 * with its 1,024 samples. On a large archive the upper levels of every binary search otherwise read the same
 * dirents again and again, through a page cache they keep flushing.
 *
 * <p>Only a listing of at least {@value #MIN_COUNT} keys is sampled, and only once it has served
 * {@value #AFTER_LOOKUPS} lookups: opening an archive or one command's few lookups do not pay for the 1,024 reads.
 * A key is its namespace byte followed by the string's UTF-8 bytes, compared as unsigned bytes, which is the order
 * of the listing (namespace first, then {@link Storage#compareCString}). Thread-safe.
 */
final class KeySamples {

    /** Samples of a listing: libzim's default. */
    static final int SAMPLES = 1024;
    /** Shortest listing sampled: below it a plain binary search reads only a few pages. */
    static final int MIN_COUNT = 8 * SAMPLES;
    /** Lookups a listing serves before it is sampled. */
    static final int AFTER_LOOKUPS = 64;

    private final Storage storage;
    private final int count;
    private final int step;
    private final IntToLongFunction dirent;
    private final boolean titles;
    private final AtomicInteger lookups = new AtomicInteger();
    private volatile byte[][] keys;

    /**
     * @param count keys in the listing
     * @param dirent the offset of the dirent at a position of the listing
     * @param titles whether the key is the dirent's title (else its path)
     */
    KeySamples(Storage storage, int count, IntToLongFunction dirent, boolean titles) {
        this.storage = storage;
        this.count = count;
        this.step = (count + SAMPLES - 1) / SAMPLES;
        this.dirent = dirent;
        this.titles = titles;
    }

    /**
     * The positions {@code [from, to)} to binary-search for the first key {@code >= (ns, key)}: every key before
     * {@code from} is smaller, and the key at {@code to}, if {@code to < count}, is not (it may be equal). Packed as
     * {@code from << 32 | to}; the whole listing while it is not sampled.
     */
    long narrow(char ns, byte[] key) {
        byte[][] k = keys();
        if (k == null) {
            return count;
        }
        byte[] target = new byte[key.length + 1];
        target[0] = (byte) ns;
        System.arraycopy(key, 0, target, 1, key.length);
        int lo = 0;
        int hi = k.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Arrays.compareUnsigned(k[mid], target) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int from = lo == 0 ? 0 : (lo - 1) * step + 1;
        int to = lo == k.length ? count : lo * step;
        return (long) from << 32 | to;
    }

    static int from(long range) {
        return (int) (range >>> 32);
    }

    static int to(long range) {
        return (int) range;
    }

    private byte[][] keys() {
        byte[][] k = keys;
        if (k == null && count >= MIN_COUNT && lookups.incrementAndGet() > AFTER_LOOKUPS) {
            k = sample();
            keys = k; // (a racing lookup may make its own: either is right)
        }
        return k;
    }

    private byte[][] sample() {
        byte[][] k = new byte[(count + step - 1) / step][];
        for (int j = 0; j < k.length; j++) {
            long d = dirent.applyAsLong(j * step);
            long p = titles ? Dirent.titlePos(storage, d) : Dirent.pathPos(storage, d);
            long end = storage.indexOfNul(p, p + Dirent.MAX_STRING);
            if (end < 0) {
                throw new ZimFormatException("unterminated string in the dirent at offset " + d);
            }
            byte[] key = new byte[(int) (end - p) + 1];
            key[0] = (byte) storage.u8(d + 3);
            storage.read(p, key, 1, key.length - 1);
            k[j] = key;
        }
        return k;
    }
}
