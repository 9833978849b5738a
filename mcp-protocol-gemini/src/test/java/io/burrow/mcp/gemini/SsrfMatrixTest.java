package io.burrow.mcp.gemini;

import io.burrow.mcp.gemini.tools.GeminiSettings;
import io.burrow.mcp.gemini.tools.GeminiModule;
import static io.burrow.mcp.gemini.GeminiTestSupport.call;
import static io.burrow.mcp.gemini.GeminiTestSupport.server;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.testkit.gemini.FakeGeminiServer;
import io.burrow.mcp.testkit.gemini.GeminiResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class SsrfMatrixTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "gemini://localhost/, BLOCKED",
        "gemini://127.0.0.1/, BLOCKED",
        "gemini://2130706433/, BLOCKED",
        "gemini://0x7f.1/, BLOCKED",
        "gemini://[::1]/, BLOCKED",
        "gemini://[::ffff:127.0.0.1]/, BLOCKED",
        "gemini://private.test/, BLOCKED",
        "gemini://10.0.0.1/, BLOCKED",
        "gemini://metadata.test/, BLOCKED",
        "gemini://169.254.169.254/, BLOCKED",
        "gemini://mixed.test/, BLOCKED",
        "gemini://mapped.test/, BLOCKED",
        "gemini://cgnat.test/, BLOCKED",
        "gemini://ula.test/, BLOCKED",
        "gemini://[fe80::1]/, BLOCKED",
        "gemini://0.0.0.0/, BLOCKED",
        "gemini://example.org:22/, BLOCKED",
        "gemini://example.org:6379/, BLOCKED",
        "gemini://example.org:2375/, BLOCKED",
        "gemini://example.org:6443/, BLOCKED",
        "gemini://example.org:10250/, BLOCKED",
        "gemini://unknown.test/, DNS_ERROR",
    })
    void defaultPolicy_refusesNonPublicTargetsBeforeConnecting(String url, String code) {
        try (BurrowServer server = BurrowServer.builder().module(new GeminiModule()).resolver(GeminiTestSupport.RESOLVER)
                .configSources(io.burrow.mcp.core.config.ConfigSources.empty().withEnv(Map.of(
                        "GEMINI_TOFU_STORAGE_PATH", dir.resolve("t.json").toString(),
                        "GEMINI_CLIENT_CERTS_STORAGE_PATH", dir.resolve("c").toString()))).build()) {
            JsonNode r = call(server, "gemini_fetch", "url", url);
            assertThat(r.path("error").path("code").asText()).isEqualTo(code);
            assertThat(r.path("error").path("message").asText()).doesNotContain("10.1.2.3", "192.168.1.1", "100.64.1.1");
        }
    }

    @Test
    void allowLocalHosts_stillRefusesDangerousPorts() {
        try (BurrowServer server = server(dir)) {
            assertThat(call(server, "gemini_fetch", "url", "gemini://localhost:25/").path("error").path("code").asText())
                    .isEqualTo("BLOCKED");
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"gemini://metadata.test/", "gemini://169.254.169.254/",
        "gemini://[fd00:ec2::254]/", "gemini://100.100.100.200/", "gemini://[::ffff:169.254.169.254]/",
        "gemini://[2002:a9fe:a9fe::1]/"})
    void allowLocalHosts_stillRefusesCloudMetadataAddresses(String url) {
        try (BurrowServer server = server(dir)) { // GEMINI_ALLOW_LOCAL_HOSTS=true
            JsonNode error = call(server, "gemini_fetch", "url", url).path("error");
            assertThat(error.path("code").asText()).isEqualTo("BLOCKED");
            assertThat(error.path("rule").asText()).isEqualTo("metadata_address");
            assertThat(error.path("hint").asText()).contains("ALLOW_METADATA_HOSTS");
            if (url.contains("metadata.test")) {
                assertThat(error.toString()).doesNotContain("169.254");
            }
        }
    }

    @Test
    void allowMetadataHosts_isASeparateSettingOffByDefault_thatAllowingLocalHostsDoesNotImply() {
        GeminiSettings defaults = settings(Map.of());
        assertThat(defaults.network().allowMetadataHosts()).isFalse();
        GeminiSettings local = settings(Map.of("GEMINI_ALLOW_LOCAL_HOSTS", "true"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.burrow.mcp.core.net.HostPolicy.create(
                local.network().networkRules(), GeminiTestSupport.RESOLVER).check("metadata.test", 1965, deadline()))
                .isInstanceOf(io.burrow.mcp.core.BlockedException.class);
        GeminiSettings metadata = settings(Map.of("GEMINI_ALLOW_METADATA_HOSTS", "true"));
        assertThat(io.burrow.mcp.core.net.HostPolicy.create(metadata.network().networkRules(), GeminiTestSupport.RESOLVER)
                .check("metadata.test", 1965, deadline()).addresses()).hasSize(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.burrow.mcp.core.net.HostPolicy.create(
                metadata.network().networkRules(), GeminiTestSupport.RESOLVER).check("private.test", 1965, deadline()))
                .as("metadata hosts allowed, local hosts still not").isInstanceOf(io.burrow.mcp.core.BlockedException.class);
    }

    private static io.burrow.mcp.core.net.Deadline deadline() {
        return io.burrow.mcp.core.net.Deadline.after(java.time.Duration.ofSeconds(30));
    }

    private GeminiSettings settings(Map<String, String> env) {
        return BurrowServer.catalog(java.util.List.of(new GeminiModule()))
                .bind(io.burrow.mcp.core.config.ConfigSources.empty().withEnv(env)).get(GeminiSettings.class);
    }

    @Test
    void allowlists_refuseOtherHostsAndPorts() {
        try (FakeGeminiServer capsule = FakeGeminiServer.start();
                BurrowServer server = server(dir, Map.of("GEMINI_ALLOWED_HOSTS", "capsule.test",
                        "GEMINI_ALLOWED_PORTS", String.valueOf(capsule.port())))) {
            capsule.enqueue(GeminiResponse.success("text/plain", "ok"));
            assertThat(call(server, "gemini_fetch", "url", capsule.url("capsule.test", "/")).path("kind").asText())
                    .isEqualTo("success");
            assertThat(call(server, "gemini_fetch", "url", capsule.url("other.test", "/")).path("error").path("code").asText())
                    .isEqualTo("BLOCKED");
            assertThat(call(server, "gemini_fetch", "url", "gemini://capsule.test:1965/").path("error").path("code").asText())
                    .isEqualTo("BLOCKED");
        }
    }

    @Test
    void cacheHit_isRecheckedAgainstThePolicy() {
        com.github.benmanes.caffeine.cache.Cache<String, io.burrow.mcp.gemini.internal.GeminiFetcher.Cached> shared =
                com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(10).build();
        try (FakeGeminiServer capsule = FakeGeminiServer.start()) {
            GeminiClient open = client(shared, true);
            GeminiClient strict = client(shared, false);
            capsule.enqueue(GeminiResponse.success("text/plain", "cached"));
            String url = "gemini://127.0.0.1:" + capsule.port() + "/c";
            assertThat(open.fetch(url)).isInstanceOf(GeminiResult.Success.class);
            assertThat(open.fetch(url).requestInfo().cached()).isTrue();
            assertThat(capsule.requestCount()).isEqualTo(1);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> strict.fetch(url))
                    .isInstanceOf(io.burrow.mcp.core.BlockedException.class);
            assertThat(capsule.requestCount()).isEqualTo(1);
        }
    }

    private GeminiClient client(com.github.benmanes.caffeine.cache.Cache<String, io.burrow.mcp.gemini.internal.GeminiFetcher.Cached> cache,
            boolean allowLocal) {
        io.burrow.mcp.core.config.Settings all = BurrowServer.catalog(java.util.List.of(new GeminiModule()))
                .bind(io.burrow.mcp.core.config.ConfigSources.empty().withEnv(Map.of(
                        "GEMINI_ALLOW_LOCAL_HOSTS", String.valueOf(allowLocal),
                        "GEMINI_TOFU_STORAGE_PATH", dir.resolve("t.json").toString(),
                        "GEMINI_CLIENT_CERTS_STORAGE_PATH", dir.resolve("c").toString())));
        GeminiSettings s = all.get(GeminiSettings.class);
        io.burrow.mcp.core.net.NetworkRules rules = new io.burrow.mcp.core.net.NetworkRules(allowLocal, null, null,
                io.burrow.mcp.core.net.NetworkRules.DANGEROUS_PORTS);
        java.time.Clock clock = java.time.Clock.systemUTC();
        io.burrow.mcp.core.fetch.Upstream upstream = io.burrow.mcp.core.fetch.Upstream.of(s.network(),
                io.burrow.mcp.core.net.HostPolicy.create(rules, GeminiTestSupport.RESOLVER), cache,
                com.github.benmanes.caffeine.cache.Ticker.systemTicker(), SCHEDULER);
        return new io.burrow.mcp.gemini.internal.GeminiFetcher(s, upstream,
                TofuStore.open(s.tofuStoragePath(), clock), ClientIdentityStore.open(s.clientCertsStoragePath(), clock, 30),
                clock, org.slf4j.LoggerFactory.getLogger("t"));
    }

    private static final java.util.concurrent.ScheduledExecutorService SCHEDULER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ssrf-matrix-test");
                t.setDaemon(true);
                return t;
            });
}
