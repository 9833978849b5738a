package io.burrow.mcp.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12, defect 7 (HTTP): a POST body is one JSON value in UTF-8, or it is refused with a JSON-RPC
 * parse error (HTTP 400, -32700) and never reaches a tool. On a71c437 a second value after the first was
 * dropped silently and the first one served; so were bodies that a plain UTF-8 reading does not give:
 * overlong forms, surrogates, other encodings (the parser guessed UTF-16 and UTF-32 from NUL bytes), and
 * objects naming a member twice (the last one won).
 */
final class HttpMessageTest {

    private static final String WHOAMI = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"whoami\",\"arguments\":{}}}";

    private final TestModule module = new TestModule();
    private final BurrowServer burrow = BurrowServer.builder().module(module).build();
    private BurrowHttpServer http;
    private String session;

    @BeforeEach
    void start() {
        http = BurrowHttpServer.start(burrow, HttpSettings.builder().port(0).build());
        RawHttp.Response init = RawHttp.exchange(http.port(), RawHttp.post(http.port(), "/mcp", Http.INIT, Map.of()));
        session = init.header("Mcp-Session-Id");
    }

    @AfterEach
    void stop() {
        http.close();
        burrow.close();
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Object p : parts) {
            b.writeBytes(p instanceof byte[] raw ? raw : p.toString().getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** A tools/call whoami whose (ignored) argument {@code x} holds these raw bytes. */
    private static byte[] whoamiWith(byte[] raw) {
        return bytes("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"whoami\","
                + "\"arguments\":{\"x\":\"", raw, "\"}}}");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("two messages", bytes(WHOAMI, " ", WHOAMI)),
                Arguments.of("two messages, no space", bytes(WHOAMI, WHOAMI)),
                Arguments.of("two messages on two lines", bytes(WHOAMI, "\r\n", WHOAMI, "\r\n")),
                Arguments.of("a number after the message", bytes(WHOAMI, " 1")),
                Arguments.of("null after the message", bytes(WHOAMI, "null")),
                Arguments.of("a stray bracket", bytes(WHOAMI, "]")),
                Arguments.of("a stray brace", bytes(WHOAMI, "}")),
                Arguments.of("a word after the message", bytes(WHOAMI, "x")),
                Arguments.of("a comment after the message", bytes(WHOAMI, "//x")),
                Arguments.of("a NUL after the message", bytes(WHOAMI, new byte[] {0})),
                Arguments.of("overlong '/' (C0 AF)", whoamiWith(hex("C0 AF"))),
                Arguments.of("overlong (C1 BF)", whoamiWith(hex("C1 BF"))),
                Arguments.of("overlong three bytes (E0 80 AF)", whoamiWith(hex("E0 80 AF"))),
                Arguments.of("overlong four bytes (F0 80 80 AF)", whoamiWith(hex("F0 80 80 AF"))),
                Arguments.of("overlong quote (C0 A2) closing the string", bytes("{\"jsonrpc\":\"2.0\",\"id\":7,"
                        + "\"method\":\"tools/call\",\"params\":{\"name\":\"whoami", hex("C0 A2"), ",\"arguments\":{}}}")),
                Arguments.of("a surrogate (ED A0 80)", whoamiWith(hex("ED A0 80"))),
                Arguments.of("a surrogate pair as two sequences", whoamiWith(hex("ED A0 BD ED B8 80"))),
                Arguments.of("above U+10FFFF (F4 90 80 80)", whoamiWith(hex("F4 90 80 80"))),
                Arguments.of("F5", whoamiWith(hex("F5 80 80 80"))),
                Arguments.of("FF", whoamiWith(hex("FF"))),
                Arguments.of("a lone continuation byte", whoamiWith(hex("80"))),
                Arguments.of("a truncated sequence", whoamiWith(hex("E2 82"))),
                Arguments.of("a sequence cut by the quote", whoamiWith(hex("C3"))),
                Arguments.of("Latin-1", whoamiWith("caf\u00e9".getBytes(StandardCharsets.ISO_8859_1))),
                Arguments.of("UTF-16BE", WHOAMI.getBytes(StandardCharsets.UTF_16BE)),
                Arguments.of("UTF-16LE", WHOAMI.getBytes(StandardCharsets.UTF_16LE)),
                Arguments.of("UTF-16 with a BOM", WHOAMI.getBytes(StandardCharsets.UTF_16)),
                Arguments.of("UTF-32BE", WHOAMI.getBytes(Charset.forName("UTF-32BE"))),
                Arguments.of("UTF-32LE", WHOAMI.getBytes(Charset.forName("UTF-32LE"))),
                Arguments.of("a duplicate method", bytes("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\",\"method\":"
                        + "\"tools/call\",\"params\":{\"name\":\"whoami\",\"arguments\":{}}}")),
                Arguments.of("a duplicate id", bytes("{\"jsonrpc\":\"2.0\",\"id\":7,\"id\":8,\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"whoami\",\"arguments\":{}}}")),
                Arguments.of("a duplicate tool name", bytes("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"slow\",\"name\":\"whoami\",\"arguments\":{}}}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void aBodyThatIsNotExactlyOneUtf8JsonValue_isAParseErrorAndReachesNoTool(String what, byte[] body) {
        for (Map<String, String> headers : java.util.List.of(Map.of("Mcp-Session-Id", session), Map.<String, String>of())) {
            RawHttp.Response r = RawHttp.exchange(http.port(), RawHttp.post(http.port(), "/mcp", body, headers));
            assertThat(r.status()).as("%s: %s", what, r).isEqualTo(400);
            JsonNode error = r.json().path("error");
            assertThat(error.path("code").asInt()).as("%s: %s", what, r).isEqualTo(ErrorBodies.PARSE_ERROR);
            assertThat(error.path("message").asText()).startsWith("Parse error");
            assertThat(error.path("data").path("status").asInt()).isEqualTo(400);
        }
        assertThat(module.calls).as("calls that reached the tool").hasValue(0);
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                Arguments.of("whitespace around the message", bytes(" \t\r\n", WHOAMI, " \r\n\t ")),
                Arguments.of("a UTF-8 byte order mark (RFC 8259 allows ignoring it)", bytes(hex("EF BB BF"), WHOAMI)),
                Arguments.of("U+0080", whoamiWith(hex("C2 80"))),
                Arguments.of("U+07FF", whoamiWith(hex("DF BF"))),
                Arguments.of("U+0800", whoamiWith(hex("E0 A0 80"))),
                Arguments.of("U+D7FF", whoamiWith(hex("ED 9F BF"))),
                Arguments.of("U+E000", whoamiWith(hex("EE 80 80"))),
                Arguments.of("U+FFFF", whoamiWith(hex("EF BF BF"))),
                Arguments.of("U+10000", whoamiWith(hex("F0 90 80 80"))),
                Arguments.of("U+10FFFF", whoamiWith(hex("F4 8F BF BF"))),
                Arguments.of("an escaped NUL", whoamiWith("\\u0000".getBytes(StandardCharsets.US_ASCII))),
                Arguments.of("an escaped surrogate pair", whoamiWith("\\ud83d\\ude00".getBytes(StandardCharsets.US_ASCII))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void oneUtf8JsonValue_isServed(String what, byte[] body) {
        RawHttp.Response r = RawHttp.exchange(http.port(), RawHttp.post(http.port(), "/mcp", body,
                Map.of("Mcp-Session-Id", session)));
        assertThat(r.status()).as("%s: %s", what, r).isEqualTo(200);
        assertThat(r.json().path("result").path("structuredContent").path("client_id").asText()).as("%s", r)
                .isEqualTo("ip:127.0.0.1");
        assertThat(module.calls).hasValue(1);
    }
}
