package io.burrow.mcp.zim.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;

final class FileRegionSourceTest {

    @Test
    void read_returnsTheSameBytesAsTheBlob() throws Exception {
        byte[] blob = Fixtures.blob("peer-test-small.zim", 'X', "fulltext/xapian");
        try (FileChannel ch = FileChannel.open(Fixtures.zim("peer-test-small.zim"), StandardOpenOption.READ)) {
            MiniZim z = new MiniZim(ch);
            MiniZim.BlobLocation loc = z.directBlob(z.find('X', "fulltext/xapian").orElseThrow()).orElseThrow();
            FileRegionSource src = new FileRegionSource(ch, loc.offset(), loc.size());
            byte[] b = new byte[8192];
            src.read(8192, b, 0, 8192);
            assertThat(b).isEqualTo(java.util.Arrays.copyOfRange(blob, 8192, 16384));
            assertThat(GlassDatabase.open(src).metadata("kind")).isEqualTo("fulltext");
        }
    }
}
