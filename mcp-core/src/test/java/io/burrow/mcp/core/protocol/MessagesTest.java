package io.burrow.mcp.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The one strict reading of a message that stdio and HTTP share: what is accepted is exactly what a
 * plain UTF-8 JSON reading gives (issue 12, defect 7 and its class: nothing dropped, guessed or chosen).
 */
final class MessagesTest {

    private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Object p : parts) {
            b.writeBytes(p instanceof byte[] raw ? raw : p.toString().getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    private static String refusal(byte[] b) {
        try {
            Messages.parse(b, 0, b.length);
        } catch (Messages.Malformed e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + new String(b, StandardCharsets.ISO_8859_1));
    }

    @Test
    void otherEncodingsThanUtf8_areRefusedNotGuessed() {
        for (String charset : new String[] {"UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE", "UTF-32LE"}) {
            assertThat(refusal(PING.getBytes(Charset.forName(charset)))).as(charset)
                    .matches("NUL byte at byte \\d+ \\(send JSON in UTF-8\\)|invalid UTF-8 at byte 0");
        }
        assertThat(refusal(bytes(PING, new byte[] {0}))).isEqualTo("NUL byte at byte " + PING.length()
                + " (send JSON in UTF-8)");
    }

    @Test
    void aMemberNamedTwice_isRefusedAtAnyDepth() {
        assertThat(refusal(bytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"ping\"}")))
                .isEqualTo("an object names a member twice");
        assertThat(refusal(bytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"a\","
                + "\"arguments\":{\"x\":{\"y\":1,\"y\":2}}}}"))).isEqualTo("an object names a member twice");
    }

    @Test
    void trailingContentAndInvalidUtf8_stayRefused() throws Exception {
        assertThat(refusal(bytes(PING, PING))).startsWith("more than one JSON value");
        assertThat(refusal(bytes(PING, "x"))).isEqualTo("not valid JSON");
        assertThat(refusal(bytes("{\"a\":\"", HexFormat.of().parseHex("C0AF"), "\"}"))).isEqualTo("invalid UTF-8 at byte 6");
        byte[] offset = bytes("xx", PING, "yy");
        assertThat(Messages.parse(offset, 2, PING.length()).path("method").asText()).isEqualTo("ping");
        assertThat(Messages.parse(bytes(HexFormat.of().parseHex("EFBBBF"), " ", PING, "\r\n"), 0, PING.length() + 6)
                .path("id").asInt()).isEqualTo(1);
    }

    @Test
    void escapedNulAndSameNamesInDifferentObjects_areFine() throws Exception {
        byte[] b = bytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":{\"a\":{\"x\":1},\"b\":{\"x\":\"\\u0000\"}}}");
        assertThat(Messages.parse(b, 0, b.length).at("/params/b/x").asText()).isEqualTo("\u0000");
    }
}
