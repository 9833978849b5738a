package io.burrow.mcp.testkit.examples;

import io.burrow.mcp.core.spi.BurrowModule;
import io.burrow.mcp.core.spi.Contributions;
import io.burrow.mcp.core.spi.ModuleContext;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolHints;
import io.burrow.mcp.core.spi.ToolResult;
import java.util.Map;

// The example of the BurrowModule Javadoc and docs/testkit.md, compiled and run here; DocExamplesTest keeps the
// copies there equal to the region below.
// region echo-module
public final class EchoModule implements BurrowModule {
    public String name() { return "echo"; }

    public void contribute(ModuleContext context, Contributions out) {
        out.tool(ToolDefinition.builder("echo")
                .title("Echo")
                .description("Echoes its text back. Use it to check that the server answers.")
                .inputSchema("{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},\"required\":[\"text\"]}")
                .outputSchema("{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},\"required\":[\"text\"]}")
                .hints(ToolHints.READ_ONLY_LOCAL)
                .handler(call -> ToolResult.of(Map.of("text", call.args().string("text"))))
                .build());
    }
}
// endregion
