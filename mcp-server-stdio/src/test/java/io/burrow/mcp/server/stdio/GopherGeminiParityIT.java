package io.burrow.mcp.server.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.testkit.JsonAssert;
import io.burrow.mcp.testkit.gemini.FakeGeminiServer;
import io.burrow.mcp.testkit.gemini.GeminiResponse;
import io.burrow.mcp.testkit.gopher.FakeGopherServer;
import io.burrow.mcp.testkit.gopher.GopherResponse;
import io.burrow.mcp.testkit.interop.NodeMcpClient;
import io.burrow.mcp.testkit.interop.NodeMcpClient.Script;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 over stdio, end to end: the official TypeScript SDK client ({@code drive.mjs}, answering elicitation
 * requests as each step says) and the MCP Inspector CLI drive the stdio jar against the real peers (Gophernicus
 * and Molly Brown, serving the robots.txt files of {@code fixtures/gopherhole} and {@code fixtures/capsule}) and
 * against the fake servers: Gopher {@code search}, {@code offset} windows ({@code next_offset},
 * {@code total_chars}/{@code total_items}, {@code cached}) and {@code refresh}; Gemini {@code input}, windows and
 * {@code refresh}; {@code BLOCKED_BY_ROBOTS} with the rule that matched; {@code SLOW_DOWN}; the trust and identity
 * tools, with elicitation accepted, declined, cancelled, accepted without {@code confirm}, and a client that cannot
 * be asked ({@code USER_DECLINED}), and the pre-authorising setting. Fails, never skips, when node, the npm
 * packages or a peer are missing ({@code -Pinterop}).
 */
final class GopherGeminiParityIT {

    private static final Duration INSPECTOR_TIMEOUT = Duration.ofSeconds(90);

    private static RealPeers peers;
    private static String serverFingerprint;

    @BeforeAll
    static void startPeers() throws Exception {
        peers = RealPeers.start("parity-interop");
        serverFingerprint = Files.readString(peers.state()
                .resolve("peers/gemini-" + peers.geminiPort + "/certs/server.sha256")).strip();
    }

    @AfterAll
    static void stopPeers() throws Exception {
        if (peers != null) {
            peers.close();
        }
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("burrow.jar", "target/mcp-server-stdio.jar"));
        assertThat(jar).as("the shaded stdio jar (built by mvn package)").exists();
        return jar;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The jar with local hosts allowed and fresh Gemini stores under {@code name}. */
    private static Script jarScript(String name) throws Exception {
        Path stores = Files.createDirectories(peers.state().resolve("stores-" + name + "-" + System.nanoTime()));
        return Script.stdio(List.of(java(), "-jar", jar().toString()))
                .env("GOPHER_ALLOW_LOCAL_HOSTS", "true")
                .env("GEMINI_ALLOW_LOCAL_HOSTS", "true")
                .env("GEMINI_TOFU_STORAGE_PATH", stores.resolve("tofu.json").toString())
                .env("GEMINI_CLIENT_CERTS_STORAGE_PATH", stores.resolve("certs").toString());
    }

    private static JsonNode sc(JsonNode r, int step) {
        return r.at("/steps/" + step + "/result/structuredContent");
    }

    private static String ref(int step, String path) {
        return "${/steps/" + step + "/result/structuredContent/" + path + "}";
    }

    private static void assertDeclined(JsonNode r, int step, String action) {
        JsonAssert.that(r.at("/steps/" + step + "/result")).isToolError("USER_DECLINED");
        assertThat(sc(r, step).at("/error/action").asText()).as("step %d", step).isEqualTo(action);
    }

    private static JsonNode elicitation(JsonNode r, int step) {
        JsonNode e = r.at("/steps/" + step + "/elicitations");
        assertThat(e.size()).as("elicitation requests the client answered in step %d", step).isEqualTo(1);
        return e.get(0);
    }

    @Test
    void typescriptClient_gophernicus_searchWindowsRefreshAndRobots() throws Exception {
        String g = peers.gopher();
        String utf8 = g + "/0/utf8.txt";
        JsonNode r = NodeMcpClient.locate().run(jarScript("gopher")
                .env("GOPHER_MAX_RENDERED_CHARS", "120")
                .callTool("gopher_fetch", Map.of("url", g + "/7/cgi-bin/search", "search", "zyzzyva")).expectOk() // 0
                .callTool("gopher_fetch", Map.of("url", utf8)).expectOk()                                         // 1
                .callTool("gopher_fetch", Map.of("url", utf8, "offset", ref(1, "next_offset"))).expectOk()        // 2
                .callTool("gopher_fetch", Map.of("url", utf8, "offset", ref(2, "next_offset"))).expectOk()        // 3
                .callTool("gopher_fetch", Map.of("url", utf8, "refresh", true)).expectOk()                        // 4
                .callTool("gopher_fetch", Map.of("url", utf8)).expectOk()                                         // 5
                .callTool("gopher_fetch", Map.of("url", g + "/0/robots-test/secret.txt")).expectOk()              // 6
                .callTool("gopher_fetch", Map.of("url", g + "/0/robots-test/allowed.txt")).expectOk()             // 7
                .callTool("gopher_fetch", Map.of("url", g + "/0/about.txt", "search", "x")).expectOk());          // 8

        JsonAssert.that(r).at("/allAsExpected").isTrue();
        // search: the terms go to the type-7 item, the results are a menu
        JsonAssert.that(sc(r, 0)).at("/kind").isText("menu").at("/request_info/search").isText("zyzzyva");
        assertThat(sc(r, 0).at("/items").findValuesAsText("selector")).contains("/about.txt");
        // windows: one download, later windows from it (cached), never cut inside a UTF-8 sequence
        JsonAssert.that(sc(r, 1)).at("/truncated").isTrue().at("/next_offset").isNumber(120);
        int total = sc(r, 1).at("/total_chars").asInt();
        assertThat(sc(r, 1).at("/request_info").has("cached")).isFalse();
        JsonAssert.that(sc(r, 2)).at("/request_info/cached").isTrue().at("/request_info/offset").isNumber(120)
                .at("/next_offset").isNumber(240);
        assertThat(sc(r, 2).at("/request_info/cached_at").asText()).isEqualTo(sc(r, 1).at("/request_info/timestamp")
                .asText());
        assertThat(sc(r, 3).at("/next_offset").isNull()).as("the last window").isTrue();
        String joined = sc(r, 1).at("/text").asText() + sc(r, 2).at("/text").asText() + sc(r, 3).at("/text").asText();
        assertThat(joined).contains("Zürich", "Москва", "東京").doesNotContain("\uFFFD").hasSize(total);
        // refresh: fetched again, and the fresh answer replaces the cached one
        assertThat(sc(r, 4).at("/request_info").has("cached")).isFalse();
        JsonAssert.that(sc(r, 5)).at("/request_info/cached").isTrue();
        assertThat(sc(r, 5).at("/request_info/cached_at").asText()).isEqualTo(sc(r, 4).at("/request_info/timestamp")
                .asText());
        // robots.txt of Gophernicus: the rule that matched, for this server's own group
        JsonAssert.that(r.at("/steps/6/result")).isToolError("BLOCKED_BY_ROBOTS");
        JsonAssert.that(sc(r, 6)).at("/error/rule").isText("Disallow: /robots-test/")
                .at("/error/user_agent").isText("burrow")
                .at("/error/robots_url").isText(g + "/0robots.txt");
        assertThat(sc(r, 7).at("/error/code").asText("")).as("Allow: /robots-test/allowed.txt of the burrow group")
                .isNotEqualTo("BLOCKED_BY_ROBOTS");
        // search on an item that is not a search: a clear error, nothing sent
        JsonAssert.that(r.at("/steps/8/result")).isToolError("INVALID_REQUEST");
        assertThat(sc(r, 8).at("/error/message").asText()).contains("type-7");
    }

    @Test
    void typescriptClient_mollyBrown_inputWindowsRefreshRobotsTrustAndIdentities_answeringElicitation()
            throws Exception {
        String c = peers.gemini();
        String large = c + "/files/large.gmi";
        String fp0 = ref(6, "pins/0/fingerprint");
        Map<String, Object> removePin = Map.of("action", "remove", "host", "localhost", "port", peers.geminiPort,
                "fingerprint", fp0);
        String scope = c + "/private";
        JsonNode r = NodeMcpClient.locate().run(jarScript("gemini").elicitation()
                .env("GEMINI_MAX_RENDERED_CHARS", "300")
                .callTool("gemini_fetch", Map.of("url", c + "/cgi-bin/search")).expectOk()                       // 0
                .callTool("gemini_fetch", Map.of("url", c + "/cgi-bin/search", "input", "zyzzyva")).expectOk()   // 1
                .callTool("gemini_fetch", Map.of("url", large)).expectOk()                                       // 2
                .callTool("gemini_fetch", Map.of("url", large, "offset", ref(2, "next_offset"))).expectOk()      // 3
                .callTool("gemini_fetch", Map.of("url", large, "refresh", true)).expectOk()                      // 4
                .callTool("gemini_fetch", Map.of("url", c + "/robots-test/secret.gmi")).expectOk()               // 5
                .callTool("gemini_trust_list", Map.of()).expectOk()                                              // 6
                .callTool("gemini_trust_update", removePin).declineElicitation().expectOk()                      // 7
                .callTool("gemini_trust_update", removePin).cancelElicitation().expectOk()                       // 8
                .callTool("gemini_trust_update", removePin).acceptElicitation(Map.of("confirm", false)).expectOk() // 9
                .callTool("gemini_trust_list", Map.of()).expectOk()                                              // 10
                .callTool("gemini_trust_update", removePin).acceptElicitation(Map.of("confirm", true)).expectOk() // 11
                .callTool("gemini_trust_list", Map.of()).expectOk()                                              // 12
                .callTool("gemini_fetch", Map.of("url", c + "/")).expectOk()                                     // 13
                .callTool("gemini_client_cert_update", Map.of("action", "create", "url", scope, "name", "parity-it"))
                .acceptElicitation(Map.of("confirm", true)).expectOk()                                           // 14
                .callTool("gemini_client_cert_list", Map.of()).expectOk()                                        // 15
                .callTool("gemini_fetch", Map.of("url", c + "/private/")).expectOk()                             // 16
                .callTool("gemini_client_cert_update", Map.of("action", "remove", "url", scope,
                        "fingerprint", ref(14, "fingerprint"))).declineElicitation().expectOk()                  // 17
                .callTool("gemini_client_cert_update", Map.of("action", "remove", "url", scope,
                        "fingerprint", ref(14, "fingerprint"))).acceptElicitation(Map.of("confirm", true))
                .expectOk()                                                                                      // 18
                .callTool("gemini_client_cert_list", Map.of()).expectOk());                                      // 19

        JsonAssert.that(r).at("/allAsExpected").isTrue();
        // input: 10 asks, input answers
        JsonAssert.that(sc(r, 0)).at("/kind").isText("input").at("/prompt").isText("Enter a search term");
        JsonAssert.that(sc(r, 1)).at("/kind").isText("gemtext").at("/document/links/0/url").isText(c + "/index.gmi");
        // windows at line ends, from one download; refresh fetches again
        JsonAssert.that(sc(r, 2)).at("/truncated").isTrue();
        int next = sc(r, 2).at("/next_offset").asInt();
        assertThat(next).isPositive();
        assertThat(sc(r, 2).at("/total_chars").asInt()).isGreaterThan(next);
        JsonAssert.that(sc(r, 3)).at("/request_info/cached").isTrue().at("/request_info/offset").isNumber(next);
        assertThat(sc(r, 3).at("/document/lines/0/text").asText()).startsWith("Line ");
        assertThat(sc(r, 4).at("/request_info").has("cached")).isFalse();
        assertThat(sc(r, 4).at("/next_offset").asInt()).isEqualTo(next);
        // robots.txt of Molly Brown: the companion spec's webproxy group
        JsonAssert.that(r.at("/steps/5/result")).isToolError("BLOCKED_BY_ROBOTS");
        JsonAssert.that(sc(r, 5)).at("/error/rule").isText("Disallow: /robots-test/")
                .at("/error/user_agent").isText("webproxy").at("/error/robots_url").isText(c + "/robots.txt");
        // the pin, then removing it: declined, cancelled, accepted without confirm, accepted
        JsonAssert.that(sc(r, 6)).at("/pins/0/fingerprint").isText(serverFingerprint)
                .at("/pins/0/port").isNumber(peers.geminiPort);
        assertDeclined(r, 7, "decline");
        assertThat(elicitation(r, 7).at("/message").asText()).contains(serverFingerprint, "localhost:" + peers.geminiPort);
        assertThat(elicitation(r, 7).at("/requestedSchema/properties/confirm/type").asText()).isEqualTo("boolean");
        assertDeclined(r, 8, "cancel");
        elicitation(r, 8);
        assertDeclined(r, 9, "accept");
        elicitation(r, 9);
        assertThat(sc(r, 10).at("/pins").size()).as("nothing changed").isEqualTo(1);
        JsonAssert.that(sc(r, 11)).at("/changed").isTrue().at("/action").isText("remove");
        elicitation(r, 11);
        assertThat(sc(r, 12).at("/pins").size()).isZero();
        JsonAssert.that(sc(r, 13)).at("/kind").isText("gemtext");
        // an identity: created (accepted), used, removal declined, then accepted
        String identity = sc(r, 14).at("/fingerprint").asText();
        assertThat(identity).matches("[0-9a-f]{64}");
        assertThat(elicitation(r, 14).at("/message").asText()).contains(scope);
        JsonAssert.that(sc(r, 15)).at("/certificates/0/fingerprint").isText(identity)
                .at("/certificates/0/url").isText(scope);
        assertThat(sc(r, 15).toString()).doesNotContain("PRIVATE KEY", peers.state().toString());
        JsonAssert.that(sc(r, 16)).at("/kind").isText("certificate").at("/status").isNumber(61)
                .at("/identity/name").isText("parity-it");
        assertDeclined(r, 17, "decline");
        elicitation(r, 17);
        JsonAssert.that(sc(r, 18)).at("/changed").isTrue();
        elicitation(r, 18);
        assertThat(sc(r, 19).at("/certificates").size()).isZero();
        assertThat(r.at("/transportErrors").size()).as("%s", r.at("/transportErrors")).isZero();
    }

    @Test
    void typescriptClient_withoutElicitation_isRefused_unlessPreauthorised() throws Exception {
        String c = peers.gemini();
        Map<String, Object> removePin = Map.of("action", "remove", "host", "localhost", "port", peers.geminiPort,
                "fingerprint", serverFingerprint);
        Map<String, Object> create = Map.of("action", "create", "url", c + "/private", "name", "unattended");
        JsonNode refused = NodeMcpClient.locate().run(jarScript("no-elicitation")
                .callTool("gemini_fetch", Map.of("url", c + "/")).expectOk()               // 0
                .callTool("gemini_trust_update", removePin).expectOk()                      // 1
                .callTool("gemini_client_cert_update", create).expectOk()                   // 2
                .callTool("gemini_trust_list", Map.of()).expectOk()                         // 3
                .callTool("gemini_client_cert_list", Map.of()).expectOk());                 // 4
        JsonAssert.that(refused).at("/allAsExpected").isTrue();
        assertDeclined(refused, 1, "unsupported");
        assertDeclined(refused, 2, "unsupported");
        assertThat(sc(refused, 1).at("/error/hint").asText()).contains("GEMINI_PREAUTHORIZE_TRUST_CHANGES");
        assertThat(sc(refused, 3).at("/pins").size()).as("nothing changed").isEqualTo(1);
        assertThat(sc(refused, 4).at("/certificates").size()).isZero();

        JsonNode preauthorised = NodeMcpClient.locate().run(jarScript("preauthorised")
                .env("GEMINI_PREAUTHORIZE_TRUST_CHANGES", "true")
                .callTool("gemini_fetch", Map.of("url", c + "/")).expectOk()               // 0
                .callTool("gemini_trust_update", removePin).expectOk()                      // 1
                .callTool("gemini_client_cert_update", create).expectOk());                 // 2
        JsonAssert.that(preauthorised).at("/allAsExpected").isTrue();
        JsonAssert.that(sc(preauthorised, 1)).at("/changed").isTrue();
        assertThat(sc(preauthorised, 2).at("/fingerprint").asText()).matches("[0-9a-f]{64}");
    }

    @Test
    void typescriptClient_fakeServers_robotsRulesWindowsInputSlowDownAndTrust() throws Exception {
        try (FakeGopherServer hole = new FakeGopherServer().start(); FakeGeminiServer capsule = FakeGeminiServer.start()) {
            List<String> menu = new ArrayList<>();
            IntStream.range(0, 30).forEach(i -> menu.add("0Item " + i + "\t/items/" + i + "\t127.0.0.1\t" + hole.port()));
            hole.dispatcher(request -> switch (request.selector()) {
                case "robots.txt" -> GopherResponse.text("User-agent: *\nDisallow: /private\nAllow: /private/open$\n");
                case "/menu" -> GopherResponse.menu(menu);
                case "/find" -> GopherResponse.menu(List.of("iYou searched for " + request.search() + "\t\t\t0"));
                default -> GopherResponse.text("fake " + request.selector() + "\r\n");
            });
            String longPage = IntStream.range(0, 200).mapToObj(i -> "Line " + i + " of a long capsule page.")
                    .collect(Collectors.joining("\n", "# Long\n", "\n"));
            capsule.dispatcher(request -> switch (request.path()) {
                case "/robots.txt" -> GeminiResponse.success("text/plain",
                        "User-agent: *\nDisallow: /drafts/\nAllow: /drafts/*.txt$\n");
                case "/ask" -> request.query() == null ? GeminiResponse.of(10, "Your name?")
                        : GeminiResponse.success("text/gemini", "# Hello " + request.query() + "\n");
                case "/long.gmi" -> GeminiResponse.success("text/gemini", longPage);
                case "/busy" -> GeminiResponse.of(44, "30");
                default -> GeminiResponse.success("text/gemini", "# Fake capsule\n=> /long.gmi Long\n");
            });
            String g = "gopher://127.0.0.1:" + hole.port();
            Map<String, Object> removePin = Map.of("action", "remove", "host", "localhost", "port", capsule.port(),
                    "fingerprint", capsule.fingerprint());
            JsonNode r = NodeMcpClient.locate().run(jarScript("fakes").elicitation()
                    .env("GOPHER_MAX_MENU_ITEMS", "10")
                    .env("GEMINI_MAX_RENDERED_CHARS", "500")
                    .callTool("gopher_fetch", Map.of("url", g + "/0/private/notes")).expectOk()                // 0
                    .callTool("gopher_fetch", Map.of("url", g + "/0/private/open")).expectOk()                 // 1
                    .callTool("gopher_fetch", Map.of("url", g + "/1/menu")).expectOk()                         // 2
                    .callTool("gopher_fetch", Map.of("url", g + "/1/menu", "offset", ref(2, "next_offset")))
                    .expectOk()                                                                                  // 3
                    .callTool("gopher_fetch", Map.of("url", g + "/7/find", "search", "a b&c")).expectOk()      // 4
                    .callTool("gemini_fetch", Map.of("url", capsule.url("/drafts/plan.gmi"))).expectOk()       // 5
                    .callTool("gemini_fetch", Map.of("url", capsule.url("/drafts/notes.txt"))).expectOk()      // 6
                    .callTool("gemini_fetch", Map.of("url", capsule.url("/ask"))).expectOk()                   // 7
                    .callTool("gemini_fetch", Map.of("url", capsule.url("/ask"), "input", "Ada")).expectOk()   // 8
                    .callTool("gemini_fetch", Map.of("url", capsule.url("/long.gmi"))).expectOk()              // 9
                    .callTool("gemini_fetch", Map.of("url", capsule.url("/long.gmi"), "offset",
                            ref(9, "next_offset"))).expectOk()                                                   // 10
                    .callTool("gemini_trust_list", Map.of()).expectOk()                                        // 11
                    .callTool("gemini_trust_update", removePin).acceptElicitation(Map.of("confirm", true))
                    .expectOk()                                                                                  // 12
                    .callTool("gemini_fetch", Map.of("url", capsule.url("/busy"))).expectOk());                // 13

            JsonAssert.that(r).at("/allAsExpected").isTrue();
            // RFC 9309: the longest match wins, '$' anchors
            JsonAssert.that(r.at("/steps/0/result")).isToolError("BLOCKED_BY_ROBOTS");
            JsonAssert.that(sc(r, 0)).at("/error/rule").isText("Disallow: /private").at("/error/user_agent").isText("*");
            JsonAssert.that(sc(r, 1)).at("/kind").isText("text");
            // menu windows by item
            JsonAssert.that(sc(r, 2)).at("/next_offset").isNumber(10).at("/total_items").isNumber(30);
            assertThat(sc(r, 2).at("/items").size()).isEqualTo(10);
            JsonAssert.that(sc(r, 3)).at("/request_info/cached").isTrue().at("/items/0/title").isText("Item 10");
            // search terms sent as they are after the TAB
            assertThat(sc(r, 4).at("/items/0/title").asText()).isEqualTo("You searched for a b&c");
            JsonAssert.that(r.at("/steps/5/result")).isToolError("BLOCKED_BY_ROBOTS");
            JsonAssert.that(sc(r, 5)).at("/error/rule").isText("Disallow: /drafts/");
            JsonAssert.that(sc(r, 6)).at("/kind").isText("gemtext"); // Allow: /drafts/*.txt$ is longer
            JsonAssert.that(sc(r, 7)).at("/kind").isText("input").at("/prompt").isText("Your name?");
            assertThat(sc(r, 8).toString()).contains("Hello Ada");
            JsonAssert.that(sc(r, 10)).at("/request_info/cached").isTrue();
            JsonAssert.that(sc(r, 11)).at("/pins/0/fingerprint").isText(capsule.fingerprint());
            JsonAssert.that(sc(r, 12)).at("/changed").isTrue();
            assertThat(elicitation(r, 12).at("/message").asText()).contains(capsule.fingerprint());
            // 44 SLOW DOWN: answered at once with retry_after_seconds, no sleeping in the call
            JsonAssert.that(r.at("/steps/13/result")).isToolError("SLOW_DOWN");
            JsonAssert.that(sc(r, 13)).at("/error/retry_after_seconds").isNumber(30);
        }
    }

    private static NodeMcpClient.InspectorRun inspect(Path stores, List<String> env, String... method) {
        List<String> args = new ArrayList<>();
        for (String e : List.of("GOPHER_ALLOW_LOCAL_HOSTS=true", "GEMINI_ALLOW_LOCAL_HOSTS=true",
                "GOPHER_MAX_RENDERED_CHARS=120", "GEMINI_TOFU_STORAGE_PATH=" + stores.resolve("tofu.json"),
                "GEMINI_CLIENT_CERTS_STORAGE_PATH=" + stores.resolve("certs"))) {
            args.addAll(List.of("-e", e));
        }
        env.forEach(e -> args.addAll(List.of("-e", e)));
        args.addAll(List.of(java(), "-jar", jar().toString()));
        args.addAll(List.of(method));
        args.addAll(List.of("--format", "json"));
        return NodeMcpClient.locate().inspector(args, INSPECTOR_TIMEOUT);
    }

    private static JsonNode call(Path stores, List<String> env, int exit, String tool, String argsJson) {
        NodeMcpClient.InspectorRun run = inspect(stores, env, "--method", "tools/call", "--tool-name", tool,
                "--tool-args-json", argsJson);
        assertThat(run.exitCode()).as("Inspector %s %s: %s %s", tool, argsJson, run.stdout(), run.stderr())
                .isEqualTo(exit);
        return run.json().path("result");
    }

    @Test
    void inspectorCli_peers_searchWindowsInputRobotsTrustAndIdentities() throws Exception {
        Path stores = Files.createDirectories(peers.state().resolve("stores-inspector-" + System.nanoTime()));
        String g = peers.gopher();
        String c = peers.gemini();
        NodeMcpClient.InspectorRun list = inspect(stores, List.of(), "--method", "tools/list");
        assertThat(list.exitCode()).as("%s %s", list.stdout(), list.stderr()).isZero();
        assertThat(list.json().at("/result/tools").findValuesAsText("name")).contains("gopher_fetch",
                "gopher_batch_fetch", "gemini_fetch", "gemini_batch_fetch", "gemini_trust_list", "gemini_trust_update",
                "gemini_client_cert_list", "gemini_client_cert_update");

        JsonNode search = call(stores, List.of(), 0, "gopher_fetch",
                "{\"url\":\"" + g + "/7/cgi-bin/search\",\"search\":\"zyzzyva\"}");
        assertThat(search.at("/structuredContent/items").findValuesAsText("selector")).contains("/about.txt");
        JsonNode window = call(stores, List.of(), 0, "gopher_fetch", "{\"url\":\"" + g + "/0/utf8.txt\",\"offset\":120}");
        JsonAssert.that(window.at("/structuredContent")).at("/next_offset").isNumber(240)
                .at("/request_info/offset").isNumber(120);
        JsonNode input = call(stores, List.of(), 0, "gemini_fetch",
                "{\"url\":\"" + c + "/cgi-bin/search\",\"input\":\"zyzzyva\"}");
        JsonAssert.that(input.at("/structuredContent")).at("/kind").isText("gemtext");
        JsonNode robots = call(stores, List.of(), 5, "gemini_fetch", "{\"url\":\"" + c + "/robots-test/secret.gmi\"}");
        JsonAssert.that(robots).isToolError("BLOCKED_BY_ROBOTS");
        JsonAssert.that(robots.at("/structuredContent/error/rule")).isText("Disallow: /robots-test/");
        JsonNode pins = call(stores, List.of(), 0, "gemini_trust_list", "{}");
        JsonAssert.that(pins.at("/structuredContent/pins/0/fingerprint")).isText(serverFingerprint);

        // the Inspector CLI cannot ask its user: USER_DECLINED, unless the operator pre-authorised changes
        String remove = "{\"action\":\"remove\",\"host\":\"localhost\",\"port\":" + peers.geminiPort
                + ",\"fingerprint\":\"" + serverFingerprint + "\"}";
        JsonNode declined = call(stores, List.of(), 5, "gemini_trust_update", remove);
        JsonAssert.that(declined).isToolError("USER_DECLINED");
        JsonAssert.that(declined.at("/structuredContent/error/action")).isText("unsupported");
        List<String> preauthorised = List.of("GEMINI_PREAUTHORIZE_TRUST_CHANGES=true");
        JsonAssert.that(call(stores, preauthorised, 0, "gemini_trust_update", remove).at("/structuredContent/changed"))
                .isTrue();
        String create = "{\"action\":\"create\",\"url\":\"" + c + "/private\",\"name\":\"inspector\"}";
        JsonAssert.that(call(stores, List.of(), 5, "gemini_client_cert_update", create)).isToolError("USER_DECLINED");
        String fp = call(stores, preauthorised, 0, "gemini_client_cert_update", create).at("/structuredContent/fingerprint")
                .asText();
        JsonAssert.that(call(stores, List.of(), 0, "gemini_client_cert_list", "{}")
                .at("/structuredContent/certificates/0/fingerprint")).isText(fp);
    }
}
