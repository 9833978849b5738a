package io.burrow.mcp.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class ServerTextTest {

    @Test
    void line_removesControlBidiPrivateUseAndUnassigned() {
        String dirty = "a\u0000b\u0007c\u001Bd\u007Fe\u0085f\u202Eg\u2066h\u2069i\u200Ej\uE000k\uFEFFl\u0378m\uD800n";
        assertThat(ServerText.line(dirty)).isEqualTo("abcdefghijklmn");
    }

    @Test
    void keepsNoBreakSpaceCjkSpaceAndZwjEmoji() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // man ZWJ woman ZWJ girl
        String text = "price\u00A0100 \u3000東京 " + family + " \u0915\u094D\u200D\u0937 \u2764\uFE0F";
        assertThat(ServerText.line(text)).isEqualTo(text);
        assertThat(ServerText.body(text)).isEqualTo(text);
    }

    @Test
    void tagCharacters_areRemoved_exceptInAFlagSequence() {
        String smuggled = "hi" + new String(Character.toChars(0xE0069)) + new String(Character.toChars(0xE0067));
        assertThat(ServerText.line(smuggled)).isEqualTo("hi");
        StringBuilder england = new StringBuilder().appendCodePoint(0x1F3F4);
        for (int cp : new int[] {0xE0067, 0xE0062, 0xE0065, 0xE006E, 0xE0067, 0xE007F}) {
            england.appendCodePoint(cp);
        }
        assertThat(ServerText.line(england.toString())).isEqualTo(england.toString());
    }

    @Test
    void lineBreaks_areKeptInBodies_andBecomeSpacesInLines() {
        assertThat(ServerText.body("a\nb\tc\u2028d")).isEqualTo("a\nb\tc\nd");
        assertThat(ServerText.line("a\nb\tc\u2029d")).isEqualTo("a b c d");
        assertThat(ServerText.line(null)).isNull();
    }

    @Test
    void emojiNewerThanTheJdkTables_areKept() {
        String melting = new String(Character.toChars(0x1FAE0)); // Unicode 14
        assertThat(ServerText.line("x" + melting)).isEqualTo("x" + melting);
    }
}
