package io.burrow.mcp.gemini.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burrow.mcp.core.BurrowException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ResponseHeaderTest {

    private static ResponseHeader parse(String s) {
        return ResponseHeader.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parse_readsStatusAndMeta() {
        assertThat(parse("20 text/gemini; lang=en")).isEqualTo(new ResponseHeader(20, "text/gemini; lang=en"));
        assertThat(parse("20")).isEqualTo(new ResponseHeader(20, ""));
        assertThat(parse("51 Not found!  ")).isEqualTo(new ResponseHeader(51, "Not found!"));
        assertThat(parse("27\ttext/plain").category()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "x0 a", "09 low", "70 high", "20text", "2 0", "ab"})
    void parse_rejectsMalformedHeaders(String header) {
        assertThatThrownBy(() -> parse(header)).isInstanceOf(BurrowException.class)
                .extracting(e -> ((BurrowException) e).code()).isEqualTo("PROTOCOL_ERROR");
    }

    @Test
    void parse_rejectsOverlongMetaAndInvalidUtf8() {
        assertThatThrownBy(() -> parse("20 " + "é".repeat(513))).hasMessageContaining("1024");
        assertThatThrownBy(() -> ResponseHeader.parse(new byte[] {'2', '0', ' ', (byte) 0xFF}))
                .hasMessageContaining("UTF-8");
    }

    @Test
    void mimeType_parsesParametersAndDenyPatterns() {
        MimeType m = MimeType.parse("Text/Gemini; charset=\"UTF-8\"; LANG=en,fr");
        assertThat(m.essence()).isEqualTo("text/gemini");
        assertThat(m.parameter("charset")).isEqualTo("UTF-8");
        assertThat(m.parameter("lang")).isEqualTo("en,fr");
        assertThat(m.matchesAny(java.util.List.of("text/*"))).isTrue();
        assertThat(m.matchesAny(java.util.List.of("image/*", "text/plain"))).isFalse();
        assertThat(MimeType.parse("")).isEqualTo(MimeType.DEFAULT);
        assertThat(MimeType.parse("nonsense")).isNull();
    }

    @Test
    void slowDown_parsesClampsAndDefaults() {
        assertThat(ResponseInterpreter.slowDownSeconds("30")).isEqualTo(30);
        assertThat(ResponseInterpreter.slowDownSeconds("2.5")).isEqualTo(3);
        assertThat(ResponseInterpreter.slowDownSeconds("100000")).isEqualTo(300);
        assertThat(ResponseInterpreter.slowDownSeconds("Infinity")).isEqualTo(300);
        assertThat(ResponseInterpreter.slowDownSeconds("NaN")).isEqualTo(60);
        assertThat(ResponseInterpreter.slowDownSeconds("-5")).isEqualTo(1);
        assertThat(ResponseInterpreter.slowDownSeconds("later")).isEqualTo(60);
    }

    @Test
    void textDecoding_fallsBackAndSurvivesACutCharacter() {
        byte[] utf8 = "Zürich".getBytes(StandardCharsets.UTF_8);
        assertThat(TextDecoding.decode(utf8, "bogus-charset", false)).isEqualTo(new TextDecoding.Decoded("Zürich", "utf-8"));
        byte[] cut = java.util.Arrays.copyOf(utf8, 2); // "Z" + half of "ü"
        assertThat(TextDecoding.decode(cut, null, true)).isEqualTo(new TextDecoding.Decoded("Z", "utf-8"));
        assertThat(TextDecoding.decode(new byte[] {(byte) 0xE9}, null, false).charset()).isEqualTo("iso-8859-1");
    }
}
