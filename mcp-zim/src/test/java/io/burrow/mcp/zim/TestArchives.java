package io.burrow.mcp.zim;

import io.burrow.mcp.testkit.zim.ZimArchiveBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Archives built with the test kit's ZimArchiveBuilder, and byte-level helpers for damaging them. */
final class TestArchives {

    private TestArchives() {
    }

    static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    /** A small wiki: 40 articles, redirects (one chained), a CSV, an image, non-ASCII paths. */
    static ZimArchiveBuilder wiki(ZimArchiveBuilder.Compression c) {
        ZimArchiveBuilder b = ZimArchiveBuilder.create()
                .metadata("Title", "Test wiki")
                .metadata("Language", "fra")
                .compression(c)
                .clusterSize(1500)
                .mainPath("index.html");
        b.addHtml("index.html", "Welcome", html("Welcome", "<a href=\"wiki/A0.html\">A0</a>"));
        for (int i = 0; i < 40; i++) {
            b.addHtml("wiki/A" + i + ".html", "Article " + i, html("Article " + i, "text ".repeat(20 + i) + i));
        }
        b.addHtml("wiki/Zürich.html", "Zürich", html("Zürich", "Stadt"));
        b.addHtml("wiki/東京.html", "東京", html("東京", "都"));
        b.addRedirect("wiki/Zurich.html", "", "wiki/Zürich.html");
        b.addRedirect("wiki/Tokyo.html", "Tokyo", "wiki/東京.html", true);
        b.addRedirect("wiki/Chain.html", "Chain", "wiki/Tokyo.html");
        b.addItem("data/table.csv", "", "text/csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        b.addItem("img/dot.png", "", "image/png", PNG);
        return b;
    }

    static String html(String title, String body) {
        return "<html><head><title>" + title + "</title></head><body><h1>" + title + "</h1><p>" + body
                + "</p></body></html>";
    }

    static ZimArchive open(byte[] bytes) {
        return ZimArchive.open(ByteBuffer.wrap(bytes), ZimOptions.defaults());
    }

    static ZimArchive open(byte[] bytes, ZimOptions options) {
        return ZimArchive.open(ByteBuffer.wrap(bytes), options);
    }

    static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    static long pathPtrPos(byte[] b) {
        return le(b).getLong(32);
    }

    static long clusterPtrPos(byte[] b) {
        return le(b).getLong(48);
    }

    static int entryCount(byte[] b) {
        return le(b).getInt(24);
    }

    static int clusterCount(byte[] b) {
        return le(b).getInt(28);
    }

    static long direntOffset(byte[] b, int i) {
        return le(b).getLong((int) (pathPtrPos(b) + 8L * i));
    }

    static long clusterOffset(byte[] b, int i) {
        return le(b).getLong((int) (clusterPtrPos(b) + 8L * i));
    }

    /** Index of the entry (ns, path) by a linear scan of the dirents (independent of the reader). */
    static int indexOf(byte[] b, char ns, String path) {
        for (int i = 0; i < entryCount(b); i++) {
            int d = (int) direntOffset(b, i);
            int mime = le(b).getShort(d) & 0xFFFF;
            int p = d + (mime == 0xFFFF ? 12 : 16);
            int e = p;
            while (b[e] != 0) {
                e++;
            }
            if (b[d + 3] == ns && new String(b, p, e - p, StandardCharsets.UTF_8).equals(path)) {
                return i;
            }
        }
        throw new IllegalArgumentException(ns + "/" + path);
    }
}
