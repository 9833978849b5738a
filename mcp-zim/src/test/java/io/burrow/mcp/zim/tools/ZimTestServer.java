package io.burrow.mcp.zim.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.config.ConfigSources;
import io.burrow.mcp.testkit.McpTestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** An in-process server with the ZIM module over the given settings, and an initialised MCP client. */
final class ZimTestServer implements AutoCloseable {

    final BurrowServer server;
    final McpTestClient client;

    ZimTestServer(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("ZIM_WATCH_INTERVAL_SECONDS", "0");
        server = BurrowServer.builder().module(new ZimModule()).configSources(ConfigSources.empty().withEnv(all)).build();
        client = McpTestClient.stdio(server);
        client.initialize();
    }

    /** A server over {@code dir}. */
    static ZimTestServer over(Path dir, String... moreEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("ZIM_DIRECTORIES", dir.toString());
        for (int i = 0; i + 1 < moreEnv.length; i += 2) {
            env.put(moreEnv[i], moreEnv[i + 1]);
        }
        return new ZimTestServer(env);
    }

    JsonNode call(String tool, Map<String, ?> args) {
        return client.callTool(tool, args);
    }

    /** The committed fixtures folder (fixtures/zim at the repository root). */
    static Path fixtures() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("fixtures/zim"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("fixtures/zim not found");
        }
        return p.resolve("fixtures/zim");
    }

    /** Copies fixture {@code name}.zim into {@code dir} (as {@code as}). */
    static Path copyFixture(String name, Path dir, String as) {
        try {
            Files.createDirectories(dir);
            return Files.copy(fixtures().resolve(name + ".zim"), dir.resolve(as));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
