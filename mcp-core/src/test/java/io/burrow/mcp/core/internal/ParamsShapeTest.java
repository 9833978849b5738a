package io.burrow.mcp.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.core.json.Json;
import org.junit.jupiter.api.Test;

final class ParamsShapeTest {

    private static String problem(String method, String params) throws Exception {
        return ParamsShape.problem(Json.plain().readTree("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\""
                + (params == null ? "" : ",\"params\":" + params) + "}"));
    }

    @Test
    void wellFormedRequests_pass() throws Exception {
        assertThat(problem("tools/call", "{\"name\":\"health\"}")).isNull();
        assertThat(problem("tools/call", "{\"name\":\"health\",\"arguments\":{\"a\":1}}")).isNull();
        assertThat(problem("resources/read", "{\"uri\":\"x://y\"}")).isNull();
        assertThat(problem("prompts/get", "{\"name\":\"p\",\"arguments\":{\"a\":\"b\"}}")).isNull();
        assertThat(problem("completion/complete",
                "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"p\"},\"argument\":{\"name\":\"a\",\"value\":\"\"}}")).isNull();
        assertThat(problem("logging/setLevel", "{\"level\":\"info\"}")).isNull();
        assertThat(problem("ping", null)).isNull();
        assertThat(problem("tools/list", null)).isNull();
    }

    @Test
    void paramsTheSdkCannotRead_areNamed() throws Exception {
        assertThat(problem("tools/call", "\"x\"")).isEqualTo("params must be an object");
        assertThat(problem("tools/call", "{\"name\":5}")).contains("'name'");
        assertThat(problem("tools/call", null)).contains("'name'");
        assertThat(problem("tools/call", "{\"name\":\"h\",\"arguments\":[1]}")).contains("'arguments'");
        assertThat(problem("resources/read", "{}")).contains("'uri'");
        assertThat(problem("resources/subscribe", "{\"uri\":1}")).contains("'uri'");
        assertThat(problem("prompts/get", "{}")).contains("'name'");
        assertThat(problem("completion/complete", "{\"ref\":{}}")).contains("'ref'");
        assertThat(problem("logging/setLevel", "{}")).contains("'level'");
        assertThat(problem("initialize", "{}")).contains("protocolVersion");
    }
}
