package io.burrow.mcp.zim.search.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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

    static byte[] blob(String zimName, char ns, String path) {
        try (FileChannel ch = FileChannel.open(zim(zimName), StandardOpenOption.READ)) {
            MiniZim z = new MiniZim(ch);
            MiniZim.BlobLocation loc = z.directBlob(z.find(ns, path).orElseThrow()).orElseThrow();
            byte[] out = new byte[(int) loc.size()];
            new FileRegionSource(ch, loc.offset(), loc.size()).read(0, out, 0, out.length);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static GlassDatabase fulltext() {
        return GlassDatabase.open(new ByteArraySource(blob("peer-test-small.zim", 'X', "fulltext/xapian")));
    }

    static GlassDatabase title() {
        return GlassDatabase.open(new ByteArraySource(blob("peer-test-small.zim", 'X', "title/xapian")));
    }
}
