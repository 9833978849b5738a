package io.burrow.mcp.zim.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class HrefsTest {

    @Test
    void type_classifiesBySchemeAndShape() {
        assertThat(Hrefs.type("")).isEqualTo(Hrefs.Type.PLAIN);
        assertThat(Hrefs.type("#x")).isEqualTo(Hrefs.Type.PLAIN);
        assertThat(Hrefs.type("JavaScript:alert(1)")).isEqualTo(Hrefs.Type.PLAIN);
        assertThat(Hrefs.type("mailto:a@b")).isEqualTo(Hrefs.Type.PLAIN);
        assertThat(Hrefs.type("data:,x")).isEqualTo(Hrefs.Type.PLAIN);
        assertThat(Hrefs.type("HTTPS://e.org")).isEqualTo(Hrefs.Type.EXTERNAL);
        assertThat(Hrefs.type("gopher://e.org")).isEqualTo(Hrefs.Type.EXTERNAL);
        assertThat(Hrefs.type("//e.org/x")).isEqualTo(Hrefs.Type.EXTERNAL);
        assertThat(Hrefs.type("Help:Contents")).isEqualTo(Hrefs.Type.OTHER_SCHEME);
        assertThat(Hrefs.type("a/b:c")).isEqualTo(Hrefs.Type.RELATIVE);
        assertThat(Hrefs.type("./Help:Contents")).isEqualTo(Hrefs.Type.RELATIVE);
        assertThat(Hrefs.type("1:2")).isEqualTo(Hrefs.Type.RELATIVE);
    }

    @Test
    void clean_trimsAndDropsTabsAndNewlines() {
        assertThat(Hrefs.clean("  a\n/b\t.html ")).isEqualTo("a/b.html");
    }

    @Test
    void candidates_resolveWithUriSemantics() {
        assertThat(Hrefs.candidates("wiki/Foo.html", "Bar.html")).containsExactly("wiki/Bar.html");
        assertThat(Hrefs.candidates("wiki/Foo.html", "./a/../Bar.html#x")).containsExactly("wiki/Bar.html");
        assertThat(Hrefs.candidates("wiki/Foo.html", "../index.html")).containsExactly("index.html");
        assertThat(Hrefs.candidates("wiki/Foo.html", "/img/x.png")).containsExactly("img/x.png");
        assertThat(Hrefs.candidates("wiki/Foo.html", "?q=1")).containsExactly("wiki/Foo.html?q=1", "wiki/Foo.html");
        assertThat(Hrefs.candidates("wiki/Foo.html", "../")).containsExactly("");
        assertThat(Hrefs.candidates("A/Foo", "../I/x.png")).containsExactly("I/x.png");
        assertThat(Hrefs.candidates("A/Foo", "../../I/x.png")).isEmpty();
        assertThat(Hrefs.candidates("index.html", "..")).isEmpty();
        assertThat(Hrefs.candidates("wiki/Foo.html", "Z%C3%BCrich%20(x).html")).containsExactly("wiki/Zürich (x).html");
    }
}
