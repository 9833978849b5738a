package io.burrow.mcp.gopher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class GopherUrlTest {

    @Test
    void parse_rootForms_areTypeOneWithEmptySelector() {
        for (String u : new String[] {"gopher://Example.ORG", "gopher://example.org/", "GOPHER://example.org:70/",
                "gopher://example.org/1", "gopher://example.org#frag"}) {
            GopherUrl g = GopherUrl.parse(u);
            assertThat(g.host()).isEqualTo("example.org");
            assertThat(g.port()).isEqualTo(70);
            assertThat(g.type()).isEqualTo('1');
            assertThat(g.selector()).isEmpty();
            assertThat(g.search()).isNull();
        }
    }

    @Test
    void parse_typeAndSelector_fromPath() {
        GopherUrl g = GopherUrl.parse("gopher://gopher.floodgap.com:7070/0/gopher/proxy");
        assertThat(g.port()).isEqualTo(7070);
        assertThat(g.type()).isEqualTo('0');
        assertThat(g.selector()).isEqualTo("/gopher/proxy");
    }

    @Test
    void parse_searchWithQuestionMark_onlyForTypeSeven() {
        GopherUrl search = GopherUrl.parse("gopher://h/7/v2/vs?gopher+mcp%20x");
        assertThat(search.selector()).isEqualTo("/v2/vs");
        assertThat(search.search()).isEqualTo("gopher+mcp x"); // '+' stays a plus
        GopherUrl cgi = GopherUrl.parse("gopher://h/0/cgi-bin/x?a=1");
        assertThat(cgi.selector()).isEqualTo("/cgi-bin/x?a=1");
        assertThat(cgi.search()).isNull();
    }

    @Test
    void parse_searchWithEncodedTab_andGopherPlusStringIgnored() {
        GopherUrl g = GopherUrl.parse("gopher://h/7/search%09Z%C3%BCrich%09%2B");
        assertThat(g.selector()).isEqualTo("/search");
        assertThat(g.search()).isEqualTo("Zürich");
    }

    @Test
    void requestLine_sendsTabOnlyForTypeSeven() {
        assertThat(new String(GopherUrl.parse("gopher://h/7/s?q").requestLine(), StandardCharsets.UTF_8))
                .isEqualTo("/s\tq\r\n");
        assertThat(new String(GopherUrl.parse("gopher://h/7/s?").requestLine(), StandardCharsets.UTF_8))
                .isEqualTo("/s\t\r\n");
        assertThat(new String(GopherUrl.parse("gopher://h/0/s%09q").requestLine(), StandardCharsets.UTF_8))
                .isEqualTo("/s\r\n");
        assertThat(GopherUrl.parse("gopher://h/1/Z%C3%BCrich").requestLine())
                .isEqualTo("/Zürich\r\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parse_ipv6AndIdn() {
        GopherUrl v6 = GopherUrl.parse("gopher://[::1]:7070/1/");
        assertThat(v6.host()).isEqualTo("::1");
        assertThat(v6.toUrl()).isEqualTo("gopher://[::1]:7070/1/");
        assertThat(GopherUrl.parse("gopher://bücher.example/").host()).isEqualTo("xn--bcher-kva.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "http://example.org/", "gopher://", "gopher:///1/", "gopher://h:0/", "gopher://h:65536/",
        "gopher://h:7x/", "gopher://user@h/", "gopher://::1/", "gopher://[::1/", "gopher://h/0/a%00b",
        "gopher://h/7/s?a%0Db", "gopher://h/0/\u0001", "gopher://h/0/%FF%FE", "gopher://h/\u00e9x",
        "gopher://bad_host!/", "gopher://*.h/"})
    void parse_rejectsMalformed_withInvalidRequest(String url) {
        assertThatThrownBy(() -> GopherUrl.parse(url)).isInstanceOf(InvalidRequestException.class)
                .extracting(e -> ((BurrowException) e).code()).isEqualTo("INVALID_REQUEST");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "gemini://example.org/, gemini_fetch, gemini_fetch",
        "http://example.org/, not the web, ",
        "zim://wikipedia/A/Gopher, zim_get, zim_get",
    })
    void parse_wrongScheme_namesTheToolToUse(String url, String hintPart, String tool) {
        assertThatThrownBy(() -> GopherUrl.parse(url)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.getMessage() + " " + e.hint()).contains(hintPart);
            assertThat(e.details().get("use_tool")).isEqualTo(tool);
        });
    }

    @Test
    void parse_enforcesLengthLimits() {
        GopherUrl.Limits small = new GopherUrl.Limits(100, 5, 3);
        assertThat(GopherUrl.parse("gopher://h/0abcde", small).selector()).isEqualTo("abcde");
        assertThatThrownBy(() -> GopherUrl.parse("gopher://h/0abcdef", small)).hasMessageContaining("Selector");
        assertThatThrownBy(() -> GopherUrl.parse("gopher://h/7x?abcd", small)).hasMessageContaining("Search");
        assertThatThrownBy(() -> GopherUrl.parse("gopher://h/0" + "a".repeat(100), small)).hasMessageContaining("URL");
        // multi-byte characters count in UTF-8 bytes
        assertThatThrownBy(() -> GopherUrl.parse("gopher://h/0üüü", small)).hasMessageContaining("Selector");
    }

    @Test
    void cacheKey_canonicalisesEquivalentForms() {
        String root = GopherUrl.parse("gopher://h/").cacheKey();
        assertThat(GopherUrl.parse("gopher://H:70").cacheKey()).isEqualTo(root);
        assertThat(GopherUrl.parse("gopher://h/1").cacheKey()).isEqualTo(root);
        assertThat(GopherUrl.parse("gopher://h/1/").cacheKey()).isEqualTo(root);
        assertThat(GopherUrl.parse("gopher://h/0/a%62c").cacheKey()).isEqualTo(GopherUrl.parse("gopher://h/0/abc#x").cacheKey());
        assertThat(GopherUrl.parse("gopher://h/0/abc%09ignored").cacheKey()).isEqualTo(GopherUrl.parse("gopher://h/0/abc").cacheKey());
        assertThat(GopherUrl.parse("gopher://h/7/s?a").cacheKey()).isNotEqualTo(GopherUrl.parse("gopher://h/7/s?b").cacheKey());
        assertThat(GopherUrl.parse("gopher://h:71/").cacheKey()).isNotEqualTo(root);
        assertThat(GopherUrl.parse("gopher://h/0/docs").cacheKey()).isNotEqualTo(GopherUrl.parse("gopher://h/0/docs/").cacheKey());
    }

    @Test
    void toUrl_encodesWhatWouldChangeTheMeaning() {
        GopherUrl g = new GopherUrl("h", 70, '0', "/a b?c#d%e", null);
        assertThat(g.toUrl()).isEqualTo("gopher://h/0/a%20b%3Fc%23d%25e");
        assertThat(GopherUrl.parse(g.toUrl())).isEqualTo(g);
    }
}
