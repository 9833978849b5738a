package io.burrow.mcp.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burrow.mcp.core.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class GeminiUrlTest {

    @ParameterizedTest
    @CsvSource({
        "gemini://example.org, gemini://example.org/",
        "GEMINI://Example.ORG:1965/a, gemini://example.org/a",
        "gemini://example.org:1966/a?b=c#frag, gemini://example.org:1966/a?b=c",
        "gemini://example.org/a/./b/../c, gemini://example.org/a/c",
        "gemini://example.org./x, gemini://example.org/x",
        "gemini://bücher.example/ä?ö, gemini://xn--bcher-kva.example/%C3%A4?%C3%B6",
        "gemini://[2001:db8::1]:1970/, gemini://[2001:db8::1]:1970/",
        "gemini://example.org:/p, gemini://example.org/p",
    })
    void parse_canonicalises(String in, String canonical) {
        assertThat(GeminiUrl.parse(in).toString()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.org/", "example.org/", "gemini://", "gemini:///x", "gemini://u:p@example.org/",
        "gemini://example.org:0/", "gemini://example.org:65536/", "gemini://example.org:x/", "gemini://exa mple.org/",
        "gemini://example.org/\u0001", "gemini://ex%41mple.org/", "gemini://[::1/"})
    void parse_rejects(String url) {
        assertThatThrownBy(() -> GeminiUrl.parse(url)).isInstanceOf(InvalidRequestException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "gopher://example.org/1/, gopher_fetch, gopher_fetch",
        "HTTPS://example.org/, not the web, ",
        "zim://wikipedia/A/Gopher, zim_get, zim_get",
    })
    void parse_wrongScheme_namesTheToolToUse(String url, String hintPart, String tool) {
        assertThatThrownBy(() -> GeminiUrl.parse(url)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.getMessage() + " " + e.hint()).contains(hintPart);
            assertThat(e.details().get("use_tool")).isEqualTo(tool);
        });
    }

    @Test
    void parse_limitsTheRequestTo1024BytesWithCrlf() {
        String base = "gemini://example.org/";
        assertThat(GeminiUrl.parse(base + "a".repeat(1022 - base.length())).toString()).hasSize(1022);
        assertThatThrownBy(() -> GeminiUrl.parse(base + "a".repeat(1023 - base.length())))
                .hasMessageContaining("1022 bytes");
    }

    @Test
    void withInput_percentEncodesEverythingButUnreserved_andReplacesTheQuery() {
        GeminiUrl u = GeminiUrl.parse("gemini://example.org/search?old").withInput("a b+c/d?&=é~");
        assertThat(u.query()).isEqualTo("a%20b%2Bc%2Fd%3F%26%3D%C3%A9~");
        assertThat(u.withoutQuery().toString()).isEqualTo("gemini://example.org/search");
        assertThat(u.hostPort()).isEqualTo("example.org:1965");
    }

    @ParameterizedTest
    @CsvSource({
        "g, gemini://a.example/b/c/g",
        "./g, gemini://a.example/b/c/g",
        "g/, gemini://a.example/b/c/g/",
        "/g, gemini://a.example/g",
        "//g.example/x, gemini://g.example/x",
        "?y, gemini://a.example/b/c/d;p?y",
        "g?y, gemini://a.example/b/c/g?y",
        "#s, gemini://a.example/b/c/d;p?q",
        "'', gemini://a.example/b/c/d;p?q",
        "., gemini://a.example/b/c/",
        ".., gemini://a.example/b/",
        "../g, gemini://a.example/b/g",
        "../../../g, gemini://a.example/g",
        "https://x.example/, https://x.example/",
        "mailto:me@example.org, mailto:me@example.org",
    })
    void resolve_followsRfc3986(String ref, String expected) {
        assertThat(GeminiUrl.parse("gemini://a.example/b/c/d;p?q").resolve(ref)).isEqualTo(expected);
    }
}
