package io.burrow.mcp.zim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.launcher.CommandGroup;
import io.burrow.mcp.launcher.Launcher;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zim command group on the committed fixtures, compared with libzim's committed answers. */
final class ZimCommandTest {

    @TempDir
    Path dir;

    record Result(int status, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    static Path fixtures() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("fixtures/zim"))) {
            p = p.getParent();
        }
        return p.resolve("fixtures/zim");
    }

    static Result zim(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ZimCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    static JsonNode libzim(String name) throws Exception {
        return Json.parse(fixtures().resolve(name + ".libzim.json").toFile());
    }

    @Test
    void info_printsLibzimsFacts() throws Exception {
        for (String name : List.of("peer-test-small", "peer-test-small-xz", "peer-test-small-none", "peer-test-small-noft")) {
            Result r = zim("info", fixtures().resolve(name + ".zim").toString());
            assertThat(r.status()).isZero();
            JsonNode info = Json.parse(r.text());
            JsonNode gt = libzim(name);
            for (String key : List.of("entry_count", "all_entry_count", "article_count", "media_count",
                    "has_fulltext_index", "has_title_index", "new_ns", "uuid", "checksum", "metadata_keys",
                    "illustration_sizes", "main", "main_target")) {
                assertThat(info.get(key)).as(name + " " + key).isEqualTo(gt.get(key));
            }
            assertThat(info.size()).isEqualTo(13);
        }
    }

    @Test
    void ls_printsOneLinePerUserEntry() throws Exception {
        Result r = zim("ls", fixtures().resolve("peer-test-small.zim").toString());
        assertThat(r.status()).isZero();
        List<String> lines = r.text().lines().toList();
        JsonNode gt = libzim("peer-test-small").get("entries");
        assertThat(lines).hasSize(gt.size());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(Json.parse(lines.get(i))).isEqualTo(gt.get(i));
        }
    }

    @Test
    void cat_writesRawBytes() throws Exception {
        Result r = zim("cat", fixtures().resolve("peer-test-small-xz.zim").toString(), "images/planet.jpg");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith((byte) 0xFF, (byte) 0xD8);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(r.out()));
        JsonNode gt = libzim("peer-test-small-xz").get("entries");
        boolean found = false;
        for (JsonNode e : gt) {
            if (e.get("path").asText().equals("images/planet.jpg")) {
                assertThat(sha).isEqualTo(e.get("sha256").asText());
                found = true;
            }
        }
        assertThat(found).isTrue();
        Result redirect = zim("cat", fixtures().resolve("peer-test-small.zim").toString(), "wiki/Zurich.html");
        assertThat(redirect.text()).contains("Zürich");
        Result missing = zim("cat", fixtures().resolve("peer-test-small.zim").toString(), "nope.html");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("NOT_FOUND");
        assertThat(missing.out()).isEmpty();
    }

    @Test
    void verify_exitStatusFollowsTheChecks() throws Exception {
        Path good = fixtures().resolve("peer-test-small.zim");
        Result ok = zim("verify", good.toString());
        assertThat(ok.status()).isZero();
        assertThat(Json.parse(ok.text()).get("ok").asBoolean()).isTrue();
        byte[] b = Files.readAllBytes(good);
        b[5000] ^= 1;   // inside the zstd cluster: the checksum (and maybe the cluster) fails
        Path bad = Files.write(dir.resolve("bad.zim"), b);
        Result ko = zim("verify", bad.toString());
        assertThat(ko.status()).isEqualTo(1);
        JsonNode report = Json.parse(ko.text());
        assertThat(report.get("ok").asBoolean()).isFalse();
        assertThat(report.get("checks").get(0).get("name").asText()).isEqualTo("CHECKSUM");
        assertThat(report.get("checks").get(0).get("passed").asBoolean()).isFalse();
        Path garbage = Files.write(dir.resolve("garbage.zim"), Arrays.copyOf(b, 50));
        Result g = zim("verify", garbage.toString());
        assertThat(g.status()).isEqualTo(1);
        assertThat(g.err()).contains("ZIM_FORMAT_ERROR").doesNotContain(dir.toString());
    }

    @Test
    void bench_reportsThroughputAndHeap() throws Exception {
        Result r = zim("bench", fixtures().resolve("peer-test-small.zim").toString(), "--reads", "50", "--seed", "7",
                "--cluster-cache-bytes", "1048576", "--query", "zyzzyva");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode b = Json.parse(r.text());
        for (String key : List.of("read_ops_per_s", "cold_read_ops_per_s", "iterate_entries_per_s",
                "title_lookup_ops_per_s", "title_prefix_ops_per_s")) {
            assertThat(b.get(key).asDouble()).as(key).isPositive();
        }
        assertThat(b.get("heap_after_open_bytes").asLong()).isPositive();
        assertThat(b.get("cluster_cache_bytes").asLong()).isEqualTo(1048576);
        assertThat(b.get("cluster_count").asInt()).isEqualTo(2);
        assertThat(b.get("queries").get(0).asText()).isEqualTo("zyzzyva");
    }

    @Test
    void usageErrors_exitWithTwo() {
        assertThat(zim("info").status()).isEqualTo(2);
        assertThat(zim("nope").status()).isEqualTo(2);
        assertThat(zim().status()).isEqualTo(2);
    }

    @Test
    void aLauncher_findsTheZimGroupThroughTheServiceLoader() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Launcher launcher = Launcher.builder("burrow", "test").defaultCommand("tools").build();
        int status = launcher.run(new String[] {"zim", "cat", fixtures().resolve("peer-test-small.zim").toString(),
            "data/sample.txt"}, InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), Map.of());
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.size()).isPositive();
        assertThat(ServiceLoader.load(CommandGroup.class).stream().map(p -> p.type().getName()))
                .contains(ZimCommandGroup.class.getName());
    }
}
