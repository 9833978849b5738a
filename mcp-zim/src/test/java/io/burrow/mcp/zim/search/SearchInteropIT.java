package io.burrow.mcp.zim.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burrow.mcp.zim.ZimArchive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parity with python3-libzim (libzim 8.1.1, Xapian 1.4.22) run during the test: the 64 queries of
 * {@code interop-queries.txt} on the four committed fixtures and on the Python docs archive built during the
 * run. In libzim-compatible mode the estimated count must be equal, the top 10 the same set (order may differ
 * only between hits of equal weight) and the suggestions equal. Fails when python3-libzim is missing.
 * The per-query outcome is written to {@code target/search-parity.json}.
 */
final class SearchInteropIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path QUERIES = Path.of("src", "test", "resources", "search", "interop-queries.txt")
            .toAbsolutePath();
    private static final Map<String, Object> REPORT = new LinkedHashMap<>();

    @BeforeAll
    static void requirePeer() throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import libzim.search, libzim.suggestion")
                .redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("python3-libzim is not importable by /usr/bin/python3: run scripts/ci/install-search.sh");
        }
    }

    static Path docsArchive() throws Exception {
        // shared with the reader's LibzimParityIT so the archive is built once per run
        Path out = Path.of("target", "zim-docs").toAbsolutePath();
        Path zim = out.resolve("python3.11-doc.zim");
        if (!Files.exists(zim)) {
            run(List.of("bash", ROOT.resolve("scripts/zim/make-zim-docs.sh").toString(), out.toString()), 900);
        }
        assertThat(zim).exists();
        return zim;
    }

    static String run(List<String> cmd, int timeoutSeconds) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] outBytes = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("command failed: " + cmd + "\n" + new String(outBytes, StandardCharsets.UTF_8));
        }
        return new String(outBytes, StandardCharsets.UTF_8);
    }

    static JsonNode libzim(Path zim) throws Exception {
        Path out = Files.createTempFile("search-gt", ".json");
        run(List.of("/usr/bin/python3", ROOT.resolve("scripts/zim/search-groundtruth.py").toString(), zim.toString(),
                QUERIES.toString(), out.toString()), 600);
        JsonNode n = new ObjectMapper().readTree(out.toFile());
        Files.deleteIfExists(out);
        return n;
    }

    @Test
    void fixtures_matchLibzim() throws Exception {
        for (String name : List.of("peer-test-small", "peer-test-small-xz", "peer-test-small-none",
                "peer-test-small-noft")) {
            compare(name, GroundTruth.fixture(name + ".zim"));
        }
    }

    @Test
    void pythonDocs_matchLibzim() throws Exception {
        compare("python3.11-doc", docsArchive());
    }

    private void compare(String name, Path zim) throws Exception {
        JsonNode truth = libzim(zim);
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        int compared = 0;
        try (ZimArchive archive = ZimArchive.open(zim)) {
            ZimSearcher s = ZimSearcher.open(archive);
            assertThat(s.hasFulltextIndex()).isEqualTo(truth.get("has_fulltext_index").asBoolean());
            assertThat(s.hasTitleIndex()).isEqualTo(truth.get("has_title_index").asBoolean());
            for (JsonNode q : truth.get("queries")) {
                String query = q.get("query").asText();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("query", query);
                if (q.has("fulltext_estimated_matches")) {
                    SearchResults r = s.search(SearchRequest.of(query).withSnippets(false));
                    long want = q.get("fulltext_estimated_matches").asLong();
                    List<String> top = texts(q.get("fulltext_top10"));
                    row.put("fulltext_estimated", List.of(r.estimated(), want));
                    row.put("fulltext_same_order", r.results().stream().map(SearchHit::path).toList().equals(top));
                    String d = sameTopTen(r, top);
                    if (r.estimated() != want) {
                        d = (d == null ? "" : d + "; ") + "estimate " + r.estimated() + " != " + want;
                    }
                    if (d != null) {
                        differences.add(name + " fulltext [" + query + "]: " + d);
                        row.put("fulltext_difference", d);
                    }
                } else {
                    assertThat(s.hasFulltextIndex()).isFalse();
                }
                SearchResults sg = s.suggest(query, 10);
                long want = q.get("suggest_estimated_matches").asLong();
                List<String> top = texts(q.get("suggest_top10"));
                List<String> got = sg.results().stream().map(SearchHit::path).toList();
                row.put("suggest_estimated", List.of(sg.estimated(), want));
                if (sg.estimated() != want || !got.equals(top)) {
                    String d = "suggest " + sg.estimated() + " " + got + " != " + want + " " + top;
                    differences.add(name + " suggest [" + query + "]: " + d);
                    row.put("suggest_difference", d);
                }
                rows.add(row);
                compared++;
            }
        }
        REPORT.put(name, rows);
        writeReport();
        assertThat(compared).isGreaterThanOrEqualTo(40);
        assertThat(differences).as("queries that differ from libzim").isEmpty();
    }

    /** Null when equal; order may differ only between hits of equal weight. */
    private static String sameTopTen(SearchResults r, List<String> want) {
        List<String> got = r.results().stream().map(SearchHit::path).toList();
        if (got.equals(want)) {
            return null;
        }
        if (!new java.util.HashSet<>(got).equals(new java.util.HashSet<>(want)) || got.size() != want.size()) {
            return "top 10 " + got + " != " + want;
        }
        Map<String, Double> weight = new HashMap<>();
        r.results().forEach(h -> weight.put(h.path(), h.score()));
        for (int i = 0; i < got.size(); i++) {
            if (!got.get(i).equals(want.get(i)) && !weight.get(got.get(i)).equals(weight.get(want.get(i)))) {
                return "order " + got + " != " + want;
            }
        }
        return null;
    }

    private static List<String> texts(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static synchronized void writeReport() throws IOException {
        Path target = Path.of("target");
        Files.createDirectories(target);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(target.resolve("search-parity.json").toFile(),
                REPORT);
    }
}
