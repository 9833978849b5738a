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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class ZimWarmUpTest {

    private ScheduledExecutorService scheduler;
    private ArchiveLibrary lib;
    private ZimWarmUp warmUp;

    @BeforeEach
    void open() {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        lib = ArchiveLibrary.open(List.of(), true, 1 << 20, 0, () -> { }, scheduler);
        warmUp = new ZimWarmUp(new ZimSearch(lib, ZimSettings.defaults(), scheduler));
    }

    @AfterEach
    void close() throws Exception {
        lib.close();
        scheduler.shutdownNow();
    }

    @Test
    void run_opensTheSearchIndexes() {
        LoadedArchive demo = lib.all().iterator().next();
        assertThat(demo.searcherOpen()).isFalse();
        warmUp.run(lib);
        assertThat(demo.searcherOpen()).isTrue();
    }

    @Test
    void run_searchesOnce() {
        assertThat(warmUp.run(lib)).isTrue();
    }

    @Test
    void run_leavesTheSearchToACallThatCameFirst() {
        warmUp.marking(tool()).handler().call(FakeToolCall.of("zim_x", Map.of()));
        assertThat(warmUp.run(lib)).isFalse();
        assertThat(lib.all().iterator().next().searcherOpen()).isTrue(); // the indexes are opened all the same
    }

    @Test
    void marking_passesCallsThrough() {
        ToolDefinition marked = warmUp.marking(tool());
        assertThat(marked.name()).isEqualTo("zim_x");
        assertThat(marked.inputSchema()).isEqualTo(tool().inputSchema());
        assertThat(marked.handler().call(FakeToolCall.of("zim_x", Map.of())).structured()).isEqualTo(Map.of("ok", true));
    }

    private static ToolDefinition tool() {
        return ToolDefinition.builder("zim_x").description("d").inputSchema("{\"type\":\"object\"}")
                .handler(call -> ToolResult.of(Map.of("ok", true))).build();
    }
}
