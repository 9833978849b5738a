package io.burrow.mcp.zim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burrow.mcp.testkit.zim.ZimArchiveBuilder;
import io.burrow.mcp.zim.internal.ClusterData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made damage: each raises a typed ZimException with a message saying what is wrong. */
final class DamageTest {

    @TempDir
    Path dir;

    private static byte[] zstdWiki() {
        return TestArchives.wiki(ZimArchiveBuilder.Compression.ZSTD).toBytes();
    }

    private static void formatError(ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(ZimFormatException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((ZimException) e).errorCode()).isEqualTo(ZimErrors.FORMAT_ERROR);
    }

    private static void putU32(byte[] b, long pos, long v) {
        TestArchives.le(b).putInt((int) pos, (int) v);
    }

    private static void putU64(byte[] b, long pos, long v) {
        TestArchives.le(b).putLong((int) pos, v);
    }

    @Test
    void truncatedFiles_areRefusedAtOpen() throws Exception {
        byte[] b = zstdWiki();
        for (int n : new int[] {0, 3, 79, 80, 200, b.length / 2, b.length - 17, b.length - 1}) {
            Path f = dir.resolve("t" + n + ".zim");
            Files.write(f, Arrays.copyOf(b, n));
            assertThatThrownBy(() -> ZimArchive.open(f)).as("truncated at %d", n).isInstanceOf(ZimFormatException.class)
                    .hasMessageNotContaining(dir.toString());
        }
        formatError(() -> TestArchives.open(Arrays.copyOf(b, 40)), "too small");
        formatError(() -> TestArchives.open(Arrays.copyOf(b, b.length - 1)), "truncated?");
    }

    @Test
    void wrongMagicOrVersion_isRefused() {
        byte[] b = zstdWiki();
        b[0] ^= 1;
        formatError(() -> TestArchives.open(b), "invalid magic number");
        byte[] v = zstdWiki();
        v[4] = 7;
        assertThatThrownBy(() -> TestArchives.open(v)).isInstanceOf(ZimException.class)
                .extracting(e -> ((ZimException) e).errorCode()).isEqualTo(ZimErrors.UNSUPPORTED);
    }

    @Test
    void pointerListsOutOfBounds_areRefusedAtOpen() {
        byte[] b = zstdWiki();
        putU64(b, 32, b.length + 100L);
        formatError(() -> TestArchives.open(b), "path pointer");
        byte[] c = zstdWiki();
        putU64(c, 48, c.length - 20L);
        formatError(() -> TestArchives.open(c), "cluster pointer list");
        byte[] h = zstdWiki();
        putU32(h, 24, 0x7FFFFFF0L);   // a hostile entry count: no allocation, a bounds error
        formatError(() -> TestArchives.open(h), "path pointer list");
        byte[] m = zstdWiki();
        putU64(m, 56, 90);
        formatError(() -> TestArchives.open(m), "MIME list position");
    }

    @Test
    void direntPointerOutOfBounds_isReported() {
        byte[] b = zstdWiki();
        int i = TestArchives.indexOf(b, 'C', "wiki/A5.html");
        putU64(b, TestArchives.pathPtrPos(b) + 8L * i, b.length + 5L);
        try (ZimArchive zim = TestArchives.open(b)) {
            formatError(() -> zim.entryAt(i), "dirent pointer " + i + " out of bounds");
            assertThat(zim.checkIntegrity(false).failures()).extracting(IntegrityReport.Check::name).contains("DIRENT_PTRS");
        }
    }

    @Test
    void unsortedEntries_failTheOrderCheck() {
        byte[] b = zstdWiki();
        int i = TestArchives.indexOf(b, 'C', "wiki/A5.html");
        long p = TestArchives.pathPtrPos(b) + 8L * i;
        long first = TestArchives.le(b).getLong((int) p);
        putU64(b, p, TestArchives.le(b).getLong((int) p + 8));
        putU64(b, p + 8, first);
        try (ZimArchive zim = TestArchives.open(b)) {
            IntegrityReport r = zim.checkIntegrity(true);
            assertThat(r.passed()).isFalse();
            assertThat(r.failures()).extracting(IntegrityReport.Check::name).contains("DIRENT_ORDER", "CHECKSUM");
        }
        formatError(() -> TestArchives.open(b, ZimOptions.builder().checkIntegrityOnOpen(true).build()), "DIRENT_ORDER");
    }

    @Test
    void decreasingClusterOffsets_areReported() {
        byte[] b = zstdWiki();
        long p = TestArchives.clusterPtrPos(b);
        long c0 = TestArchives.clusterOffset(b, 0);
        putU64(b, p, TestArchives.clusterOffset(b, 1));
        putU64(b, p + 8, c0);
        try (ZimArchive zim = TestArchives.open(b)) {
            formatError(() -> zim.entriesByPath().forEach(e -> e.item().content()), "cluster offsets decrease");
            assertThat(zim.checkIntegrity(false).failures()).extracting(IntegrityReport.Check::name).contains("CLUSTER_PTRS");
        }
    }

    @Test
    void badCompressionStreams_areFormatErrors() {
        // zstd: a broken magic, then a reserved block type
        byte[] z = zstdWiki();
        long c0 = TestArchives.clusterOffset(z, 0);
        z[(int) c0 + 1] ^= 0x55;
        try (ZimArchive zim = TestArchives.open(z)) {
            formatError(() -> zim.entryAt(firstEntryOfCluster(zim, 0)).item().content(), "not a zstd frame");
        }
        byte[] z2 = zstdWiki();
        int blockHeader = (int) TestArchives.clusterOffset(z2, 0) + 1 + 4 + 1 + frameHeaderRest(z2);
        z2[blockHeader] |= 0x06;
        try (ZimArchive zim = TestArchives.open(z2)) {
            formatError(() -> zim.entryAt(firstEntryOfCluster(zim, 0)).item().content(), "cluster 0 (zstd)");
        }
        // xz: a flipped byte inside the LZMA2 data fails the stream (CRC or decoder)
        byte[] x = TestArchives.wiki(ZimArchiveBuilder.Compression.XZ).toBytes();
        long x0 = TestArchives.clusterOffset(x, 0);
        long x1 = TestArchives.clusterOffset(x, 1);
        x[(int) ((x0 + x1) / 2)] ^= (byte) 0xA5;
        try (ZimArchive zim = TestArchives.open(x)) {
            formatError(() -> readCluster(zim, 0), "cluster 0 (xz)");
            assertThat(zim.checkIntegrity(false).failures()).extracting(IntegrityReport.Check::name).contains("CLUSTERS");
        }
        // unknown and unsupported compression flags
        byte[] f = zstdWiki();
        f[(int) TestArchives.clusterOffset(f, 0)] = 0x0F;
        try (ZimArchive zim = TestArchives.open(f)) {
            formatError(() -> readCluster(zim, 0), "invalid compression flag");
        }
        byte[] zl = zstdWiki();
        zl[(int) TestArchives.clusterOffset(zl, 0)] = 0x02;
        try (ZimArchive zim = TestArchives.open(zl)) {
            assertThatThrownBy(() -> readCluster(zim, 0)).isInstanceOf(ZimException.class)
                    .hasMessageContaining("zlib").extracting(e -> ((ZimException) e).errorCode()).isEqualTo(ZimErrors.UNSUPPORTED);
        }
    }

    private static int frameHeaderRest(byte[] b) {
        int fhd = b[(int) TestArchives.clusterOffset(b, 0) + 5] & 0xFF;
        int fcs = fhd >>> 6;
        boolean single = (fhd & 0x20) != 0;
        int fcsBytes = fcs == 0 ? (single ? 1 : 0) : fcs == 1 ? 2 : fcs == 2 ? 4 : 8;
        return (single ? 0 : 1) + new int[] {0, 1, 2, 4}[fhd & 3] + fcsBytes;
    }

    private static int firstEntryOfCluster(ZimArchive zim, int cluster) {
        return zim.allEntries().filter(e -> !e.isRedirect() && e.dirent().cluster() == cluster).findFirst()
                .orElseThrow().index();
    }

    private static void readCluster(ZimArchive zim, int cluster) {
        zim.allEntries().filter(e -> !e.isRedirect() && e.dirent().cluster() == cluster)
                .forEach(e -> e.item().content());
    }

    @Test
    void redirectLoops_stopAfterTheHopLimit() {
        byte[] b = zstdWiki();
        int zurich = TestArchives.indexOf(b, 'C', "wiki/Zurich.html");
        putU32(b, TestArchives.direntOffset(b, zurich) + 8, zurich);
        int chain = TestArchives.indexOf(b, 'C', "wiki/Chain.html");
        int tokyo = TestArchives.indexOf(b, 'C', "wiki/Tokyo.html");
        putU32(b, TestArchives.direntOffset(b, tokyo) + 8, chain);
        try (ZimArchive zim = TestArchives.open(b)) {
            formatError(() -> zim.entry("wiki/Zurich.html").item(), "longer than 50 hops");
            formatError(() -> zim.entry("wiki/Chain.html").item(), "longer than 50 hops");
            assertThat(zim.entry("wiki/Zurich.html").redirectEntry().path()).isEqualTo("wiki/Zurich.html");
            assertThat(zim.checkIntegrity(false).failures()).extracting(IntegrityReport.Check::name)
                    .contains("DIRENT_TARGETS");
        }
        byte[] o = zstdWiki();
        putU32(o, TestArchives.direntOffset(o, zurich) + 8, 1_000_000);
        try (ZimArchive zim = TestArchives.open(o)) {
            formatError(() -> zim.entry("wiki/Zurich.html").item(), "beyond the");
        }
    }

    @Test
    void badMimeBlobAndTitleIndexes_areReported() {
        byte[] b = zstdWiki();
        int a1 = TestArchives.indexOf(b, 'C', "wiki/A1.html");
        long d = TestArchives.direntOffset(b, a1);
        TestArchives.le(b).putShort((int) d, (short) 0x7000);
        int a2 = TestArchives.indexOf(b, 'C', "wiki/A2.html");
        putU32(b, TestArchives.direntOffset(b, a2) + 12, 5000);
        int a3 = TestArchives.indexOf(b, 'C', "wiki/A3.html");
        putU32(b, TestArchives.direntOffset(b, a3) + 8, 9999);
        try (ZimArchive zim = TestArchives.open(b)) {
            formatError(() -> zim.entry("wiki/A1.html").item().mimeType(), "unknown MIME type index");
            formatError(() -> zim.entry("wiki/A2.html").item().content(), "blob 5000 out of range");
            formatError(() -> zim.entry("wiki/A3.html").item().content(), "cluster 9999 out of range");
            assertThat(zim.checkIntegrity(false).failures()).extracting(IntegrityReport.Check::name)
                    .contains("DIRENT_MIMETYPES", "DIRENT_TARGETS");
        }
        byte[] t = zstdWiki();
        try (ZimArchive ok = TestArchives.open(t)) {
            DirectAccess v1 = ok.findEntry('X', "listing/titleOrdered/v1").orElseThrow().item().directAccess().orElseThrow();
            putU32(t, v1.archiveOffset() + 8, 0xFFFFFFF0L);
        }
        try (ZimArchive zim = TestArchives.open(t)) {
            formatError(() -> zim.entriesByTitle().forEach(Entry::title), "title index position 2");
            assertThat(zim.checkIntegrity(false).failures()).extracting(IntegrityReport.Check::name).contains("TITLE_INDEX");
        }
    }

    @Test
    void unterminatedMimeListAndStrings_areFormatErrors() {
        byte[] b = zstdWiki();
        long first = TestArchives.clusterOffset(b, 0);
        Arrays.fill(b, 80, (int) first, (byte) 'a');
        formatError(() -> TestArchives.open(b), "MIME type list");
        byte[] s = zstdWiki();
        int last = TestArchives.entryCount(s) - 1;
        putU64(s, TestArchives.pathPtrPos(s) + 8L * last, s.length - 13L);
        try (ZimArchive zim = TestArchives.open(s)) {
            assertThatThrownBy(() -> zim.entryAt(last)).isInstanceOf(ZimFormatException.class);
        }
    }

    @Test
    void checksumMismatch_isReportedButContentStillReads() {
        byte[] b = TestArchives.wiki(ZimArchiveBuilder.Compression.NONE).toBytes();
        try (ZimArchive ok = TestArchives.open(b)) {
            DirectAccess d = ok.entry("img/dot.png").item().directAccess().orElseThrow();
            b[(int) d.archiveOffset() + 20] ^= 1;
        }
        try (ZimArchive zim = TestArchives.open(b)) {
            assertThat(zim.verifyChecksum()).isFalse();
            assertThat(zim.checkIntegrity(true).failures()).extracting(IntegrityReport.Check::name).containsExactly("CHECKSUM");
            assertThat(zim.entry("wiki/A1.html").item().text()).contains("Article 1");
        }
    }

    @Test
    void oversizedClusters_areRefusedWithinTheLimit() {
        byte[] b = TestArchives.wiki(ZimArchiveBuilder.Compression.ZSTD).clusterSize(64 << 10).toBytes();
        try (ZimArchive zim = TestArchives.open(b, ZimOptions.builder().maxClusterBytes(4096).build())) {
            assertThatThrownBy(() -> zim.entriesByPath().forEach(e -> e.item().content()))
                    .isInstanceOf(ZimException.class).extracting(e -> ((ZimException) e).code()).isEqualTo("TOO_LARGE");
        }
        // a decoded cluster whose offset table claims 2 GiB
        byte[] hostile = {(byte) 0xF0, (byte) 0xFF, (byte) 0xFF, 0x7F, 0, 0, 0, 0};
        assertThatThrownBy(() -> new ClusterData(hostile, false, 100, 1 << 20, "cluster 0"))
                .isInstanceOf(ZimException.class);
        byte[] negative = {8, 0, 0, 0, 4, 0, 0, 0};
        formatError(() -> new ClusterData(negative, false, 100, 1 << 20, "cluster 0"), "blob offsets decrease");
    }
}
