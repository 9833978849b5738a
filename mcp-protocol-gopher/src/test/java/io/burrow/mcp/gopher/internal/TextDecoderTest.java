package io.burrow.mcp.gopher.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class TextDecoderTest {

    static TextDecoder.Decoded decode(byte[] b) {
        return TextDecoder.decode(b, b.length, false, 0);
    }

    static TextDecoder.Decoded decode(String s) {
        return decode(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unframedCapture_keepsLoneDotLinesVerbatim() throws IOException {
        TextDecoder.Decoded d = decode(MenuParserTest.raw("05-text-dotline.raw"));
        assertThat(d.text()).isEqualTo("First line of the dot test.\n.\nThe previous line is a single dot; a client must "
                + "not stop there\n..\nThis line follows a double dot.\nLast line.\n");
        assertThat(d.charset()).isEqualTo("utf-8");
        assertThat(d.truncated()).isFalse();
    }

    @Test
    void utf8Capture_isDecodedAsUtf8() throws IOException {
        TextDecoder.Decoded d = decode(MenuParserTest.raw("04-text-utf8.raw"));
        assertThat(d.charset()).isEqualTo("utf-8");
        assertThat(d.text()).contains("Zürich", "Москва", "東京").doesNotContain("\r");
    }

    @Test
    void crlfCapture_becomesLf() throws IOException {
        assertThat(decode(MenuParserTest.raw("06-text-crlf.raw")).text())
                .isEqualTo("Line one with CRLF\nLine two with CRLF\nLine three with CRLF\n");
    }

    @Test
    void framedText_dropsTerminatorAndUndoesDotStuffing() {
        assertThat(decode("a\r\n..b\r\n.\r\n").text()).isEqualTo("a\n.b\n");
        assertThat(decode(".\r\n").text()).isEmpty();
        assertThat(decode("a\n.").text()).isEqualTo("a\n");
        // not framed: the last line is not a lone dot, so nothing is undone
        assertThat(decode("..b\nend.\n").text()).isEqualTo("..b\nend.\n");
    }

    @Test
    void cutText_isNeverFramed() {
        byte[] b = "a\n..b\n.\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(TextDecoder.decode(b, b.length, true, 0).text()).isEqualTo("a\n..b\n.\n");
        assertThat(TextDecoder.decode(b, b.length, true, 0).truncated()).isTrue();
    }

    @Test
    void invalidUtf8_fallsBackToLatin1() {
        TextDecoder.Decoded d = decode(new byte[] {'c', 'a', 'f', (byte) 0xE9});
        assertThat(d.charset()).isEqualTo("latin-1");
        assertThat(d.text()).isEqualTo("café");
    }

    @Test
    void utf8SequenceCutByTheCap_isNotLatin1() {
        byte[] b = "ab東".getBytes(StandardCharsets.UTF_8);
        TextDecoder.Decoded d = TextDecoder.decode(b, b.length - 1, true, 0);
        assertThat(d.charset()).isEqualTo("utf-8");
        assertThat(d.text()).isEqualTo("ab");
    }

    @Test
    void controlCharacters_areRemovedButTabsKept() {
        assertThat(decode("a\u0000b\tc\u001b[31md\u007fe\u0085f\rg").text()).isEqualTo("ab\tc[31mdef\ng");
    }

    @Test
    void renderCap_truncatesWithoutSplittingSurrogates() {
        byte[] b = "ab😀cd".getBytes(StandardCharsets.UTF_8);
        TextDecoder.Decoded d = TextDecoder.decode(b, b.length, false, 3);
        assertThat(d.text()).isEqualTo("ab");
        assertThat(d.truncated()).isTrue();
        assertThat(TextDecoder.decode(b, b.length, false, 100).truncated()).isFalse();
    }
}
