package io.burrow.mcp.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.testkit.McpTestClient.Era;
import io.burrow.mcp.testkit.McpTester;
import io.burrow.mcp.testkit.ToolCallResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The destructive trust and identity tools ask the user through elicitation, in both protocol eras: only
 * an accepted {@code confirm: true} changes anything; a refusal, a cancel or a client without elicitation
 * is USER_DECLINED.
 */
final class GeminiConsentTest {

    @TempDir
    Path dir;

    private BurrowServer server(boolean preauthorized) {
        return GeminiTestSupport.server(dir, Map.of("GEMINI_PREAUTHORIZE_TRUST_CHANGES", String.valueOf(preauthorized)));
    }

    private static JsonNode answer(String action, Boolean confirm) {
        var a = Json.object().put("action", action);
        if (confirm != null) {
            a.putObject("content").put("confirm", confirm);
        }
        return a;
    }

    private static final Map<String, Object> CREATE = Map.of("action", "create", "url", "gemini://example.org/app");

    @ParameterizedTest
    @EnumSource(Era.class)
    void accepted_createsTheIdentity_afterAskingOnce(Era era) {
        List<JsonNode> asked = new ArrayList<>();
        try (BurrowServer server = server(false); McpTester mcp = McpTester.builder().era(era)
                .onRequest("elicitation/create", req -> {
                    asked.add(req);
                    return answer("accept", true);
                }).inProcess(server)) {
            ToolCallResult r = mcp.call("gemini_client_cert_update", CREATE).assertOk();
            assertThat(r.structured().path("changed").asBoolean()).isTrue();
            assertThat(asked).hasSize(1);
            assertThat(asked.get(0).toString()).contains("gemini://example.org/app", "confirm");
            assertThat(mcp.call("gemini_client_cert_list", Map.of()).structured().path("certificates")).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    void declinedCancelledOrUnchecked_isUserDeclined_andChangesNothing(Era era) {
        for (JsonNode reply : List.of(answer("decline", null), answer("cancel", null), answer("accept", false))) {
            try (BurrowServer server = server(false); McpTester mcp = McpTester.builder().era(era)
                    .onRequest("elicitation/create", req -> reply).inProcess(server)) {
                ToolCallResult r = mcp.call("gemini_client_cert_update", CREATE);
                r.assertError("USER_DECLINED");
                assertThat(mcp.call("gemini_client_cert_list", Map.of()).structured().path("certificates")).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    void clientWithoutElicitation_isUserDeclined_unlessPreauthorised(Era era) {
        try (BurrowServer server = server(false); McpTester mcp = McpTester.builder().era(era).inProcess(server)) {
            ToolCallResult r = mcp.call("gemini_trust_update", Map.of("action", "pin", "host", "example.org",
                    "fingerprint", "ab".repeat(32)));
            r.assertError("USER_DECLINED");
            assertThat(r.structured().path("error").path("action").asText()).isEqualTo("unsupported");
            assertThat(r.structured().path("error").path("hint").asText()).contains("GEMINI_PREAUTHORIZE_TRUST_CHANGES");
            assertThat(mcp.call("gemini_trust_list", Map.of()).structured().path("pins")).isEmpty();
        }
        try (BurrowServer server = server(true); McpTester mcp = McpTester.builder().era(era).inProcess(server)) {
            mcp.call("gemini_trust_update", Map.of("action", "pin", "host", "example.org",
                    "fingerprint", "ab".repeat(32))).assertOk();
            assertThat(mcp.call("gemini_trust_list", Map.of()).structured().path("pins")).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    void interlocksFailBeforeAnyQuestion(Era era) {
        List<JsonNode> asked = new ArrayList<>();
        try (BurrowServer server = server(true)) {
            GeminiTestSupport.call(server, "gemini_client_cert_update", "action", "create", "url", "gemini://example.org/");
        }
        try (BurrowServer server = server(false); McpTester mcp = McpTester.builder().era(era)
                .onRequest("elicitation/create", req -> {
                    asked.add(req);
                    return answer("accept", true);
                }).inProcess(server)) {
            mcp.call("gemini_client_cert_update", CREATE).assertError("CERTIFICATE_EXISTS");
            mcp.call("gemini_client_cert_update", Map.of("action", "remove", "url", "gemini://example.org/",
                    "fingerprint", "cd".repeat(32))).assertError("FINGERPRINT_MISMATCH");
            assertThat(asked).isEmpty();
        }
    }
}
