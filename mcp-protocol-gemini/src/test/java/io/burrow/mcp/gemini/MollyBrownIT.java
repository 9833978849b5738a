package io.burrow.mcp.gemini;

import io.burrow.mcp.gemini.tools.GeminiModule;
import static io.burrow.mcp.gemini.GeminiTestSupport.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.spi.ResourceData;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Interop with Molly Brown (Debian molly-brown) on a free 127.0.0.1 port, started with the repository's
 * {@code scripts/peers/gemini-server.sh} (network-namespace relay). Fails, never skips, when the peer is missing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class MollyBrownIT {

    private static Path repo;
    private static Path state;
    private static int port;
    private static BurrowServer server;

    @BeforeAll
    static void startPeer() throws Exception {
        repo = Path.of("").toAbsolutePath();
        while (!Files.exists(repo.resolve("scripts/peers/gemini-server.sh"))) {
            repo = repo.getParent();
        }
        state = Files.createDirectories(Path.of("target", "it-gemini").toAbsolutePath());
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        peer("start", Map.of());
        server = BurrowServer.builder().module(new GeminiModule()).configSources(ConfigSources.empty().withEnv(Map.of(
                "GEMINI_ALLOW_LOCAL_HOSTS", "true",
                "GEMINI_TOFU_STORAGE_PATH", state.resolve("tofu-" + port + ".json").toString(),
                "GEMINI_CLIENT_CERTS_STORAGE_PATH", state.resolve("certs-" + port).toString(),
                "GEMINI_TIMEOUT_SECONDS", "10",
                "GEMINI_PREAUTHORIZE_TRUST_CHANGES", "true"))).build(); // in-process: no client to ask
    }

    @AfterAll
    static void stopPeer() throws Exception {
        if (server != null) {
            server.close();
        }
        peer("stop", Map.of());
    }

    private static void peer(String command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("scripts/peers/gemini-server.sh").toString(), command,
                String.valueOf(port)).redirectErrorStream(true);
        pb.environment().put("PEERS_RUN_DIR", state.resolve("peers").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("gemini-server.sh " + command + " failed (is molly-brown installed? run "
                    + "scripts/ci/install-gemini.sh):\n" + out);
        }
    }

    private static String url(String path) {
        return "gemini://localhost:" + port + path;
    }

    private static JsonNode fetch(String path, Object... more) {
        List<Object> args = new ArrayList<>(List.of("url", url(path)));
        args.addAll(List.of(more));
        return call(server, "gemini_fetch", args.toArray());
    }

    @Test
    @Order(1)
    void homePage_isParsedGemtext_andTheCertificateIsPinned() throws Exception {
        JsonNode r = fetch("/");
        assertThat(r.path("kind").asText()).isEqualTo("gemtext");
        assertThat(r.path("lang").asText()).isEqualTo("en");
        assertThat(r.path("document").path("links")).hasSize(17);
        assertThat(r.path("document").path("links").get(0).path("url").asText()).isEqualTo(url("/docs/"));
        assertThat(r.toString()).contains("zyzzyva");
        String serverFp = Files.readString(repo.resolve("fixtures/gemini-certs/server.sha256")).strip();
        assertThat(r.path("request_info").path("cert_fingerprint").asText()).isEqualTo(serverFp);
        assertThat(r.path("request_info").path("tls_version").asText()).isIn("TLSv1.3", "TLSv1.2");
        assertThat(call(server, "gemini_trust_list").path("pins").get(0).path("fingerprint").asText())
                .isEqualTo(serverFp);
    }

    @Test
    @Order(2)
    void robotsTxt_servedByMollyBrown_isReadAndObeyed() {
        JsonNode blocked = fetch("/robots-test/secret.gmi");
        assertThat(blocked.path("error").path("code").asText()).isEqualTo("BLOCKED_BY_ROBOTS");
        assertThat(blocked.path("error").path("rule").asText()).isEqualTo("Disallow: /robots-test/");
        assertThat(blocked.path("error").path("user_agent").asText()).isEqualTo("webproxy");
        assertThat(blocked.path("error").path("robots_url").asText()).isEqualTo(url("/robots.txt"));
    }

    @Test
    @Order(2)
    void utf8Page_andPlainText_andBinary() {
        JsonNode u = fetch("/docs/unicode.gmi");
        assertThat(u.toString()).contains("Москва", "東京");
        assertThat(u.path("charset").asText()).isEqualTo("utf-8");
        assertThat(fetch("/files/notes.txt").path("kind").asText()).isEqualTo("success");
        JsonNode png = fetch("/files/logo.png");
        assertThat(png.path("kind").asText()).isEqualTo("binary");
        assertThat(png.path("size").asLong()).isEqualTo(4354);
        ResourceData bytes = server.readResource(url("/files/logo.png"));
        assertThat(bytes.blob()).hasSize(4354);
    }

    @Test
    @Order(3)
    void redirects30And31_areFollowedAndReported() {
        JsonNode temp = fetch("/old-page.gmi");
        assertThat(temp.path("kind").asText()).isEqualTo("gemtext");
        assertThat(temp.path("request_info").path("url").asText()).isEqualTo(url("/new-page.gmi"));
        assertThat(temp.path("request_info").path("redirects").get(0).path("status").asInt()).isEqualTo(30);
        JsonNode perm = fetch("/moved/gemtext.gmi");
        assertThat(perm.path("request_info").path("url").asText()).isEqualTo(url("/docs/gemtext.gmi"));
        assertThat(perm.path("request_info").path("redirects").get(0).path("status").asInt()).isEqualTo(31);
        JsonNode dir = fetch("/docs");
        assertThat(dir.path("request_info").path("url").asText()).isEqualTo(url("/docs/"));
    }

    @Test
    @Order(4)
    void missingPage_is51() {
        JsonNode r = fetch("/missing.gmi");
        assertThat(r.path("error").path("code").asText()).isEqualTo("PERMANENT_ERROR");
        assertThat(r.path("error").path("status").asInt()).isEqualTo(51);
    }

    @Test
    @Order(5)
    void inputThroughCgi_10And11() {
        JsonNode ask = fetch("/cgi-bin/search");
        assertThat(ask.path("kind").asText()).isEqualTo("input");
        assertThat(ask.path("prompt").asText()).isEqualTo("Enter a search term");
        JsonNode found = fetch("/cgi-bin/search", "input", "zyzzyva");
        assertThat(found.path("kind").asText()).isEqualTo("gemtext");
        assertThat(found.path("document").path("links").get(0).path("url").asText()).isEqualTo(url("/index.gmi"));
        JsonNode utf8 = fetch("/cgi-bin/search", "input", "Zürich");
        assertThat(utf8.toString()).contains("You searched for: Zürich");

        JsonNode secret = fetch("/cgi-bin/password");
        assertThat(secret.path("sensitive").asBoolean()).isTrue();
        JsonNode answered = fetch("/cgi-bin/password", "input", "hunter2 x");
        assertThat(answered.path("content").asText()).contains("has 11 characters");
        assertThat(answered.toString()).doesNotContain("hunter2");
        assertThat(answered.path("request_info").path("has_query").asBoolean()).isTrue();
    }

    @Test
    @Order(6)
    void certificateZone_60WithoutIdentity_then20WithAnAuthorisedOne() throws Exception {
        JsonNode need = fetch("/private/");
        assertThat(need.path("kind").asText()).isEqualTo("certificate");
        assertThat(need.path("status").asInt()).isEqualTo(60);
        String scope = need.path("suggested_scope").asText();
        assertThat(scope).isEqualTo(url("/private"));

        JsonNode created = call(server, "gemini_client_cert_update", "action", "create", "url", scope, "name", "it-user");
        String fp = created.path("fingerprint").asText();
        JsonNode notYet = fetch("/private/");
        assertThat(notYet.path("status").asInt()).isEqualTo(61);
        assertThat(notYet.path("identity").path("name").asText()).isEqualTo("it-user");

        peer("stop", Map.of());
        peer("start", Map.of("GEMINI_EXTRA_CLIENT_FINGERPRINTS", fp));
        JsonNode in = fetch("/private/");
        assertThat(in.path("kind").asText()).isEqualTo("gemtext");
        assertThat(in.path("request_info").path("identity").asText()).isEqualTo("it-user");
    }

    @Test
    @Order(7)
    void rotatedServerCertificate_isRefused_thenTrusted() throws Exception {
        Path fresh = Files.createDirectories(state.resolve("rotated-" + port));
        peer("stop", Map.of());
        peer("start", Map.of("GEMINI_CERT_DIR", fresh.toString()));
        String newFp = Files.readString(fresh.resolve("server.sha256")).strip();

        JsonNode changed = fetch("/docs/index.gmi"); // never fetched before, so not cached
        assertThat(changed.path("error").path("code").asText()).isEqualTo("CERTIFICATE_CHANGED");
        assertThat(changed.path("error").path("fingerprint").asText()).isEqualTo(newFp);

        JsonNode trusted = call(server, "gemini_trust_update", "action", "pin", "host", "localhost", "port", port,
                "fingerprint", newFp);
        assertThat(trusted.path("changed").asBoolean()).isTrue();
        JsonNode ok = fetch("/docs/listing/");
        assertThat(ok.path("kind").asText()).isEqualTo("gemtext");
        assertThat(ok.path("request_info").path("cert_fingerprint").asText()).isEqualTo(newFp);
    }
}
