package io.burrow.mcp.zim.search.internal;

import io.burrow.mcp.zim.search.IndexFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few ZIM structures search needs before the full reader is available: header, path lookup by binary
 * search over the path pointer list, directory entries, and the direct offset of a blob in an uncompressed
 * cluster. Compressed clusters are not decoded here.
 */
public final class MiniZim {

    private final FileChannel ch;
    private final long size;
    private final int entryCount;
    private final int clusterCount;
    private final long pathPtrPos;
    private final long clusterPtrPos;
    private final int minor;

    /** A directory entry (only what search needs). */
    public record Dirent(int index, char namespace, String path, String title, boolean redirect, int target,
                         int mimeIndex, int cluster, int blob) {
    }

    /** A blob's absolute location. */
    public record BlobLocation(long offset, long size) {
    }

    public MiniZim(FileChannel ch) throws IOException {
        this.ch = ch;
        this.size = ch.size();
        ByteBuffer h = read(0, 80);
        if (h.getInt(0) != 0x044D495A) {
            throw new IndexFormatException("not a ZIM file");
        }
        minor = h.getShort(6) & 0xFFFF;
        entryCount = h.getInt(24);
        clusterCount = h.getInt(28);
        pathPtrPos = h.getLong(32);
        clusterPtrPos = h.getLong(48);
        if (entryCount < 0 || clusterCount < 0 || pathPtrPos < 80 || pathPtrPos + 8L * entryCount > size
                || clusterPtrPos < 80 || clusterPtrPos + 8L * clusterCount > size) {
            throw new IndexFormatException("bad ZIM header");
        }
    }

    public boolean newNamespaceScheme() {
        return minor >= 1;
    }

    public int entryCount() {
        return entryCount;
    }

    private ByteBuffer read(long pos, int len) throws IOException {
        if (pos < 0 || pos + len > size) {
            throw new IndexFormatException("ZIM read out of range");
        }
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw new IndexFormatException("ZIM file truncated");
            }
        }
        b.flip();
        return b;
    }

    /** The directory entry at {@code index} in path order. */
    public Dirent dirent(int index) throws IOException {
        if (index < 0 || index >= entryCount) {
            throw new IndexFormatException("entry index out of range");
        }
        long off = read(pathPtrPos + 8L * index, 8).getLong(0);
        int len = (int) Math.min(4096, size - off);
        ByteBuffer d = read(off, len);
        int mime = d.getShort(0) & 0xFFFF;
        char ns = (char) (d.get(3) & 0xFF);
        boolean redirect = mime == 0xFFFF;
        int p = redirect ? 12 : (mime == 0xFFFE || mime == 0xFFFD ? 8 : 16);
        int target = redirect ? d.getInt(8) : -1;
        int cluster = redirect ? -1 : d.getInt(8);
        int blob = redirect ? -1 : d.getInt(12);
        byte[] arr = new byte[len];
        d.get(0, arr);
        int e1 = indexOf(arr, p);
        int e2 = indexOf(arr, e1 + 1);
        if (e1 < 0 || e2 < 0) {
            throw new IndexFormatException("directory entry too long");
        }
        String path = new String(arr, p, e1 - p, StandardCharsets.UTF_8);
        String title = new String(arr, e1 + 1, e2 - e1 - 1, StandardCharsets.UTF_8);
        return new Dirent(index, ns, path, title.isEmpty() ? path : title, redirect, target, mime, cluster, blob);
    }

    private static int indexOf(byte[] a, int from) {
        for (int i = Math.max(from, 0); i < a.length; i++) {
            if (a[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Finds {@code (ns, path)} by binary search over the path pointer list. */
    public Optional<Dirent> find(char ns, String path) throws IOException {
        byte[] key = (ns + "/" + path).getBytes(StandardCharsets.UTF_8);
        int lo = 0;
        int hi = entryCount - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Dirent d = dirent(mid);
            byte[] k = (d.namespace() + "/" + d.path()).getBytes(StandardCharsets.UTF_8);
            int c = java.util.Arrays.compareUnsigned(k, key);
            if (c == 0) {
                return Optional.of(d);
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return Optional.empty();
    }

    /** The direct location of a content entry's blob if its cluster is uncompressed. */
    public Optional<BlobLocation> directBlob(Dirent d) throws IOException {
        if (d.redirect() || d.cluster() < 0 || d.cluster() >= clusterCount) {
            return Optional.empty();
        }
        long coff = read(clusterPtrPos + 8L * d.cluster(), 8).getLong(0);
        int info = read(coff, 1).get(0) & 0xFF;
        int comp = info & 0x0F;
        if (comp > 1) {
            return Optional.empty();
        }
        boolean ext = (info & 0x10) != 0;
        int w = ext ? 8 : 4;
        ByteBuffer first = read(coff + 1, w);
        long tableSize = ext ? first.getLong(0) : first.getInt(0) & 0xFFFFFFFFL;
        long n = tableSize / w - 1;
        if (d.blob() < 0 || d.blob() >= n) {
            throw new IndexFormatException("blob number out of range");
        }
        ByteBuffer two = read(coff + 1 + (long) w * d.blob(), 2 * w);
        long a = ext ? two.getLong(0) : two.getInt(0) & 0xFFFFFFFFL;
        long b = ext ? two.getLong(w) : two.getInt(w) & 0xFFFFFFFFL;
        if (b < a || coff + 1 + b > size) {
            throw new IndexFormatException("bad blob offsets");
        }
        return Optional.of(new BlobLocation(coff + 1 + a, b - a));
    }

    /** Indices listed in {@code X/listing/titleOrdered/v1} (front articles in title order), if present. */
    public List<Integer> titleListingV1() throws IOException {
        List<Integer> out = new ArrayList<>();
        Optional<Dirent> d = find('X', "listing/titleOrdered/v1");
        if (d.isEmpty()) {
            return out;
        }
        Optional<BlobLocation> loc = directBlob(d.get());
        if (loc.isEmpty() || loc.get().size() > 4L * entryCount) {
            return out;
        }
        ByteBuffer b = read(loc.get().offset(), (int) loc.get().size());
        while (b.remaining() >= 4) {
            out.add(b.getInt());
        }
        return out;
    }
}
