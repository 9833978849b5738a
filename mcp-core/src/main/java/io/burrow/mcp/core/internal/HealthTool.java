package io.burrow.mcp.core.internal;

import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolHints;
import io.burrow.mcp.core.spi.ToolResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The core's {@code health} tool: version, uptime, modules, caches and each module's own facts. */
public final class HealthTool {

    private static final Logger LOG = LoggerFactory.getLogger(HealthTool.class);

    private HealthTool() {
    }

    public static ToolDefinition create(String version, Clock clock, Instant started, List<String> modules,
            Registry registry, CacheRegistry caches) {
        return ToolDefinition.builder("health")
                .title("Server health")
                .description("Reports the server's version, uptime, loaded modules, cache statistics and each module's "
                        + "state (for example loaded archives). Use it to check what this server can do.")
                .inputSchema("{\"type\":\"object\",\"properties\":{}}")
                .outputSchema("""
                        {"type":"object","properties":{
                          "status":{"type":"string"},"version":{"type":"string"},"uptime_seconds":{"type":"number"},
                          "started_at":{"type":"string"},"java_version":{"type":"string"},
                          "modules":{"type":"array","items":{"type":"object"}},
                          "caches":{"type":"object"},"module_health":{"type":"object"}},
                         "required":["status","version","uptime_seconds","modules","caches"]}""")
                .hints(ToolHints.READ_ONLY_LOCAL)
                .handler(call -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("status", "ok");
                    out.put("version", version);
                    Duration up = Duration.between(started, clock.instant());
                    out.put("uptime_seconds", up.toMillis() / 1000.0);
                    out.put("started_at", started.toString());
                    out.put("java_version", System.getProperty("java.version"));
                    List<Map<String, Object>> mods = new ArrayList<>();
                    for (String m : modules) {
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("name", m);
                        entry.put("tools", registry.tools().entrySet().stream()
                                .filter(e -> e.getValue().module().equals(m)).map(Map.Entry::getKey).toList());
                        mods.add(entry);
                    }
                    out.put("modules", mods);
                    out.put("caches", caches.stats());
                    Map<String, Object> moduleHealth = new LinkedHashMap<>();
                    for (Map.Entry<String, Supplier<Map<String, Object>>> e : registry.health().entrySet()) {
                        try {
                            Map<String, Object> h = e.getValue().get();
                            moduleHealth.put(e.getKey(), h);
                            if ("degraded".equals(h.get("status"))) { // breakers open, bulkhead full, …
                                out.put("status", "degraded");
                            }
                        } catch (RuntimeException ex) {
                            LOG.warn("health of module {} failed", e.getKey(), ex);
                            moduleHealth.put(e.getKey(), Map.of("status", "error"));
                            out.put("status", "degraded");
                        }
                    }
                    out.put("module_health", moduleHealth);
                    return ToolResult.of(out);
                })
                .build();
    }
}
