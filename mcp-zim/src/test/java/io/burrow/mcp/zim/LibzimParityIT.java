package io.burrow.mcp.zim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.testkit.zim.ZimArchiveBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interop: python3-libzim (Debian) is the oracle. Every user entry's path, title, redirect target,
 * MIME type, size and content hash, and the {@code zim info} facts, must equal libzim's answers on
 * the committed fixtures, on the Python-docs archive built during the run with zimwriterfs, and on
 * ZimArchiveBuilder output, which must also pass {@code zimcheck -A}. Fails when the peers are missing
 * (scripts/ci/install-zim.sh installs them).
 */
final class LibzimParityIT {

    private static final String PYTHON = "/usr/bin/python3";
    private static Path root;
    private static Path work;

    @BeforeAll
    static void peers() throws Exception {
        root = Fixtures.dir().getParent().getParent();
        work = Path.of("target", "zim-interop").toAbsolutePath();
        Files.createDirectories(work);
        Run py = run(List.of(PYTHON, "-c", "import libzim.reader"), 60);
        assertThat(py.status).as("python3-libzim must be installed (scripts/ci/install-zim.sh): %s", py.output).isZero();
        Run zc = run(List.of("zimcheck", "--version"), 60);
        assertThat(zc.status).as("zim-tools (zimcheck) must be installed (scripts/ci/install-zim.sh): %s", zc.output)
                .isZero();
    }

    record Run(int status, String output) {
    }

    static Run run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work == null ? Path.of("target") : work, "run", ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        return new Run(p.exitValue(), text);
    }

    static JsonNode libzimDump(Path zim) throws Exception {
        Path json = work.resolve(zim.getFileName() + ".live.json");
        List<String> cmd = List.of("bash", "-c", PYTHON + " \"$0\" \"$1\" > \"$2\"",
                root.resolve("scripts/zim/zim-dump.py").toString(), zim.toString(), json.toString());
        Run r = run(cmd, 600);
        assertThat(r.status).as("zim-dump.py on %s: %s", zim, r.output).isZero();
        return Json.parse(json.toFile());
    }

    /** Compares every user entry and every info fact with libzim's dump. */
    static void assertSameAsLibzim(Path zim, JsonNode gt) {
        try (ZimArchive a = ZimArchive.open(zim)) {
            List<Entry> entries = a.entriesByPath().toList();
            assertThat(entries).hasSize(gt.get("entries").size());
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                JsonNode x = gt.get("entries").get(i);
                assertThat(e.path()).isEqualTo(x.get("path").asText());
                assertThat(e.title()).as(e.path()).isEqualTo(x.get("title").asText());
                assertThat(e.isRedirect()).as(e.path()).isEqualTo(x.get("redirect").asBoolean());
                if (e.isRedirect()) {
                    assertThat(e.redirectEntry().path()).as(e.path()).isEqualTo(x.get("target").asText());
                }
                Item item = e.item();
                assertThat(item.mimeType()).as(e.path()).isEqualTo(x.get("mime").asText());
                assertThat(item.size()).as(e.path()).isEqualTo(x.get("size").asLong());
                assertThat(Fixtures.sha256(item.content())).as(e.path()).isEqualTo(x.get("sha256").asText());
            }
            assertThat(a.entryCount()).isEqualTo(gt.get("entry_count").asInt());
            assertThat(a.allEntryCount()).isEqualTo(gt.get("all_entry_count").asInt());
            assertThat(a.articleCount()).isEqualTo(gt.get("article_count").asInt());
            assertThat(a.mediaCount()).isEqualTo(gt.get("media_count").asInt());
            assertThat(a.hasFulltextIndex()).isEqualTo(gt.get("has_fulltext_index").asBoolean());
            assertThat(a.hasTitleIndex()).isEqualTo(gt.get("has_title_index").asBoolean());
            assertThat(a.hasNewNamespaceScheme()).isEqualTo(gt.get("new_ns").asBoolean());
            assertThat(a.uuid().toString()).isEqualTo(gt.get("uuid").asText());
            assertThat(a.checksum().orElse(null)).isEqualTo(gt.get("checksum").isNull() ? null : gt.get("checksum").asText());
            assertThat(a.verifyChecksum()).isEqualTo(gt.get("check").asBoolean());
            List<String> keys = new ArrayList<>();
            gt.get("metadata_keys").forEach(k -> keys.add(k.asText()));
            assertThat(a.metadataKeys()).isEqualTo(keys);
            List<Integer> sizes = new ArrayList<>();
            gt.get("illustration_sizes").forEach(k -> sizes.add(k.asInt()));
            assertThat(new ArrayList<>(new TreeSet<>(a.illustrationSizes()))).isEqualTo(sizes);
            Entry main = a.mainEntry().orElse(null);
            assertThat(main == null ? null : main.path()).isEqualTo(gt.get("main").isNull() ? null : gt.get("main").asText());
            assertThat(main != null && main.isRedirect() ? main.redirectEntry().path() : null)
                    .isEqualTo(gt.get("main_target").isNull() ? null : gt.get("main_target").asText());
            gt.get("metadata").properties().forEach(m -> {
                if (m.getValue().isTextual()) {
                    assertThat(a.metadata(m.getKey())).contains(m.getValue().asText());
                } else {
                    assertThat(Fixtures.sha256(a.metadataItem(m.getKey()).orElseThrow().content()))
                            .isEqualTo(m.getValue().get("sha256").asText());
                }
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"peer-test-small", "peer-test-small-xz", "peer-test-small-none", "peer-test-small-noft"})
    void committedFixtures_matchLiveLibzim(String name) throws Exception {
        Path zim = Fixtures.zim(name);
        JsonNode live = libzimDump(zim);
        assertSameAsLibzim(zim, live);
        // the committed dump is still what libzim says
        JsonNode committed = Fixtures.libzim(name);
        assertThat(live.get("entries")).isEqualTo(committed.get("entries"));
    }

    @Test
    void pythonDocsArchive_matchesLibzim() throws Exception {
        Path out = Path.of("target", "zim-docs").toAbsolutePath();
        Run r = run(List.of("bash", root.resolve("scripts/zim/make-zim-docs.sh").toString(), out.toString()), 1200);
        assertThat(r.status).as("make-zim-docs.sh: %s", r.output).isZero();
        Path zim = out.resolve("python3.11-doc.zim");
        JsonNode gt = Json.parse(out.resolve("python3.11-doc.libzim.json").toFile());
        assertThat(gt.get("entry_count").asInt()).isGreaterThan(1000);
        assertSameAsLibzim(zim, gt);
        try (ZimArchive a = ZimArchive.open(zim)) {
            assertThat(a.checkIntegrity(true).passed()).isTrue();
            // the embedded Xapian databases are readable in place through their direct access location
            DirectAccess ft = a.fulltextIndexEntry().orElseThrow().item().directAccess().orElseThrow();
            byte[] head = new byte[14];
            try (var ch = java.nio.channels.FileChannel.open(ft.part())) {
                ch.read(java.nio.ByteBuffer.wrap(head), ft.partOffset());
            }
            assertThat(new String(head, 2, 12, StandardCharsets.US_ASCII)).isEqualTo("Xapian Glass");
        }
    }

    @ParameterizedTest
    @EnumSource(ZimArchiveBuilder.Compression.class)
    void builderArchives_openInLibzimAndPassZimcheck(ZimArchiveBuilder.Compression c) throws Exception {
        for (boolean extended : new boolean[] {false, true}) {
            Path zim = TestArchives.wiki(c).extendedClusters(extended)
                    .build(work.resolve("builder-" + c + (extended ? "-ext" : "") + ".zim"));
            Run check = run(List.of("zimcheck", "-A", zim.toString()), 300);
            assertThat(check.status).as("zimcheck -A %s: %s", zim.getFileName(), check.output).isZero();
            assertThat(check.output).contains("Overall Test Status: Pass");
            JsonNode gt = libzimDump(zim);
            assertThat(gt.get("check").asBoolean()).isTrue();
            assertSameAsLibzim(zim, gt);
        }
    }
}
