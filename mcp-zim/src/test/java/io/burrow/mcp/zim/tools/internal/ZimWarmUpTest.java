package io.burrow.mcp.zim.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolResult;
import io.burrow.mcp.testkit.FakeToolCall;
import io.burrow.mcp.zim.tools.ZimSettings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

final class ZimWarmUpTest {

    @Test
    void run_opensTheSearchIndexesOfTheServedArchives() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (ArchiveLibrary lib = ArchiveLibrary.open(List.of(), true, 1 << 20, 0, () -> { }, scheduler)) {
            LoadedArchive demo = lib.all().iterator().next();
            assertThat(demo.searcherOpen()).isFalse();
            new ZimWarmUp().run(lib, ZimSettings.defaults());
            assertThat(demo.searcherOpen()).isTrue();
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void marking_passesCallsThrough() throws Exception {
        ToolDefinition tool = ToolDefinition.builder("zim_x").description("d").inputSchema("{\"type\":\"object\"}")
                .handler(call -> ToolResult.of(Map.of("ok", true))).build();
        ToolDefinition marked = new ZimWarmUp().marking(tool);
        assertThat(marked.name()).isEqualTo("zim_x");
        assertThat(marked.inputSchema()).isEqualTo(tool.inputSchema());
        assertThat(marked.handler().call(FakeToolCall.of("zim_x", Map.of())).structured()).isEqualTo(Map.of("ok", true));
    }
}
