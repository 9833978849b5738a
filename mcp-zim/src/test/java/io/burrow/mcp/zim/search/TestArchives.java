package io.burrow.mcp.zim.search;

import io.burrow.mcp.zim.search.internal.MiniZimSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens searchers on the committed fixture archives. */
final class TestArchives {

    private TestArchives() {
    }

    /** An open archive; close the channel when done. */
    record Opened(FileChannel channel, ZimSearcher searcher) implements AutoCloseable {
        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Opened open(String fixture) {
        return open(GroundTruth.fixture(fixture));
    }

    static Opened open(Path zim) {
        try {
            FileChannel ch = FileChannel.open(zim, StandardOpenOption.READ);
            return new Opened(ch, ZimSearcher.open(new MiniZimSource(ch)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
