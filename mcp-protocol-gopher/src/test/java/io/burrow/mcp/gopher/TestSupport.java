package io.burrow.mcp.gopher;

import io.burrow.mcp.gopher.tools.GopherModule;
import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.net.NameResolver;
import io.burrow.mcp.testkit.ToolCallResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds in-process servers with the Gopher module and reads fixtures. */
final class TestSupport {

    private TestSupport() {
    }

    /** The repository's fixtures folder (tests run in the module folder). */
    static Path fixtures() {
        Path p = Path.of("..", "fixtures");
        if (!Files.isDirectory(p)) {
            p = Path.of("fixtures");
        }
        return p;
    }

    static byte[] raw(String name) {
        try {
            return Files.readAllBytes(fixtures().resolve("gopher-raw").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A server with local hosts allowed plus the given settings. Robots.txt is off unless a test turns it
     * on: the fake servers answer from a queue, and a robots.txt request would take the test's answer.
     */
    static BurrowServer server(Map<String, String> env) {
        return builder(env).build();
    }

    static BurrowServer.Builder builder(Map<String, String> env) {
        Map<String, String> all = new HashMap<>();
        all.put("GOPHER_ALLOW_LOCAL_HOSTS", "true");
        all.put("GOPHER_RESPECT_ROBOTS_TXT", "false");
        all.putAll(env);
        return BurrowServer.builder().module(new GopherModule()).configSources(ConfigSources.empty().withEnv(all));
    }

    static BurrowServer server(Map<String, String> env, NameResolver resolver) {
        return builder(env).resolver(resolver).build();
    }

    /** Calls gopher_fetch. */
    static ToolCallResult fetch(BurrowServer server, String url) {
        return ToolCallResult.of(server.callTool("gopher_fetch", Json.object().put("url", url)));
    }

    /** Calls gopher_batch_fetch. */
    static ToolCallResult batch(BurrowServer server, List<String> urls) {
        var node = Json.object();
        var arr = node.putArray("urls");
        urls.forEach(arr::add);
        return ToolCallResult.of(server.callTool("gopher_batch_fetch", node));
    }

    static JsonNode structured(ToolCallResult r) {
        return r.structured();
    }

    static String text(ToolCallResult r) {
        return r.text();
    }

    static String code(ToolCallResult r) {
        return structured(r).path("error").path("code").asText();
    }
}
