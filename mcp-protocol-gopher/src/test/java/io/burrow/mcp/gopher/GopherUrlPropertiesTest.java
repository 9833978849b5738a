package io.burrow.mcp.gopher;

import static org.assertj.core.api.Assertions.assertThat;

import io.burrow.mcp.core.BurrowException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

final class GopherUrlPropertiesTest {

    @Property(tries = 2000)
    void parse_anyText_throwsOnlyInvalidRequest(@ForAll("urlish") String text) {
        try {
            GopherUrl u = GopherUrl.parse(text);
            assertThat(u.port()).isBetween(1, 65535);
        } catch (BurrowException e) {
            assertThat(e.code()).isEqualTo("INVALID_REQUEST");
        }
    }

    @Property(tries = 2000)
    void parse_ofToUrl_roundTrips(@ForAll("urls") GopherUrl url) {
        GopherUrl back = GopherUrl.parse(url.toUrl(), new GopherUrl.Limits(65536, 65536, 65536));
        assertThat(back).isEqualTo(url);
        assertThat(back.cacheKey()).isEqualTo(url.cacheKey());
    }

    @Provide
    Arbitrary<String> urlish() {
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(60);
        Arbitrary<String> tail = Arbitraries.strings().withChars("/?#%09:@[]ab7.\t\u0000é").ofMaxLength(30);
        return Arbitraries.oneOf(any, tail.map(t -> "gopher://" + t), any.map(t -> "gopher://h/" + t),
                tail.map(t -> "gopher://h" + t));
    }

    @Provide
    Arbitrary<GopherUrl> urls() {
        Arbitrary<String> host = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12).map(s -> s + ".example"),
                Arbitraries.integers().between(0, 255).list().ofSize(4).map(l -> l.get(0) + "." + l.get(1) + "."
                        + l.get(2) + "." + l.get(3)),
                Arbitraries.of("::1", "2001:db8::7", "fe80::1"));
        Arbitrary<Integer> port = Arbitraries.integers().between(1, 65535);
        Arbitrary<Character> type = Arbitraries.chars().range('!', '~').filter(GopherUrl::validType);
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(40)
                .map(s -> s.codePoints().filter(c -> c >= 0x20 && c != 0x7F && !(c >= 0xD800 && c <= 0xDFFF))
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
        Arbitrary<String> search = text.injectNull(0.4);
        return Combinators.combine(host, port, type, text, search)
                .as((h, p, t, sel, s) -> new GopherUrl(h.indexOf(':') >= 0 ? h : h.toLowerCase(), p, t, sel,
                        t == '7' ? s : null));
    }
}
