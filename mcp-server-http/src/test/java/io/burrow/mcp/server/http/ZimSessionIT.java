package io.burrow.mcp.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burrow.mcp.testkit.JsonAssert;
import io.burrow.mcp.testkit.interop.NodeMcpClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official TypeScript SDK client runs a realistic research session (search, get, table of contents, section,
 * links, raw resource, paging, title search, a prompt, an error) against the launchers serving the Python
 * documentation archive built during the run, over stdio and over Streamable HTTP; every answer is checked
 * against python3-libzim ({@code -Pinterop}; fails when node, zimwriterfs or python3-libzim is missing).
 */
final class ZimSessionIT {

    private static final Path ROOT = Path.of(System.getProperty("burrow.repoRoot", "..")).toAbsolutePath().normalize();
    private static final String ARCHIVE = "python3.11-doc.zim";
    private static final String QUERY = "asyncio event loop";
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+/mcp)");
    private static final String TOKEN = "zim-session-token-0123456789";

    private static Path zimDir;
    private static final Map<String, JsonNode> LIBZIM_ENTRIES = new HashMap<>();
    private static Set<String> libzimTop10;
    private static Process http;

    @BeforeAll
    static void buildArchiveAndGroundTruth() throws Exception {
        Path out = Path.of("target", "zim-docs").toAbsolutePath();
        zimDir = out.resolve("served");
        Files.createDirectories(zimDir);
        if (!Files.exists(zimDir.resolve(ARCHIVE))) {
            run(List.of("bash", ROOT.resolve("scripts/zim/make-zim-docs.sh").toString(), out.toString()), 1200);
            Files.copy(out.resolve(ARCHIVE), zimDir.resolve(ARCHIVE));
        }
        ObjectMapper json = new ObjectMapper();
        for (JsonNode e : json.readTree(out.resolve("python3.11-doc.libzim.json").toFile()).path("entries")) {
            LIBZIM_ENTRIES.put(e.path("path").asText(), e);
        }
        Path queries = Files.writeString(out.resolve("session-queries.txt"), QUERY + "\n");
        Path truth = out.resolve("session-groundtruth.json");
        run(List.of("/usr/bin/python3", ROOT.resolve("scripts/zim/search-groundtruth.py").toString(),
                zimDir.resolve(ARCHIVE).toString(), queries.toString(), truth.toString()), 600);
        libzimTop10 = new HashSet<>();
        json.readTree(truth.toFile()).path("queries").get(0).path("fulltext_top10").forEach(p -> libzimTop10.add(p.asText()));
        assertThat(libzimTop10).as("libzim's top 10 for '%s'", QUERY).hasSize(10);
    }

    @AfterAll
    static void stopHttp() throws Exception {
        if (http != null) {
            http.toHandle().destroy();
            assertThat(http.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static String run(List<String> cmd, int timeoutSeconds) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("command failed: " + cmd + "\n" + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("burrow.jar", "target/mcp-server-http.jar"));
        assertThat(jar).as("the shaded HTTP jar (built by mvn package)").exists();
        return jar;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The session: each step may use what the previous ones returned. */
    private static NodeMcpClient.Script session(NodeMcpClient.Script s) {
        String hit = "${/steps/1/result/structuredContent/results/0/path}";
        return s.listTools().expectOk()                                                                   // 0
                .callTool("zim_search", Map.of("query", QUERY)).expectOk()                               // 1
                .callTool("zim_get", Map.of("entry_path", hit, "view", "summary")).expectOk()            // 2
                .callTool("zim_get", Map.of("entry_path", hit, "view", "toc")).expectOk()                // 3
                .callTool("zim_get_section", Map.of("entry_path", hit,
                        "section_id", "${/steps/3/result/structuredContent/sections/1/id}")).expectOk()  // 4
                .callTool("zim_links", Map.of("entry_path", hit, "kind", "internal", "limit", 500)).expectOk() // 5
                .readResource("zim://" + ARCHIVE + "/" + hit).expectOk()                                 // 6
                .callTool("zim_get", Map.of("entry_path", hit, "max_content_length", 3000)).expectOk()   // 7
                .callTool("zim_get", Map.of("entry_path", hit, "max_content_length", 3000,
                        "content_offset", "${/steps/7/result/structuredContent/next_offset}")).expectOk()  // 8
                .callTool("zim_search", Map.of("query", "${/steps/2/result/structuredContent/title}",
                        "mode", "title")).expectOk()                                                     // 9
                .callTool("zim_get", Map.of("entry_path", "library/no-such-page.html")).expectOk()      // 10
                .getPrompt("summarize", Map.of("zim_file_path", ARCHIVE, "entry_path", hit)).expectOk(); // 11
    }

    private static void check(JsonNode r) throws Exception {
        JsonAssert.that(r).at("/connected").isTrue();
        assertThat(r.at("/transportErrors").size()).as("%s", r.at("/transportErrors")).isZero();
        for (int i = 0; i < r.at("/steps").size(); i++) {
            assertThat(r.at("/steps/" + i + "/ok").asBoolean()).as("step %d: %s", i, r.at("/steps/" + i)).isTrue();
        }
        // 0: the ZIM tools' entries, as the client received them, stay under 12 KB
        int bytes = 0;
        for (JsonNode t : r.at("/steps/0/result/tools")) {
            if (t.path("name").asText().startsWith("zim_")) {
                bytes += t.toString().getBytes(StandardCharsets.UTF_8).length;
            }
        }
        System.out.println("ZIM tools in tools/list as the TypeScript client saw them: " + bytes + " bytes");
        assertThat(bytes).isLessThan(12 * 1024);
        // 1: libzim's top ten (the server runs in libzim mode), with libzim's titles
        JsonNode results = r.at("/steps/1/result/structuredContent/results");
        Set<String> ours = new HashSet<>();
        for (JsonNode h : results) {
            ours.add(h.path("path").asText());
            assertThat(h.path("title").asText()).isEqualTo(LIBZIM_ENTRIES.get(h.path("path").asText()).path("title").asText());
        }
        assertThat(ours).isEqualTo(libzimTop10);
        String hit = results.get(0).path("path").asText();
        JsonNode truth = LIBZIM_ENTRIES.get(hit);
        // 2: the same entry, libzim's title, a lead
        JsonAssert.that(r).at("/steps/2/result/structuredContent/path").isText(hit)
                .at("/steps/2/result/structuredContent/title").isText(truth.path("title").asText());
        assertThat(r.at("/steps/2/result/structuredContent/content").asText()).isNotBlank();
        // 3, 4: sections, and one of them by id
        JsonNode sections = r.at("/steps/3/result/structuredContent/sections");
        assertThat(sections.size()).isGreaterThan(1);
        JsonAssert.that(r).at("/steps/4/result/structuredContent/section_id").isText(sections.get(1).path("id").asText());
        assertThat(r.at("/steps/4/result/structuredContent/content").asText())
                .contains(sections.get(1).path("title").asText());
        // 5: every internal link resolves to an entry libzim has
        JsonNode links = r.at("/steps/5/result/structuredContent/results");
        assertThat(links.size()).isPositive();
        for (JsonNode l : links) {
            if (l.hasNonNull("path")) {
                assertThat(LIBZIM_ENTRIES).as("link target %s", l.path("path").asText()).containsKey(l.path("path").asText());
            }
        }
        // 6: the raw entry is libzim's, byte for byte
        JsonAssert.that(r).at("/steps/6/result/contents/0/mimeType").isText(truth.path("mime").asText());
        byte[] raw = r.at("/steps/6/result/contents/0/text").asText().getBytes(StandardCharsets.UTF_8);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)))
                .isEqualTo(truth.path("sha256").asText());
        // 7, 8: the second page starts where the first ended
        int next = r.at("/steps/7/result/structuredContent/next_offset").asInt();
        assertThat(next).isPositive();
        JsonAssert.that(r).at("/steps/8/result/structuredContent/offset").isNumber(next);
        assertThat(r.at("/steps/7/result/structuredContent/content").asText().length()).isEqualTo(next);
        // 9: the title search finds the article first
        JsonAssert.that(r).at("/steps/9/result/structuredContent/results/0/path").isText(hit)
                .at("/steps/9/result/structuredContent/results/0/match").isText("exact");
        // 10: a clean, schema-valid error
        JsonAssert.that(r.at("/steps/10/result")).isToolError("NOT_FOUND");
        // 11: the prompt carries the article
        assertThat(r.at("/steps/11/result/messages/0/content/text").asText()).contains("zim://" + ARCHIVE + "/" + hit);
    }

    @Test
    void stdio_sessionMatchesLibzim() throws Exception {
        NodeMcpClient.Script s = NodeMcpClient.Script.stdio(List.of(java(), "-cp", jar().toString(),
                        "io.burrow.mcp.server.http.Main", "stdio", "--zim-dir", zimDir.toString()))
                .env("ZIM_SEARCH_MODE", "libzim");
        check(NodeMcpClient.locate().run(session(s)));
    }

    @Test
    void http_sessionMatchesLibzim() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(java(), "-jar", jar().toString(), "--port", "0", "--auth-token", TOKEN,
                "--zim-dir", zimDir.toString(), "--zim-search-mode", "libzim");
        pb.environment().keySet().removeIf(k -> k.startsWith("BURROW_") || k.startsWith("ZIM_"));
        http = pb.start();
        http.getOutputStream().close();
        CompletableFuture<URI> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(http.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(URI.create(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            url.completeExceptionally(new AssertionError("the HTTP jar exited"));
        }, "zim-http-stderr");
        reader.setDaemon(true);
        reader.start();
        check(NodeMcpClient.locate().run(session(NodeMcpClient.Script.http(url.get(60, TimeUnit.SECONDS)).token(TOKEN))));
    }
}
