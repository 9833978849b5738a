package io.burrow.mcp.zim.search;

import io.burrow.mcp.zim.ZimArchive;
import java.nio.file.Path;

/** Opens searchers on the committed fixture archives. */
final class TestArchives {

    private TestArchives() {
    }

    /** An open archive and its searcher; closing closes the archive. */
    record Opened(ZimArchive archive, ZimSearcher searcher) implements AutoCloseable {
        @Override
        public void close() {
            archive.close();
        }
    }

    static Opened open(String fixture) {
        return open(GroundTruth.fixture(fixture));
    }

    static Opened open(Path zim) {
        ZimArchive a = ZimArchive.open(zim);
        return new Opened(a, ZimSearcher.open(a));
    }
}
