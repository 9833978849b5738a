package io.burrow.mcp.testkit.zim;

import io.airlift.compress.zstd.ZstdCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * Writes valid ZIM archives in pure Java, for fixtures in tests (Burrow's and yours). The output
 * follows what libzim 8 writes, opens in libzim (python3-libzim) and passes {@code zimcheck -A}:
 *
 * <ul>
 *   <li>ZIM 6.1, new namespace scheme: content and redirects in {@code C}, metadata in {@code M},
 *       {@code W/mainPage} redirecting to the main entry, title listings in {@code X};
 *   <li>mandatory metadata with defaults (Name, Title, Language, Creator, Publisher, Date,
 *       Description), a generated {@code M/Counter}, and a 48×48 PNG illustration;
 *   <li>the v1 front-article title listing ({@code X/listing/titleOrdered/v1}, HTML items by default)
 *       and the v0 listing of all entries, both in an uncompressed cluster;
 *   <li>clusters compressed with zstd (default), xz or stored, images always stored; optional 64-bit
 *       ("extended") blob offsets; the MD5 checksum.
 * </ul>
 *
 * <pre>{@code
 * Path zim = ZimArchiveBuilder.create()
 *         .metadata("Title", "Test wiki")
 *         .addHtml("index.html", "Welcome", "<html><body><a href=\"a.html\">A</a></body></html>")
 *         .addHtml("a.html", "Article A", "<html><body>Alpha</body></html>")
 *         .addRedirect("alpha.html", "Alpha", "a.html")
 *         .addItem("data/x.csv", "", "text/csv", "a,b\n1,2\n".getBytes(UTF_8))
 *         .mainPath("index.html")
 *         .compression(ZimArchiveBuilder.Compression.XZ)
 *         .build(tempDir.resolve("test.zim"));
 * }</pre>
 *
 * <p>No search index is built from the content: an archive reports {@code has_fulltext_index = false} unless a
 * ready Xapian database is given with {@link #fulltextIndex(byte[])} (stored as {@code X/fulltext/xapian}, in a
 * stored (uncompressed) cluster, as libzim requires).
 */
public final class ZimArchiveBuilder {

    /** Cluster compression of compressible items. */
    public enum Compression {
        /** Stored (cluster info byte 1). */
        NONE(1),
        /** LZMA2 in an xz container (info 4). */
        XZ(4),
        /** Zstandard (info 5), libzim's default. */
        ZSTD(5);

        final int info;

        Compression(int info) {
            this.info = info;
        }
    }

    private record Item(char ns, String path, String title, String mime, byte[] content, String target,
            boolean front, boolean compressible) {
    }

    private final Map<String, Item> items = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private byte[] illustration = defaultIllustration();
    private String mainPath;
    private Compression compression = Compression.ZSTD;
    private int clusterSize = 2 << 20;
    private boolean extended;
    private UUID uuid;
    private byte[] fulltextIndex;

    private ZimArchiveBuilder() {
        metadata.put("Name", "burrow_test_en");
        metadata.put("Title", "Burrow test archive");
        metadata.put("Language", "eng");
        metadata.put("Creator", "Burrow");
        metadata.put("Publisher", "Burrow test kit");
        metadata.put("Date", "2026-01-01");
        metadata.put("Description", "Archive written by ZimArchiveBuilder");
    }

    /** A builder with default metadata, zstd clusters of 2 MiB and a generated illustration. */
    public static ZimArchiveBuilder create() {
        return new ZimArchiveBuilder();
    }

    /** Sets metadata {@code M/name} (UTF-8 text); {@code Counter} is generated and cannot be set. */
    public ZimArchiveBuilder metadata(String name, String value) {
        if (name.equals("Counter") || name.startsWith("Illustration_")) {
            throw new IllegalArgumentException(name + " is written by the builder");
        }
        metadata.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
        return this;
    }

    /** Sets the 48×48 PNG illustration ({@code M/Illustration_48x48@1}); {@code null} omits it. */
    public ZimArchiveBuilder illustration48(byte[] png) {
        this.illustration = png;
        return this;
    }

    /** The main entry's path ({@code W/mainPage} redirects to it). */
    public ZimArchiveBuilder mainPath(String path) {
        this.mainPath = path;
        return this;
    }

    /** Compression of compressible items (text); images and listings are always stored. */
    public ZimArchiveBuilder compression(Compression compression) {
        this.compression = Objects.requireNonNull(compression);
        return this;
    }

    /** Target uncompressed size of a cluster (default 2 MiB, libzim's); small values make many clusters. */
    public ZimArchiveBuilder clusterSize(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("clusterSize must be positive");
        }
        this.clusterSize = bytes;
        return this;
    }

    /** Writes 64-bit blob offsets (extended clusters) even where 32 bits suffice. */
    public ZimArchiveBuilder extendedClusters(boolean extended) {
        this.extended = extended;
        return this;
    }

    /** The archive UUID (default: derived from the Name metadata, so builds are reproducible). */
    public ZimArchiveBuilder uuid(UUID uuid) {
        this.uuid = uuid;
        return this;
    }

    /**
     * Embeds {@code xapianDatabase}, a single-file Xapian glass database (as {@code xapian-compact --single-file}
     * writes it), as the full-text index {@code X/fulltext/xapian}. Its documents' data are the entries' paths
     * ({@code C/…}), as libzim's indexer writes them.
     */
    public ZimArchiveBuilder fulltextIndex(byte[] xapianDatabase) {
        this.fulltextIndex = xapianDatabase.clone();
        return this;
    }

    /** Adds an HTML front article. */
    public ZimArchiveBuilder addHtml(String path, String title, String html) {
        return addItem(path, title, "text/html", html.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Adds an item; it is a front article when its MIME type starts with {@code text/html} (libzim's
     * default), and compressed unless it is an image, audio or video.
     */
    public ZimArchiveBuilder addItem(String path, String title, String mime, byte[] content) {
        boolean media = mime.startsWith("image/") || mime.startsWith("video/") || mime.startsWith("audio/");
        return addItem(path, title, mime, content, mime.startsWith("text/html"), !media);
    }

    /** Adds an item with explicit front-article and compression hints. */
    public ZimArchiveBuilder addItem(String path, String title, String mime, byte[] content, boolean frontArticle,
            boolean compressible) {
        put(new Item('C', path, title == null ? "" : title, Objects.requireNonNull(mime), content.clone(), null,
                frontArticle, compressible));
        return this;
    }

    /** Adds a redirect {@code path} → {@code targetPath} (both in {@code C}); not a front article. */
    public ZimArchiveBuilder addRedirect(String path, String title, String targetPath) {
        return addRedirect(path, title, targetPath, false);
    }

    /** Adds a redirect, listed among the front articles when {@code frontArticle}. */
    public ZimArchiveBuilder addRedirect(String path, String title, String targetPath, boolean frontArticle) {
        put(new Item('C', path, title == null ? "" : title, null, null, Objects.requireNonNull(targetPath),
                frontArticle, false));
        return this;
    }

    private void put(Item item) {
        if (item.path().isEmpty() || item.path().indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid path '" + item.path() + "'");
        }
        if (items.putIfAbsent(item.path(), item) != null) {
            throw new IllegalArgumentException("duplicate path '" + item.path() + "'");
        }
    }

    /** Writes the archive to {@code file} and returns it. */
    public Path build(Path file) {
        try {
            Files.write(file, toBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The archive's bytes. */
    public byte[] toBytes() {
        try {
            return write();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ writer

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int compareBytes(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    private byte[] write() throws IOException {
        List<Item> all = new ArrayList<>(items.values());
        for (Item it : all) {
            if (it.target() != null && !items.containsKey(it.target())) {
                throw new IllegalStateException("redirect '" + it.path() + "' points at missing '" + it.target() + "'");
            }
        }
        if (mainPath != null && !items.containsKey(mainPath)) {
            throw new IllegalStateException("main path '" + mainPath + "' is not an entry");
        }
        // counter of the C content items, by MIME type
        TreeMap<String, Integer> counter = new TreeMap<>();
        for (Item it : all) {
            if (it.content() != null) {
                counter.merge(it.mime(), 1, Integer::sum);
            }
        }
        StringBuilder c = new StringBuilder();
        counter.forEach((k, v) -> c.append(c.length() == 0 ? "" : ";").append(k).append('=').append(v));
        Map<String, String> meta = new TreeMap<>(metadata);
        meta.put("Counter", c.toString());
        for (Map.Entry<String, String> m : meta.entrySet()) {
            all.add(new Item('M', m.getKey(), "", "text/plain;charset=utf-8", utf8(m.getValue()), null, false, true));
        }
        if (illustration != null) {
            all.add(new Item('M', "Illustration_48x48@1", "", "image/png", illustration, null, false, false));
        }
        if (mainPath != null) {
            all.add(new Item('W', "mainPage", "", null, null, mainPath, false, false));
        }
        if (fulltextIndex != null) {
            all.add(new Item('X', "fulltext/xapian", "", "application/octet-stream+xapian", fulltextIndex, null, false,
                    false));
        }
        // listings: placeholders of the right size, filled once indexes are known
        long frontCount = all.stream().filter(Item::front).count();
        int total = all.size() + 2;
        Item v0 = new Item('X', "listing/titleOrdered/v0", "", "application/octet-stream+zimlisting",
                new byte[4 * total], null, false, false);
        Item v1 = new Item('X', "listing/titleOrdered/v1", "", "application/octet-stream+zimlisting",
                new byte[(int) (4 * frontCount)], null, false, false);
        all.add(v0);
        all.add(v1);

        // path order: (namespace, path) as unsigned bytes
        all.sort(Comparator.comparing((Item it) -> utf8(it.ns() + "/" + it.path()), ZimArchiveBuilder::compareBytes));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            index.put(all.get(i).ns() + "/" + all.get(i).path(), i);
        }
        // title orders: v0 by (namespace, title) over all entries, v1 by title over front articles
        List<Integer> byTitle = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            byTitle.add(i);
        }
        byTitle.sort(Comparator.comparing((Integer i) -> utf8(all.get(i).ns() + "/" + effectiveTitle(all.get(i))),
                ZimArchiveBuilder::compareBytes).thenComparing(i -> i));
        ByteBuffer v0b = ByteBuffer.wrap(v0.content()).order(ByteOrder.LITTLE_ENDIAN);
        byTitle.forEach(v0b::putInt);
        ByteBuffer v1b = ByteBuffer.wrap(v1.content()).order(ByteOrder.LITTLE_ENDIAN);
        byTitle.stream().filter(i -> all.get(i).front()).forEach(v1b::putInt);

        // MIME list, sorted
        List<String> mimes = all.stream().map(Item::mime).filter(Objects::nonNull).distinct().sorted().toList();

        // clusters: compressible items in compressed clusters, the rest stored, in path order
        List<List<Integer>> clusters = new ArrayList<>();
        List<Boolean> clusterCompressed = new ArrayList<>();
        int[] clusterOf = new int[all.size()];
        int[] blobOf = new int[all.size()];
        for (boolean compressed : new boolean[] {true, false}) {
            List<Integer> current = null;
            long size = 0;
            for (int i = 0; i < all.size(); i++) {
                Item it = all.get(i);
                if (it.content() == null || (it.compressible() && compression != Compression.NONE) != compressed) {
                    continue;
                }
                if (current == null || (size + it.content().length > clusterSize && !current.isEmpty())) {
                    current = new ArrayList<>();
                    clusters.add(current);
                    clusterCompressed.add(compressed);
                    size = 0;
                }
                clusterOf[i] = clusters.size() - 1;
                blobOf[i] = current.size();
                current.add(i);
                size += it.content().length;
            }
        }

        Out out = new Out();
        out.skip(80);
        for (String m : mimes) {
            out.bytes(utf8(m));
            out.u8(0);
        }
        out.u8(0);
        long[] clusterPos = new long[clusters.size()];
        for (int ci = 0; ci < clusters.size(); ci++) {
            clusterPos[ci] = out.pos();
            boolean compressed = clusterCompressed.get(ci);
            Compression comp = compressed ? compression : Compression.NONE;
            byte[] data = clusterData(clusters.get(ci), all);
            out.u8(comp.info | (extended ? 0x10 : 0));
            out.bytes(compress(comp, data));
        }
        long[] direntPos = new long[all.size()];
        for (int i = 0; i < all.size(); i++) {
            direntPos[i] = out.pos();
            Item it = all.get(i);
            if (it.target() != null) {
                out.u16(0xFFFF);
                out.u8(0);
                out.u8(it.ns());
                out.u32(0);
                out.u32(index.get("C/" + it.target()));
            } else {
                out.u16(mimes.indexOf(it.mime()));
                out.u8(0);
                out.u8(it.ns());
                out.u32(0);
                out.u32(clusterOf[i]);
                out.u32(blobOf[i]);
            }
            out.bytes(utf8(it.path()));
            out.u8(0);
            out.bytes(utf8(it.title().equals(it.path()) ? "" : it.title()));
            out.u8(0);
        }
        long pathPtrPos = out.pos();
        for (long p : direntPos) {
            out.u64(p);
        }
        long clusterPtrPos = out.pos();
        for (long p : clusterPos) {
            out.u64(p);
        }
        long checksumPos = out.pos();
        // the v0 listing's blob offset: find it in its stored cluster
        int v0i = index.get("X/listing/titleOrdered/v0");
        long titleIdxPos = blobPosition(out, clusterPos[clusterOf[v0i]], blobOf[v0i]);

        ByteBuffer h = ByteBuffer.allocate(80).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0x044D495A).putShort((short) 6).putShort((short) 1);
        UUID u = uuid != null ? uuid : UUID.nameUUIDFromBytes(utf8("burrow-zim:" + metadata.get("Name")));
        h.order(ByteOrder.BIG_ENDIAN).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits())
                .order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(all.size()).putInt(clusters.size()).putLong(pathPtrPos).putLong(titleIdxPos)
                .putLong(clusterPtrPos).putLong(80);
        h.putInt(mainPath == null ? -1 : index.get("W/mainPage"));
        h.putInt(-1);
        h.putLong(checksumPos);
        byte[] file = out.toByteArray();
        System.arraycopy(h.array(), 0, file, 0, 80);
        byte[] md5 = md5(file);
        byte[] result = Arrays.copyOf(file, file.length + 16);
        System.arraycopy(md5, 0, result, file.length, 16);
        return result;
    }

    private static String effectiveTitle(Item it) {
        return it.title().isEmpty() ? it.path() : it.title();
    }

    private byte[] clusterData(List<Integer> blobs, List<Item> all) {
        int width = extended ? 8 : 4;
        long tableSize = (long) width * (blobs.size() + 1);
        Out o = new Out();
        long off = tableSize;
        for (int k = 0; k <= blobs.size(); k++) {
            if (extended) {
                o.u64(off);
            } else {
                o.u32(off);
            }
            if (k < blobs.size()) {
                off += all.get(blobs.get(k)).content().length;
            }
        }
        for (int i : blobs) {
            o.bytes(all.get(i).content());
        }
        return o.toByteArray();
    }

    /** Absolute offset of blob {@code blob} of the stored cluster at {@code clusterPos}. */
    private long blobPosition(Out out, long clusterPos, int blob) {
        byte[] b = out.toByteArray();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long rel = extended ? bb.getLong((int) clusterPos + 1 + 8 * blob) : bb.getInt((int) clusterPos + 1 + 4 * blob);
        return clusterPos + 1 + rel;
    }

    private static byte[] compress(Compression c, byte[] data) throws IOException {
        switch (c) {
            case NONE:
                return data;
            case ZSTD: {
                ZstdCompressor z = new ZstdCompressor();
                byte[] out = new byte[z.maxCompressedLength(data.length)];
                int n = z.compress(data, 0, data.length, out, 0, out.length);
                return Arrays.copyOf(out, n);
            }
            case XZ: {
                ByteArrayOutputStream bo = new ByteArrayOutputStream();
                try (XZOutputStream xz = new XZOutputStream(bo, new LZMA2Options(6))) {
                    xz.write(data);
                }
                return bo.toByteArray();
            }
            default:
                throw new IllegalStateException();
        }
    }

    private static byte[] md5(byte[] b) {
        try {
            return MessageDigest.getInstance("MD5").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 48×48 RGB PNG (a blue square with a lighter diagonal). */
    static byte[] defaultIllustration() {
        int w = 48;
        byte[] raw = new byte[w * (1 + 3 * w)];
        int p = 0;
        for (int y = 0; y < w; y++) {
            raw[p++] = 0;
            for (int x = 0; x < w; x++) {
                boolean d = Math.abs(x - y) < 4;
                raw[p++] = (byte) (d ? 200 : 40);
                raw[p++] = (byte) (d ? 220 : 90);
                raw[p++] = (byte) (d ? 255 : 160);
            }
        }
        Deflater def = new Deflater();
        def.setInput(raw);
        def.finish();
        byte[] buf = new byte[raw.length + 64];
        int n = def.deflate(buf);
        def.end();
        Out o = new Out();
        o.bytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(w).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        pngChunk(o, "IHDR", ihdr.array());
        pngChunk(o, "IDAT", Arrays.copyOf(buf, n));
        pngChunk(o, "IEND", new byte[0]);
        return o.toByteArray();
    }

    private static void pngChunk(Out o, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        o.bytes(ByteBuffer.allocate(4).putInt(data.length).array());
        o.bytes(t);
        o.bytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        o.bytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A little-endian byte sink. */
    private static final class Out {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();

        long pos() {
            return b.size();
        }

        void skip(int n) {
            b.writeBytes(new byte[n]);
        }

        void u8(int v) {
            b.write(v);
        }

        void u16(int v) {
            b.write(v);
            b.write(v >>> 8);
        }

        void u32(long v) {
            for (int i = 0; i < 4; i++) {
                b.write((int) (v >>> (8 * i)));
            }
        }

        void u64(long v) {
            for (int i = 0; i < 8; i++) {
                b.write((int) (v >>> (8 * i)));
            }
        }

        void bytes(byte[] a) {
            b.writeBytes(a);
        }

        byte[] toByteArray() {
            return b.toByteArray();
        }
    }
}
