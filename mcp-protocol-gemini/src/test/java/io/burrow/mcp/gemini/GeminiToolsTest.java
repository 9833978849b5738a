package io.burrow.mcp.gemini;

import io.burrow.mcp.gemini.tools.GeminiModule;
import static io.burrow.mcp.gemini.GeminiTestSupport.call;
import static io.burrow.mcp.gemini.GeminiTestSupport.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.config.ConfigurationException;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.ResourceData;
import io.burrow.mcp.core.spi.ToolCall;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
import io.burrow.mcp.testkit.gemini.FakeGeminiServer;
import io.burrow.mcp.testkit.gemini.GeminiResponse;
import io.burrow.mcp.testkit.FakeToolCall;
import io.burrow.mcp.testkit.ToolCallResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class GeminiToolsTest {

    @TempDir
    Path dir;

    @Test
    void module_isDiscoveredWithItsToolsInstructionsAndTemplate() {
        try (BurrowServer server = BurrowServer.builder().discoverModules().configSources(ConfigSources.empty().withEnv(Map.of(
                "GEMINI_TOFU_STORAGE_PATH", dir.resolve("t").toString(),
                "GEMINI_CLIENT_CERTS_STORAGE_PATH", dir.resolve("c").toString()))).build()) {
            assertThat(server.modules()).contains("gemini");
            assertThat(server.tools()).extracting(ToolDefinition::name)
                    .contains("gemini_fetch", "gemini_batch_fetch", "gemini_trust_list", "gemini_trust_update",
                            "gemini_client_cert_list", "gemini_client_cert_update")
                    .doesNotContain("gemini_tofu", "gemini_client_cert");
            assertThat(server.instructions()).contains("gemini_fetch", "CERTIFICATE_CHANGED");
            JsonNode fetch = server.advertisedTools().stream().filter(t -> t.path("name").asText().equals("gemini_fetch"))
                    .findFirst().orElseThrow();
            assertThat(fetch.path("annotations").path("readOnlyHint").asBoolean()).isTrue();
            assertThat(fetch.path("annotations").path("openWorldHint").asBoolean()).isTrue();
            assertThat(fetch.path("inputSchema").toString()).doesNotContain("pattern");
            ToolDefinition cert = server.tools().stream().filter(t -> t.name().equals("gemini_client_cert_update"))
                    .findFirst().orElseThrow();
            assertThat(cert.hints().readOnly()).isFalse();
            assertThat(cert.hints().destructive()).isTrue();
            assertThat(cert.hints().idempotent()).isFalse();
            JsonNode health = call(server, "health");
            assertThat(health.toString()).contains("tofu_pins");
        }
    }

    @Test
    void invalidSettings_areReportedWithTheirVariables() {
        assertThatThrownBy(() -> BurrowServer.builder().module(new GeminiModule()).configSources(ConfigSources.empty()
                .withEnv(Map.of("GEMINI_TIMEOUT_SECONDS", "-5", "GEMINI_MAX_REDIRECTS", "99",
                        "GEMINI_DENIED_MIME_TYPES", "text/html,nonsense"))).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("GEMINI_TIMEOUT_SECONDS").hasMessageContaining("GEMINI_MAX_REDIRECTS")
                .hasMessageContaining("GEMINI_DENIED_MIME_TYPES");
    }

    @Test
    void batch_keepsInputOrder_reportsPerUrlErrors_andSendsProgress() {
        try (FakeGeminiServer capsule = FakeGeminiServer.start(); BurrowServer server = server(dir)) {
            capsule.dispatcher(req -> switch (req.path()) {
                case "/missing" -> GeminiResponse.of(51, "Not found");
                case "/slow" -> GeminiResponse.success("text/plain", "slow").withTrickle(2, java.time.Duration.ofMillis(20));
                default -> GeminiResponse.success("text/gemini", "# " + req.path() + "\n");
            });
            List<String> urls = List.of(capsule.url("/slow"), capsule.url("/a"), "https://nope.example/",
                    capsule.url("/missing"), capsule.url("/b"), capsule.url("/c"), capsule.url("/d"));
            ToolDefinition batch = server.tools().stream().filter(t -> t.name().equals("gemini_batch_fetch")).findFirst()
                    .orElseThrow();
            FakeToolCall call = FakeToolCall.of("gemini_batch_fetch",
                    (ObjectNode) Json.object().set("urls", Json.valueToTree(urls))).withProgress();
            ToolResult result = batch.handler().call(call);
            JsonNode results = Json.toTree(result.structured()).path("results");
            assertThat(results).hasSize(7);
            assertThat(results.get(0).path("content").asText()).isEqualTo("slow");
            assertThat(results.get(1).path("document").path("lines").get(0).path("text").asText()).isEqualTo("/a");
            assertThat(results.get(2).path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
            assertThat(results.get(3).path("error").path("code").asText()).isEqualTo("PERMANENT_ERROR");
            assertThat(results.get(3).path("request_info").path("url").asText()).isEqualTo(capsule.url("/missing"));
            assertThat(results.get(6).path("document").path("lines").get(0).path("text").asText()).isEqualTo("/d");
            assertThat(call.progress()).hasSize(7);
            assertThat(call.progress()).allMatch(p -> p.total() == 7.0);
            assertThat(call.progress().stream().map(FakeToolCall.Progress::progress).sorted().toList())
                    .containsExactly(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0);
            assertThat(result.text()).contains("PERMANENT_ERROR");
        }
    }

    @Test
    void batch_limitsTheNumberOfUrls() {
        try (BurrowServer server = server(dir)) {
            JsonNode r = call(server, "gemini_batch_fetch", "urls", java.util.Collections.nCopies(51, "gemini://x.test/"));
            assertThat(r.path("error").path("code").asText()).isEqualTo("INVALID_REQUEST");
        }
    }

    @Test
    void clientCertTools_createNeverOverwrites_listNeverShowsKeys_removeQuotesTheFingerprint() {
        try (BurrowServer server = server(dir)) {
            JsonNode created = call(server, "gemini_client_cert_update", "action", "create", "url",
                    "gemini://example.org/app");
            assertThat(created.path("changed").asBoolean()).isTrue();
            String fp = created.path("fingerprint").asText();
            assertThat(fp).hasSize(64);
            JsonNode exists = call(server, "gemini_client_cert_update", "action", "create", "url",
                    "gemini://example.org/app/sub");
            assertThat(exists.path("error").path("code").asText()).isEqualTo("CERTIFICATE_EXISTS");
            assertThat(exists.path("error").path("fingerprint").asText()).isEqualTo(fp);
            JsonNode list = call(server, "gemini_client_cert_list", "host", "EXAMPLE.org");
            assertThat(list.path("certificates")).hasSize(1);
            JsonNode entry = list.path("certificates").get(0);
            assertThat(entry.path("url").asText()).isEqualTo("gemini://example.org/app");
            assertThat(entry.path("path").asText()).isEqualTo("/app");
            assertThat(entry.path("port").asInt()).isEqualTo(1965);
            assertThat(entry.path("expired").asBoolean()).isFalse();
            assertThat(list.toString()).doesNotContain("PRIVATE", dir.toString(), ".key");
            assertThat(call(server, "gemini_client_cert_list", "host", "other.org").path("certificates")).isEmpty();
            assertThat(call(server, "gemini_client_cert_update", "action", "create").path("error").path("code").asText())
                    .isEqualTo("INVALID_REQUEST");
            assertThat(call(server, "gemini_client_cert_update", "action", "remove", "url", "gemini://example.org/app/x",
                    "fingerprint", "ab".repeat(32)).path("error").path("code").asText()).isEqualTo("FINGERPRINT_MISMATCH");
            assertThat(call(server, "gemini_client_cert_update", "action", "remove", "url", "gemini://example.org/app",
                    "fingerprint", fp).path("changed").asBoolean()).isTrue();
            assertThat(call(server, "gemini_client_cert_update", "action", "remove", "url", "gemini://example.org/app",
                    "fingerprint", fp).path("changed").asBoolean()).isFalse();
        }
        try (BurrowServer off = server(dir.resolve("off"), Map.of("GEMINI_CLIENT_CERTS_ENABLED", "false"))) {
            assertThat(call(off, "gemini_client_cert_update", "action", "create", "url", "gemini://example.org/")
                    .path("error").path("code").asText()).isEqualTo("CLIENT_CERTS_DISABLED");
        }
    }

    @Test
    void resources_readTextAsWrittenAndBinariesAsBytes() {
        try (FakeGeminiServer capsule = FakeGeminiServer.start(); BurrowServer server = server(dir)) {
            capsule.dispatcher(req -> switch (req.path()) {
                case "/page.gmi" -> GeminiResponse.success("text/gemini; lang=en", "# Page\n=> rel.gmi\n");
                case "/logo.png" -> GeminiResponse.success("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2});
                default -> GeminiResponse.of(10, "Question?");
            });
            ResourceData page = server.readResource(capsule.url("/page.gmi"));
            assertThat(page.mimeType()).isEqualTo("text/gemini");
            assertThat(page.text()).isEqualTo("# Page\n=> rel.gmi\n");
            ResourceData png = server.readResource(capsule.url("/logo.png"));
            assertThat(png.mimeType()).isEqualTo("image/png");
            assertThat(png.blob()).hasSize(6);
            assertThatThrownBy(() -> server.readResource(capsule.url("/ask"))).isInstanceOf(BurrowException.class)
                    .hasMessageContaining("Question?");
        }
    }
}
