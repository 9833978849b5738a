package io.burrow.mcp.gemini;

import static io.burrow.mcp.gemini.GeminiTestSupport.call;
import static io.burrow.mcp.gemini.GeminiTestSupport.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.testkit.gemini.FakeGeminiServer;
import io.burrow.mcp.testkit.gemini.GeminiResponse;
import io.burrow.mcp.testkit.gemini.ServerCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TofuTest {

    @TempDir
    Path dir;

    @Test
    void firstUse_pinsThenMatches() {
        try (FakeGeminiServer capsule = FakeGeminiServer.start(); BurrowServer server = server(dir)) {
            capsule.enqueue(GeminiResponse.success("text/plain", "one"));
            capsule.enqueue(GeminiResponse.success("text/plain", "two"));
            JsonNode first = call(server, "gemini_fetch", "url", capsule.url("/a"));
            assertThat(first.path("request_info").path("tofu").asText()).isEqualTo("first_use");
            assertThat(first.path("request_info").path("tofu_warning").asText()).contains("first use");
            JsonNode second = call(server, "gemini_fetch", "url", capsule.url("/b"));
            assertThat(second.path("request_info").path("tofu").asText()).isEqualTo("match");
            assertThat(second.path("request_info").has("tofu_warning")).isFalse();
            JsonNode pins = call(server, "gemini_trust_list").path("pins");
            assertThat(pins).hasSize(1);
            assertThat(pins.get(0).path("host").asText()).isEqualTo("localhost");
            assertThat(pins.get(0).path("port").asInt()).isEqualTo(capsule.port());
            assertThat(pins.get(0).path("fingerprint").asText()).isEqualTo(capsule.fingerprint());
            assertThat(pins.get(0).path("expires").asText()).isNotBlank();
        }
    }

    @Test
    void changedCertificate_failsClosed_thenTrustWithTheNewFingerprint_succeeds() {
        try (FakeGeminiServer capsule = FakeGeminiServer.start(); BurrowServer server = server(dir)) {
            capsule.enqueue(GeminiResponse.success("text/plain", "one"));
            call(server, "gemini_fetch", "url", capsule.url("/a"));
            String old = capsule.fingerprint();
            ServerCertificate next = capsule.rotateCertificate();
            capsule.enqueue(GeminiResponse.success("text/plain", "secret page"));

            JsonNode changed = call(server, "gemini_fetch", "url", capsule.url("/b?q=1"));
            JsonNode error = changed.path("error");
            assertThat(error.path("code").asText()).isEqualTo("CERTIFICATE_CHANGED");
            assertThat(error.path("fingerprint").asText()).isEqualTo(next.fingerprint());
            assertThat(error.path("pinned_fingerprint").asText()).isEqualTo(old);
            assertThat(error.path("hint").asText()).contains("gemini_trust_update").contains("pin");
            // nothing was sent to the server with the changed certificate
            assertThat(capsule.requestCount()).isEqualTo(1);

            JsonNode refused = call(server, "gemini_trust_update", "action", "pin", "host", "localhost");
            assertThat(refused.path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");

            JsonNode trusted = call(server, "gemini_trust_update", "action", "pin", "host", "localhost", "port",
                    capsule.port(), "fingerprint", "SHA256:" + next.fingerprint().toUpperCase());
            assertThat(trusted.path("changed").asBoolean()).isTrue();
            JsonNode pin = call(server, "gemini_trust_list", "host", "localhost").path("pins").get(0);
            assertThat(pin.path("fingerprint").asText()).isEqualTo(next.fingerprint());
            assertThat(pin.path("expires").asText()).isNotBlank();
            assertThat(pin.path("expired").asBoolean()).isFalse();

            JsonNode ok = call(server, "gemini_fetch", "url", capsule.url("/b"));
            assertThat(ok.path("content").asText()).isEqualTo("secret page");
            assertThat(ok.path("request_info").path("tofu").asText()).isEqualTo("match");
        }
    }

    @Test
    void trustingAnotherFingerprint_stillRefusesTheServer() {
        try (FakeGeminiServer capsule = FakeGeminiServer.start(); BurrowServer server = server(dir)) {
            call(server, "gemini_trust_update", "action", "pin", "host", "localhost", "port", capsule.port(),
                    "fingerprint", "ab".repeat(32));
            JsonNode r = call(server, "gemini_fetch", "url", capsule.url("/"));
            assertThat(r.path("error").path("code").asText()).isEqualTo("CERTIFICATE_CHANGED");
        }
    }

    @Test
    void remove_quotingTheCurrentFingerprint_removesThePin_andTheNextCertificateIsTrustedOnFirstUse() {
        try (FakeGeminiServer capsule = FakeGeminiServer.start(); BurrowServer server = server(dir)) {
            capsule.enqueue(GeminiResponse.success("text/plain", "one"));
            call(server, "gemini_fetch", "url", capsule.url("/"));
            String pinned = capsule.fingerprint();
            capsule.rotateCertificate();
            JsonNode mismatch = call(server, "gemini_trust_update", "action", "remove", "host", "LOCALHOST.",
                    "port", capsule.port(), "fingerprint", "ab".repeat(32));
            assertThat(mismatch.path("error").path("code").asText()).isEqualTo("FINGERPRINT_MISMATCH");
            JsonNode removed = call(server, "gemini_trust_update", "action", "remove", "host", "LOCALHOST.",
                    "port", capsule.port(), "fingerprint", pinned);
            assertThat(removed.path("changed").asBoolean()).isTrue();
            capsule.enqueue(GeminiResponse.success("text/plain", "two"));
            JsonNode r = call(server, "gemini_fetch", "url", capsule.url("/"));
            assertThat(r.path("request_info").path("tofu").asText()).isEqualTo("first_use");
            assertThat(call(server, "gemini_trust_update", "action", "remove", "host", "nowhere.test", "fingerprint",
                    pinned).path("changed").asBoolean()).isFalse();
        }
    }

    @Test
    void notYetValidCertificate_isAlwaysRefused() {
        Instant now = Instant.now();
        ServerCertificate future = ServerCertificate.generate("localhost", now.plus(Duration.ofMinutes(6)), now.plus(Duration.ofDays(30)));
        try (FakeGeminiServer capsule = FakeGeminiServer.start(future); BurrowServer server = server(dir)) {
            JsonNode r = call(server, "gemini_fetch", "url", capsule.url("/"));
            assertThat(r.path("error").path("code").asText()).isEqualTo("CERTIFICATE_NOT_YET_VALID");
            assertThat(r.path("error").path("reason").asText()).isEqualTo("not_yet_valid");
            assertThat(capsule.requestCount()).isZero();
            assertThat(call(server, "gemini_trust_list").path("pins")).isEmpty();
        }
    }

    @Test
    void certificateValidWithinFiveMinutes_isAcceptedAsClockSkew() {
        Instant now = Instant.now();
        ServerCertificate soon = ServerCertificate.generate("localhost", now.plus(Duration.ofMinutes(4)), now.plus(Duration.ofDays(30)));
        try (FakeGeminiServer capsule = FakeGeminiServer.start(soon); BurrowServer server = server(dir)) {
            capsule.enqueue(GeminiResponse.success("text/plain", "skewed"));
            JsonNode r = call(server, "gemini_fetch", "url", capsule.url("/"));
            assertThat(r.path("kind").asText()).isEqualTo("success");
            assertThat(r.path("content").asText()).isEqualTo("skewed");
        }
    }

    @Test
    void expiredCertificate_warnsByDefault_andIsRefusedWhenConfigured() {
        Instant now = Instant.now();
        ServerCertificate old = ServerCertificate.generate("localhost", now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
        try (FakeGeminiServer capsule = FakeGeminiServer.start(old); BurrowServer server = server(dir);
                BurrowServer strict = server(dir.resolve("strict"), Map.of("GEMINI_TOFU_REJECT_EXPIRED", "true"))) {
            capsule.enqueue(GeminiResponse.success("text/plain", "stale"));
            JsonNode r = call(server, "gemini_fetch", "url", capsule.url("/"));
            assertThat(r.path("kind").asText()).isEqualTo("success");
            assertThat(r.path("request_info").path("tofu_warning").asText()).contains("expired");
            JsonNode refused = call(strict, "gemini_fetch", "url", capsule.url("/"));
            assertThat(refused.path("error").path("code").asText()).isEqualTo("CERTIFICATE_EXPIRED");
            assertThat(refused.path("error").path("reason").asText()).isEqualTo("expired");
        }
    }

    @Test
    void unwritableStores_areCertificateStoreUnavailable_andNothingIsFetchedOrCreated() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("a-file"), "x");
        try (FakeGeminiServer capsule = FakeGeminiServer.start(); BurrowServer server = server(dir, Map.of(
                "GEMINI_TOFU_STORAGE_PATH", notADirectory.resolve("tofu.json").toString()))) {
            capsule.enqueue(GeminiResponse.success("text/plain", "x"));
            JsonNode r = call(server, "gemini_fetch", "url", capsule.url("/"));
            assertThat(r.path("error").path("code").asText()).isEqualTo("CERTIFICATE_STORE_UNAVAILABLE");
            assertThat(r.path("error").path("reason").asText()).isEqualTo("tofu_store_unusable");
            assertThat(r.toString()).doesNotContain(dir.toString());
            assertThat(capsule.requestCount()).as("a pin that cannot be stored is not trusted").isZero();
        }
        try (BurrowServer server = server(dir.resolve("ids"), Map.of(
                "GEMINI_CLIENT_CERTS_STORAGE_PATH", notADirectory.resolve("certs").toString()))) {
            JsonNode created = call(server, "gemini_client_cert_update", "action", "create", "url",
                    "gemini://capsule.test/id");
            assertThat(created.path("error").path("code").asText()).isEqualTo("CERTIFICATE_STORE_UNAVAILABLE");
            assertThat(created.path("error").path("reason").asText()).isEqualTo("identity_store_unusable");
            assertThat(created.toString()).doesNotContain(dir.toString());
        }
    }

    @Test
    void corruptStore_failsClosed() throws Exception {
        Files.writeString(dir.resolve("tofu.json"), "{not json");
        try (FakeGeminiServer capsule = FakeGeminiServer.start(); BurrowServer server = server(dir)) {
            capsule.enqueue(GeminiResponse.success("text/plain", "x"));
            JsonNode r = call(server, "gemini_fetch", "url", capsule.url("/"));
            assertThat(r.path("error").path("code").asText()).isEqualTo("CERTIFICATE_STORE_UNAVAILABLE");
            assertThat(r.path("error").path("reason").asText()).isEqualTo("tofu_store_corrupt");
            assertThat(r.toString()).doesNotContain(dir.toString());
            assertThat(capsule.requestCount()).isZero();
            assertThat(Files.readString(dir.resolve("tofu.json"))).isEqualTo("{not json");
        }
    }

    @Test
    void tofuDisabled_acceptsAnyCertificateWithAWarning() {
        try (FakeGeminiServer capsule = FakeGeminiServer.start();
                BurrowServer server = server(dir, Map.of("GEMINI_TOFU_ENABLED", "false"))) {
            capsule.enqueue(GeminiResponse.success("text/plain", "x"));
            JsonNode r = call(server, "gemini_fetch", "url", capsule.url("/"));
            assertThat(r.path("request_info").path("tofu").asText()).isEqualTo("disabled");
            assertThat(r.path("request_info").path("tofu_warning").asText()).contains("not verified");
            assertThat(Files.exists(dir.resolve("tofu.json"))).isFalse();
            assertThat(call(server, "gemini_trust_list").path("enabled").asBoolean()).isFalse();
            assertThat(call(server, "gemini_trust_update", "action", "pin", "host", "localhost", "fingerprint",
                    "ab".repeat(32)).path("error").path("code").asText()).isEqualTo("TOFU_DISABLED");
        }
    }

    @Test
    void storeFile_isPrivateAndReadableByAFreshStore() throws Exception {
        try (FakeGeminiServer capsule = FakeGeminiServer.start(); BurrowServer server = server(dir)) {
            capsule.enqueue(GeminiResponse.success("text/plain", "x"));
            call(server, "gemini_fetch", "url", capsule.url("/"));
            Path file = dir.resolve("tofu.json");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            TofuStore fresh = TofuStore.open(file, Clock.systemUTC());
            assertThat(fresh.pin("localhost", capsule.port()).orElseThrow().fingerprint()).isEqualTo(capsule.fingerprint());
            JsonNode json = io.burrow.mcp.core.json.Json.parse(file.toFile());
            assertThat(json.path("localhost:" + capsule.port()).path("first_seen").asText()).isNotBlank();
        }
    }

    @Test
    void concurrentStores_onOneFile_loseNoPins() throws Exception {
        Path file = dir.resolve("shared.json");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<TofuPin>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                TofuStore store = TofuStore.open(file, Clock.systemUTC()); // as if separate processes
                futures.add(pool.submit(() -> store.trust("host" + n + ".test", 1965, String.format("%064x", n))));
            }
            for (Future<TofuPin> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(TofuStore.open(file, Clock.systemUTC()).list()).hasSize(40);
    }

    @Test
    void storeReadingGopherMcpTimestamps_acceptsEpochSeconds() throws Exception {
        Path file = dir.resolve("legacy.json");
        Files.writeString(file, "{\"example.org:1965\":{\"host\":\"example.org\",\"port\":1965,\"fingerprint\":\"sha256:"
                + "AB".repeat(32) + "\",\"first_seen\":1700000000.5,\"last_seen\":1700000100,\"expires\":null}}");
        TofuPin pin = TofuStore.open(file, Clock.systemUTC()).pin("example.org", 1965).orElseThrow();
        assertThat(pin.fingerprint()).isEqualTo("ab".repeat(32));
        assertThat(pin.firstSeen()).isEqualTo("2023-11-14T22:13:20Z");
    }

    @Test
    void trust_rejectsMalformedFingerprints() {
        TofuStore store = TofuStore.open(dir.resolve("t.json"), Clock.systemUTC());
        assertThatThrownBy(() -> store.trust("example.org", 1965, "abc"))
                .isInstanceOf(BurrowException.class).hasMessageContaining("64 hex digits");
    }

    @Test
    void trustTools_areAnnotated_updateDestructiveAndLocal_listReadOnly() {
        try (BurrowServer server = server(dir)) {
            ToolDefinition t = server.tools().stream().filter(x -> x.name().equals("gemini_trust_update")).findFirst()
                    .orElseThrow();
            assertThat(t.hints().readOnly()).isFalse();
            assertThat(t.hints().destructive()).isTrue();
            assertThat(t.hints().idempotent()).isTrue();
            assertThat(t.hints().openWorld()).isFalse();
            ToolDefinition l = server.tools().stream().filter(x -> x.name().equals("gemini_trust_list")).findFirst()
                    .orElseThrow();
            assertThat(l.hints().readOnly()).isTrue();
            assertThat(l.hints().openWorld()).isFalse();
        }
    }
}
