package io.burrow.mcp.gemini;

import io.burrow.mcp.gemini.tools.GeminiModule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.net.NameResolver;
import io.burrow.mcp.testkit.FakeNameResolver;
import io.burrow.mcp.testkit.ToolCallResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Builds in-process servers with the Gemini module for tests. */
final class GeminiTestSupport {

    private GeminiTestSupport() {
    }

    /** Names that resolve to loopback in tests, besides localhost. */
    static final NameResolver RESOLVER = FakeNameResolver.create()
            .map("localhost", "127.0.0.1").map("capsule.test", "127.0.0.1").map("other.test", "127.0.0.1")
            .map("private.test", "10.1.2.3")
            .map("metadata.test", "169.254.169.254")
            .map("mixed.test", "93.184.216.34", "192.168.1.1")
            .map("mapped.test", "::ffff:127.0.0.1")
            .map("cgnat.test", "100.64.1.1")
            .map("ula.test", "fd00::1");

    /** A server whose stores live in {@code dir}, allowed to reach loopback, with extra settings. */
    static BurrowServer server(Path dir, Map<String, String> env) {
        Map<String, String> all = new HashMap<>();
        all.put("GEMINI_ALLOW_LOCAL_HOSTS", "true");
        all.put("GEMINI_RESPECT_ROBOTS_TXT", "false"); // robots tests turn it on: a fake's queue would answer it
        all.put("GEMINI_TOFU_STORAGE_PATH", dir.resolve("tofu.json").toString());
        all.put("GEMINI_CLIENT_CERTS_STORAGE_PATH", dir.resolve("certs").toString());
        all.put("GEMINI_TIMEOUT_SECONDS", "5");
        // in-process calls have no client to ask: the consent tests (GeminiConsentTest) turn this off
        all.put("GEMINI_PREAUTHORIZE_TRUST_CHANGES", "true");
        all.putAll(env);
        return BurrowServer.builder().module(new GeminiModule()).resolver(RESOLVER)
                .configSources(ConfigSources.empty().withEnv(all)).build();
    }

    static BurrowServer server(Path dir) {
        return server(dir, Map.of());
    }

    /** Calls a tool and returns its structured content. */
    static JsonNode call(BurrowServer server, String tool, Object... keyValues) {
        return structured(callRaw(server, tool, keyValues));
    }

    static ToolCallResult callRaw(BurrowServer server, String tool, Object... keyValues) {
        ObjectNode args = Json.object();
        for (int i = 0; i < keyValues.length; i += 2) {
            args.set((String) keyValues[i], Json.valueToTree(keyValues[i + 1]));
        }
        return ToolCallResult.of(server.callTool(tool, args));
    }

    static JsonNode structured(ToolCallResult r) {
        return r.structured();
    }

    static String text(ToolCallResult r) {
        return r.text();
    }

    /** The repository's fixtures folder. */
    static Path fixtures() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("fixtures").resolve("gemini-raw"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("fixtures/gemini-raw not found above " + Path.of("").toAbsolutePath());
        }
        return p.resolve("fixtures");
    }
}
