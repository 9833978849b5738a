package io.burrow.mcp.zim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burrow.mcp.testkit.zim.ZimArchiveBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The reader's API on archives written by ZimArchiveBuilder. */
final class ZimArchiveTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ZimArchiveBuilder.Compression.class)
    void builderArchive_readsBackEveryEntry(ZimArchiveBuilder.Compression c) throws Exception {
        Path file = TestArchives.wiki(c).build(dir.resolve("w.zim"));
        try (ZimArchive zim = ZimArchive.open(file)) {
            assertThat(zim.hasNewNamespaceScheme()).isTrue();
            assertThat(zim.entryCount()).isEqualTo(48);
            assertThat(zim.articleCount()).isEqualTo(44);   // 43 HTML + the Tokyo front redirect
            assertThat(zim.mediaCount()).isEqualTo(1);
            assertThat(zim.clusterCount()).isGreaterThan(3);
            assertThat(zim.entry("wiki/A7.html").item().text()).contains("<h1>Article 7</h1>").endsWith("</html>");
            assertThat(zim.entry("wiki/A7.html").title()).isEqualTo("Article 7");
            assertThat(zim.entry("data/table.csv").title()).isEqualTo("data/table.csv");
            assertThat(zim.entry("img/dot.png").item().content()).isEqualTo(TestArchives.PNG);
            assertThat(zim.entry("img/dot.png").item().compression()).isEqualTo(Compression.NONE);
            assertThat(zim.entry("wiki/A1.html").item().compression())
                    .isEqualTo(c == ZimArchiveBuilder.Compression.XZ ? Compression.XZ
                            : c == ZimArchiveBuilder.Compression.ZSTD ? Compression.ZSTD : Compression.NONE);
            assertThat(zim.metadata("Language")).contains("fra");
            assertThat(zim.counter()).containsEntry("text/html", 43L).containsEntry("image/png", 1L);
            assertThat(zim.checksum()).isPresent();
            assertThat(zim.verifyChecksum()).isTrue();
            assertThat(zim.checkIntegrity(true).passed()).isTrue();
            assertThat(zim.hasFulltextIndex()).isFalse();
        }
    }

    @Test
    void redirects_areFollowedAndReported() {
        try (ZimArchive zim = TestArchives.open(TestArchives.wiki(ZimArchiveBuilder.Compression.ZSTD).toBytes())) {
            Entry zurich = zim.entry("wiki/Zurich.html");
            assertThat(zurich.isRedirect()).isTrue();
            assertThat(zurich.title()).isEqualTo("wiki/Zurich.html");
            assertThat(zurich.redirectEntry().path()).isEqualTo("wiki/Zürich.html");
            assertThat(zurich.item().path()).isEqualTo("wiki/Zürich.html");
            Entry chain = zim.entry("wiki/Chain.html");
            assertThat(chain.redirectEntry().path()).isEqualTo("wiki/Tokyo.html");
            assertThat(chain.item().text()).contains("都");
            assertThatThrownBy(() -> chain.item(false)).isInstanceOf(ZimException.class)
                    .extracting(e -> ((ZimException) e).code()).isEqualTo("INVALID_REQUEST");
            assertThatThrownBy(() -> zim.entry("wiki/A1.html").redirectEntry()).isInstanceOf(ZimException.class);
        }
    }

    @Test
    void lookup_followsLibzimFallbacks() {
        try (ZimArchive zim = TestArchives.open(TestArchives.wiki(ZimArchiveBuilder.Compression.ZSTD).toBytes())) {
            assertThat(zim.findEntry("wiki/A3.html")).isPresent();
            assertThat(zim.findEntry("A/wiki/A3.html")).map(Entry::path).contains("wiki/A3.html");
            assertThat(zim.findEntry("/C/wiki/A3.html")).map(Entry::path).contains("wiki/A3.html");
            assertThat(zim.findEntry("wiki/A3")).isEmpty();
            assertThat(zim.findEntry("")).isEmpty();
            assertThat(zim.findEntry('M', "Title")).isPresent();
            assertThat(zim.hasEntry("wiki/Zürich.html")).isTrue();
            assertThatThrownBy(() -> zim.entry("nope.html")).isInstanceOf(ZimEntryNotFoundException.class)
                    .extracting(e -> ((ZimException) e).code()).isEqualTo("NOT_FOUND");
            // byte order: Zurich (0x75 'u') sorts before Zürich (0xC3)
            List<String> wiki = zim.findByPathPrefix("wiki/Z").map(Entry::path).toList();
            assertThat(wiki).containsExactly("wiki/Zurich.html", "wiki/Zürich.html");
        }
    }

    @Test
    void mainEntry_metadataAndIllustration() {
        try (ZimArchive zim = TestArchives.open(TestArchives.wiki(ZimArchiveBuilder.Compression.ZSTD).toBytes())) {
            Entry main = zim.mainEntry().orElseThrow();
            assertThat(main.fullPath()).isEqualTo("W/mainPage");
            assertThat(main.redirectEntry().path()).isEqualTo("index.html");
            assertThat(zim.hasMainEntry()).isTrue();
            assertThat(zim.metadataKeys()).contains("Counter", "Date", "Illustration_48x48@1", "Title");
            assertThat(zim.illustrationSizes()).containsExactly(48);
            byte[] png = zim.illustration(48).orElseThrow().content();
            assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            assertThat(zim.illustration(96)).isEmpty();
            assertThat(zim.metadata("Nope")).isEmpty();
        }
    }

    @Test
    void titleOrder_prefixAndRandom() {
        try (ZimArchive zim = TestArchives.open(TestArchives.wiki(ZimArchiveBuilder.Compression.ZSTD).toBytes())) {
            assertThat(zim.hasFrontArticlesIndex()).isTrue();
            List<String> titles = zim.entriesByTitle().map(Entry::title).toList();
            assertThat(titles).hasSize(44).isSortedAccordingTo((a, b) -> java.util.Arrays.compareUnsigned(
                    a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
            assertThat(zim.findByTitlePrefix("Article 1").map(Entry::title).toList())
                    .containsExactly("Article 1", "Article 10", "Article 11", "Article 12", "Article 13", "Article 14",
                            "Article 15", "Article 16", "Article 17", "Article 18", "Article 19");
            assertThat(zim.findByTitlePrefix("Tok").map(Entry::path).toList()).containsExactly("wiki/Tokyo.html");
            assertThat(zim.findByTitlePrefix("Zzz")).isEmpty();
            assertThat(zim.findByTitlePrefix("")).hasSize(44);
            assertThat(zim.findEntryByTitle("Zürich")).map(Entry::path).contains("wiki/Zürich.html");
            assertThat(zim.findEntryByTitle("Zür")).isEmpty();
            Set<String> seen = new HashSet<>();
            Random r = new Random(3);
            for (int i = 0; i < 400; i++) {
                Entry e = zim.randomEntry(r);
                assertThat(e.item().mimeType()).startsWith("text/html");
                seen.add(e.path());
            }
            assertThat(seen.size()).isGreaterThan(30);
        }
    }

    @Test
    void iteration_pathOrderCoversUserEntries() {
        try (ZimArchive zim = TestArchives.open(TestArchives.wiki(ZimArchiveBuilder.Compression.XZ).toBytes())) {
            List<String> paths = zim.entriesByPath().map(Entry::path).toList();
            assertThat(paths).hasSize(zim.entryCount()).first().isEqualTo("data/table.csv");
            assertThat(paths).isSortedAccordingTo((a, b) -> java.util.Arrays.compareUnsigned(
                    a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
            assertThat(zim.allEntries().count()).isEqualTo(zim.allEntryCount());
            assertThat(zim.namespace('X').map(Entry::path)).containsExactly("listing/titleOrdered/v0",
                    "listing/titleOrdered/v1");
        }
    }

    @Test
    void directAccess_pointsAtTheStoredBytes() throws Exception {
        Path file = TestArchives.wiki(ZimArchiveBuilder.Compression.ZSTD).build(dir.resolve("d.zim"));
        byte[] raw = Files.readAllBytes(file);
        try (ZimArchive zim = ZimArchive.open(file)) {
            Item png = zim.entry("img/dot.png").item();
            DirectAccess d = png.directAccess().orElseThrow();
            assertThat(d.part()).isEqualTo(file);
            assertThat(d.size()).isEqualTo(TestArchives.PNG.length);
            assertThat(java.util.Arrays.copyOfRange(raw, (int) d.partOffset(), (int) (d.partOffset() + d.size())))
                    .isEqualTo(TestArchives.PNG);
            assertThat(zim.entry("wiki/A1.html").item().directAccess()).isEmpty();
            ByteBuffer view = png.contentBuffer();
            assertThat(view.isReadOnly()).isTrue();
            byte[] part = new byte[10];
            assertThat(png.read(5, part, 0, 10)).isEqualTo(10);
            assertThat(part).isEqualTo(java.util.Arrays.copyOfRange(TestArchives.PNG, 5, 15));
            assertThat(png.read(png.size(), part, 0, 10)).isEqualTo(-1);
            try (var in = zim.entry("wiki/A2.html").item().openStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("Article 2");
            }
        }
    }

    @Test
    void splitArchive_readsAcrossParts() throws Exception {
        byte[] whole = TestArchives.wiki(ZimArchiveBuilder.Compression.NONE).toBytes();
        int[] cuts = {0, 700, 4096, whole.length / 2, whole.length - 100, whole.length};
        for (int i = 0; i + 1 < cuts.length; i++) {
            Files.write(dir.resolve("s.zima" + (char) ('a' + i)), java.util.Arrays.copyOfRange(whole, cuts[i], cuts[i + 1]));
        }
        try (ZimArchive split = ZimArchive.open(dir.resolve("s.zim"));
                ZimArchive single = TestArchives.open(whole)) {
            assertThat(split.isMultiPart()).isTrue();
            assertThat(split.parts()).hasSize(5);
            assertThat(split.size()).isEqualTo(whole.length);
            assertThat(split.verifyChecksum()).isTrue();
            for (Entry e : single.entriesByPath().toList()) {
                assertThat(split.entry(e.path()).item().content()).isEqualTo(e.item().content());
                split.entry(e.path()).item().directAccess().ifPresent(d -> {
                    assertThat(d.part().getFileName().toString()).startsWith("s.zima");
                    assertThat(readPart(d)).isEqualTo(e.item().content());
                });
            }
        }
        try (ZimArchive viaFirstPart = ZimArchive.open(dir.resolve("s.zimaa"))) {
            assertThat(viaFirstPart.entryCount()).isEqualTo(48);
        }
    }

    private static byte[] readPart(DirectAccess d) {
        try {
            byte[] b = Files.readAllBytes(d.part());
            return java.util.Arrays.copyOfRange(b, (int) d.partOffset(), (int) (d.partOffset() + d.size()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void tinyMapWindows_giveTheSameBytes() {
        byte[] bytes = TestArchives.wiki(ZimArchiveBuilder.Compression.ZSTD).extendedClusters(true).toBytes();
        try (ZimArchive big = TestArchives.open(bytes);
                ZimArchive tiny = TestArchives.open(bytes, ZimOptions.builder().mapWindowBytes(4096).build())) {
            for (Entry e : big.allEntries().toList()) {
                Entry t = tiny.entryAt(e.index());
                assertThat(t.fullPath()).isEqualTo(e.fullPath());
                if (!e.isRedirect()) {
                    assertThat(t.item().content()).isEqualTo(e.item().content());
                }
            }
            assertThat(tiny.verifyChecksum()).isTrue();
            assertThat(tiny.checkIntegrity(true).passed()).isTrue();
        }
    }

    @Test
    void fileReadThroughPages_givesTheBytesOfTheArchiveInMemory_alsoSplitInTheMiddleOfAPage() throws Exception {
        byte[] bytes = TestArchives.wiki(ZimArchiveBuilder.Compression.NONE).extendedClusters(true).toBytes();
        Path single = Files.write(dir.resolve("single.zim"), bytes);
        int cut = 3 * 4096 + 1234; // a part boundary inside a page
        Files.write(dir.resolve("split.zimaa"), java.util.Arrays.copyOfRange(bytes, 0, cut));
        Files.write(dir.resolve("split.zimab"), java.util.Arrays.copyOfRange(bytes, cut, bytes.length));
        try (ZimArchive mem = TestArchives.open(bytes);
                ZimArchive file = ZimArchive.open(single);
                ZimArchive split = ZimArchive.open(dir.resolve("split.zim"))) {
            for (ZimArchive z : List.of(file, split)) {
                for (Entry e : mem.allEntries().toList()) {
                    Entry t = z.entryAt(e.index());
                    assertThat(t.fullPath()).isEqualTo(e.fullPath());
                    assertThat(t.title()).isEqualTo(e.title());
                    if (!e.isRedirect()) {
                        assertThat(t.item().content()).isEqualTo(e.item().content());
                        assertThat(t.item().contentBuffer()).isEqualTo(e.item().contentBuffer());
                    }
                }
                assertThat(z.verifyChecksum()).isTrue();
                assertThat(z.checkIntegrity(true).passed()).isTrue();
            }
        }
    }

    @Test
    void closedArchive_refusesReads() {
        ZimArchive zim = TestArchives.open(TestArchives.wiki(ZimArchiveBuilder.Compression.ZSTD).toBytes());
        zim.close();
        assertThatThrownBy(() -> zim.findEntry("index.html")).isInstanceOf(ZimException.class)
                .extracting(e -> ((ZimException) e).errorCode()).isEqualTo(ZimErrors.CLOSED);
    }

    @Test
    void missingFile_isAnIoError() {
        assertThatThrownBy(() -> ZimArchive.open(dir.resolve("none.zim"))).isInstanceOf(ZimException.class)
                .extracting(e -> ((ZimException) e).errorCode()).isEqualTo(ZimErrors.IO_ERROR);
        assertThatThrownBy(() -> ZimArchive.open(dir.resolve("none.zim"))).hasMessageNotContaining(dir.toString());
    }
}
