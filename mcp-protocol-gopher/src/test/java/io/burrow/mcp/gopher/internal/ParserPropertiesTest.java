package io.burrow.mcp.gopher.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.gopher.GopherResult.MenuItem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

final class ParserPropertiesTest {

    @Property(tries = 1000)
    void menuParser_neverThrows_andRespectsTheCap(@ForAll("bytes") byte[] data, @ForAll boolean cut,
            @ForAll @IntRange(min = 1, max = 50) int maxItems) {
        MenuParser.ParsedMenu m = MenuParser.parse(data, data.length, cut, maxItems);
        assertThat(m.items().size()).isLessThanOrEqualTo(maxItems);
        for (MenuItem i : m.items()) {
            assertThat(i.type()).hasSize(1);
            assertThat(i.port()).isBetween(0, 65535);
            assertThat(i.title()).doesNotContain("\r", "\n", "\t");
        }
    }

    @Property(tries = 1000)
    void textDecoder_neverThrows_andLeavesNoControlCharacters(@ForAll("bytes") byte[] data, @ForAll boolean cut,
            @ForAll @IntRange(min = 0, max = 100) int maxChars) {
        TextDecoder.Decoded d = TextDecoder.decode(data, data.length, cut, maxChars);
        assertThat(d.charset()).isIn("utf-8", "latin-1");
        assertThat(d.text().chars().noneMatch(c -> (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F
                || (c >= 0x80 && c <= 0x9F))).isTrue();
        if (maxChars > 0) {
            assertThat(d.text().length()).isLessThanOrEqualTo(maxChars);
        }
    }

    @Property(tries = 500)
    void mimeSniffing_neverThrows(@ForAll("bytes") byte[] data, @ForAll char type, @ForAll String selector) {
        assertThat(MimeTypes.guess(type, selector, data, data.length)).contains("/");
    }

    @Property(tries = 500)
    void menuLines_roundTripThroughTheParser(@ForAll("items") @Size(max = 20) List<MenuItem> items) {
        StringBuilder b = new StringBuilder();
        for (MenuItem i : items) {
            b.append(i.type()).append(i.title()).append('\t').append(i.selector()).append('\t').append(i.host())
                    .append('\t').append(i.port()).append("\r\n");
        }
        b.append(".\r\n");
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        List<MenuItem> parsed = MenuParser.parse(bytes, bytes.length, false, 1000).items();
        assertThat(parsed).hasSameSizeAs(items);
        for (int k = 0; k < items.size(); k++) {
            assertThat(parsed.get(k).type()).isEqualTo(items.get(k).type());
            assertThat(parsed.get(k).title()).isEqualTo(items.get(k).title());
            assertThat(parsed.get(k).selector()).isEqualTo(items.get(k).selector());
            assertThat(parsed.get(k).port()).isEqualTo(items.get(k).type().equals("i") ? 0 : items.get(k).port());
        }
    }

    @Property(tries = 500)
    void dotFraming_roundTrips(@ForAll("lines") List<String> lines) {
        StringBuilder framed = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (String l : lines) {
            framed.append(l.startsWith(".") ? "." + l : l).append("\r\n");
            expected.append(l).append('\n');
        }
        framed.append(".\r\n");
        byte[] b = framed.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(TextDecoder.decode(b, b.length, false, 0).text()).isEqualTo(expected.toString());
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> gopherish = Arbitraries.strings().withChars("0i17.\t\r\nab:/ü\u0000").ofMaxLength(200)
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(random, gopherish);
    }

    @Provide
    Arbitrary<List<MenuItem>> items() {
        Arbitrary<String> field = Arbitraries.strings().withCharRange(' ', '~').withChars("äö東").ofMaxLength(20)
                .filter(s -> !s.strip().equals("."));
        Arbitrary<String> type = Arbitraries.of("0", "1", "7", "9", "g", "I", "h", "i", "3");
        Arbitrary<String> host = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10);
        Arbitrary<Integer> port = Arbitraries.integers().between(1, 65535);
        return Combinators.combine(type, field, field, host, port)
                .as((t, title, sel, h, p) -> new MenuItem(t, title, sel, h, p, null, null)).list();
    }

    @Provide
    Arbitrary<List<String>> lines() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars("é\t").ofMaxLength(15).list().ofMaxSize(10);
    }
}
