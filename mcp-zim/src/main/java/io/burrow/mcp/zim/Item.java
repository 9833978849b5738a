package io.burrow.mcp.zim;

import io.burrow.mcp.zim.internal.Dirent;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The content of a (non-redirect) entry: MIME type, size, bytes. Obtained with
 * {@link Entry#item()}; thread-safe.
 *
 * <pre>{@code
 * Item item = archive.entry("index.html").item();
 * String html = item.text();                       // UTF-8
 * item.directAccess().ifPresent(d -> …d.part()…d.partOffset()…);   // uncompressed clusters only
 * }</pre>
 */
public final class Item {

    private final Entry entry;
    private volatile ClusterReader.BlobRef blob;

    Item(Entry entry) {
        this.entry = entry;
    }

    /** The entry holding the content (the redirect target when redirects were followed). */
    public Entry entry() {
        return entry;
    }

    /** The entry's path (see {@link Entry#path()}). */
    public String path() {
        return entry.path();
    }

    /** The entry's title. */
    public String title() {
        return entry.title();
    }

    /** The MIME type. */
    public String mimeType() {
        return entry.archive().mimeType(entry.dirent().mimeType());
    }

    /** The cluster number. */
    public long clusterIndex() {
        return entry.dirent().cluster();
    }

    /** The blob number inside the cluster. */
    public long blobIndex() {
        return entry.dirent().blob();
    }

    /** How the cluster holding the content is compressed. */
    public Compression compression() {
        return ref().compression();
    }

    /** The size in bytes. */
    public long size() {
        return ref().size();
    }

    /**
     * The whole content. Raises {@code TOO_LARGE} above 2 GiB (use {@link #read} or
     * {@link #openStream()} for such blobs).
     */
    public byte[] content() {
        return entry.archive().clusters().content(ref());
    }

    /** At most the first {@code maxBytes} bytes of the content (all of it when it is shorter). */
    public byte[] content(int maxBytes) {
        int n = (int) Math.min(size(), Math.max(0, maxBytes));
        byte[] out = new byte[n];
        int done = 0;
        while (done < n) {
            int r = read(done, out, done, n - done);
            if (r <= 0) {
                break;
            }
            done += r;
        }
        return done == n ? out : java.util.Arrays.copyOf(out, done);
    }

    /** The content decoded as UTF-8. */
    public String text() {
        return new String(content(), StandardCharsets.UTF_8);
    }

    /**
     * A read-only view of the content, without copying when possible (a slice of the mapped file
     * for uncompressed clusters, of the cached cluster for compressed ones).
     */
    public ByteBuffer contentBuffer() {
        return entry.archive().clusters().contentBuffer(ref());
    }

    /**
     * Copies up to {@code len} bytes of the content starting at {@code position} into {@code dst}.
     *
     * @return the number of bytes copied, or -1 when {@code position >= size()}
     */
    public int read(long position, byte[] dst, int off, int len) {
        return entry.archive().clusters().read(ref(), position, dst, off, len);
    }

    /** A stream over the content (read from the mapping for stored clusters, from the decoded cluster otherwise). */
    public InputStream openStream() {
        return entry.archive().clusters().stream(ref());
    }

    /**
     * Where the content lies on disk, present only for uncompressed clusters when it does not
     * straddle two parts of a split archive (libzim's direct access information).
     */
    public Optional<DirectAccess> directAccess() {
        return entry.archive().clusters().directAccess(ref());
    }

    private ClusterReader.BlobRef ref() {
        ClusterReader.BlobRef b = blob;
        if (b == null) {
            Dirent d = entry.dirent();
            b = entry.archive().clusters().locate(d.cluster(), d.blob());
            blob = b;
        }
        return b;
    }

    @Override
    public String toString() {
        return "Item[" + entry.fullPath() + "]";
    }
}
