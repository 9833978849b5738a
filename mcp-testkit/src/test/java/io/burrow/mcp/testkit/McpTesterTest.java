package io.burrow.mcp.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.testkit.McpTestClient.Era;
import io.burrow.mcp.testkit.examples.EchoModule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.opentest4j.MultipleFailuresError;

/** The fluent client: connections, typed results, batches, both generations. */
final class McpTesterTest {

    /** A stdio server of {@link EchoModule}, for the process connection. */
    public static final class EchoServerMain {
        public static void main(String[] args) throws InterruptedException {
            System.err.println("echo server starting");
            try (BurrowServer server = BurrowServer.builder().module(new EchoModule()).build()) {
                server.serveStdio(System.in, System.out, Duration.ofSeconds(5));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    void connect_isInitializedAndTyped(Era era) {
        try (McpTester mcp = McpTester.builder().era(era).inProcess(new EchoModule())) {
            assertThat(mcp.era()).isEqualTo(era);
            assertThat(mcp.capabilities().has("tools")).isTrue();
            assertThat(mcp.serverInfo().path("name").asText()).isEqualTo("burrow");
            assertThat(mcp.tools().names()).containsExactlyInAnyOrder("echo", "health");
            assertThat(mcp.call("echo", Map.of("text", "hi")).assertOk().structured("/text").asText()).isEqualTo("hi");
            McpError e = mcp.error("resources/read", Map.of("uri", "nowhere://x"));
            assertThat(e.code()).isEqualTo(era == Era.LEGACY ? -32002 : -32602);
            assertThat(e.errorCode()).isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void batch_reportsEveryFailedCheckWithItsStep() {
        try (McpTester mcp = McpTester.connect(new EchoModule())) {
            assertThatThrownBy(() -> mcp.when()
                    .call("echo", Map.of("text", "a"), r -> r.assertOk())
                    .call("echo", Map.of(), r -> r.assertOk())
                    .call("echo", Map.of("text", "b"), r -> assertThat(r.text()).contains("zzz"))
                    .thenAssertResults())
                    .isInstanceOf(MultipleFailuresError.class)
                    .hasMessageContaining("2 of 3 steps failed")
                    .satisfies(t -> assertThat(((MultipleFailuresError) t).getFailures()).extracting(Throwable::getMessage)
                            .anySatisfy(m -> assertThat(m).startsWith("step 2 (tools/call echo)").contains("INVALID_REQUEST"))
                            .anySatisfy(m -> assertThat(m).startsWith("step 3 (tools/call echo)")));
        }
    }

    @Test
    void assertions_printTheWholeResult() {
        try (McpTester mcp = McpTester.connect(new EchoModule())) {
            assertThatThrownBy(() -> mcp.call("echo", Map.of()).assertOk()).hasMessageContaining("INVALID_REQUEST")
                    .hasMessageContaining("isError");
            assertThatThrownBy(() -> mcp.call("echo", Map.of("text", "x")).assertError("NOT_FOUND"))
                    .hasMessageContaining("expected the error NOT_FOUND");
            assertThatThrownBy(() -> mcp.error("tools/list", Map.of())).hasMessageContaining("expected an error");
        }
    }

    @Test
    void process_speaksStdioKeepsStderrAndEndsWithTheTester() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        McpTester mcp = McpTester.builder().era(Era.MODERN).process(List.of(java.toString(), "-cp",
                System.getProperty("java.class.path"), EchoServerMain.class.getName()));
        try {
            assertThat(mcp.call("echo", Map.of("text", "from a process")).text()).contains("from a process");
            assertThat(mcp.stderr()).contains("echo server starting");
        } finally {
            mcp.close();
        }
        assertThatThrownBy(() -> mcp.call("echo", Map.of("text", "x"))).isInstanceOf(Throwable.class);
    }

    @Test
    void process_thatCannotStart_failsWithItsStderr() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        assertThatThrownBy(() -> McpTester.builder().timeout(Duration.ofSeconds(20))
                .process(List.of(java.toString(), "-cp", "/nonexistent", "NoSuchMain")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("NoSuchMain");
    }
}
