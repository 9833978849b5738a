package io.burrow.mcp.launcher;

import com.github.benmanes.caffeine.cache.Cache;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A module for the launcher's telemetry tests (found by the service loader): {@code probe_fetch} answers
 * from a cache after its first call and logs a line; {@code probe_fail} fails with FETCH_ERROR.
 */
public final class ProbeModule implements BurrowModule {

    static final String KEY_ARG = "{\"type\":\"object\",\"properties\":{\"key\":{\"type\":\"string\"}}}";
    private static final Logger LOG = LoggerFactory.getLogger("burrow.probe");

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public void contribute(ModuleContext context, Contributions out) {
        Cache<String, String> answers = context.caches().cache("answers", "maximumSize=10");
        out.tool(ToolDefinition.builder("probe_fetch").description("Answers, from its cache after the first call.")
                .inputSchema(KEY_ARG).handler(call -> {
                    String key = call.args().optString("key").orElse("k");
                    String answer = answers.get(key, k -> "answer to " + k);
                    LOG.atInfo().addKeyValue("key", key).log("probe answered {}", key);
                    return ToolResult.of(Map.of("answer", answer));
                }).build());
        out.tool(ToolDefinition.builder("probe_fail").description("Fails.").inputSchema(KEY_ARG)
                .handler(call -> {
                    throw new BurrowException(ErrorCodes.FETCH_ERROR, "The upstream failed");
                }).build());
    }
}
