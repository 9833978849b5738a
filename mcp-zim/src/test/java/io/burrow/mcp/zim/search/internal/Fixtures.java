package io.burrow.mcp.zim.search.internal;

import io.burrow.mcp.zim.ZimArchive;
import io.burrow.mcp.zim.search.IndexBlob;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the committed fixture archives and opens their embedded databases. */
final class Fixtures {

    private Fixtures() {
    }

    static Path zim(String name) {
        Path p = Path.of("..", "fixtures", "zim", name);
        if (!Files.exists(p)) {
            p = Path.of("fixtures", "zim", name);
        }
        return p.toAbsolutePath().normalize();
    }

    /** The bytes of {@code ns/path} in a fixture archive. */
    static byte[] blob(String zimName, char ns, String path) {
        try (ZimArchive z = ZimArchive.open(zim(zimName))) {
            return z.findEntry(ns, path).orElseThrow().item().content();
        }
    }

    static GlassDatabase fulltext() {
        return GlassDatabase.open(IndexBlob.of(blob("peer-test-small.zim", 'X', "fulltext/xapian")));
    }

    static GlassDatabase title() {
        return GlassDatabase.open(IndexBlob.of(blob("peer-test-small.zim", 'X', "title/xapian")));
    }
}
