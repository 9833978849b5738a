package io.burrow.mcp.testkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.core.spi.ToolResult;
import io.burrow.mcp.testkit.FakeToolCall;
import io.burrow.mcp.testkit.McpTestClient.Era;
import io.burrow.mcp.testkit.McpTester;
import io.burrow.mcp.testkit.junit.McpServerExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The test of docs/testkit.md, run as written there (DocExamplesTest keeps the copy equal). */
// region echo-test
class EchoModuleTest {

    @RegisterExtension
    static final McpServerExtension mcp = McpServerExtension.create().module(EchoModule::new);

    @Test
    void echoes(McpTester client) {
        client.call("echo", Map.of("text", "hi")).assertOk();
    }

    @ParameterizedTest
    @EnumSource(Era.class)
    void answersManyCallsInBothGenerations(Era era) {
        mcp.connect(era).when()
                .call("echo", Map.of("text", "a"), r -> assertThat(r.structured("/text").asText()).isEqualTo("a"))
                .call("echo", Map.of("text", "b"), r -> assertThat(r.text()).contains("b"))
                .call("echo", Map.of(), r -> r.assertError("INVALID_REQUEST"))
                .tools(tools -> assertThat(tools.names()).contains("echo"))
                .thenAssertResults();
    }

    @Test
    void handlerAlone() {
        ToolResult result = FakeToolCall.of("echo", Map.of("text", "hi")).call(new EchoModule());
        assertThat(result.structured()).isEqualTo(Map.of("text", "hi"));
    }
}
// endregion
