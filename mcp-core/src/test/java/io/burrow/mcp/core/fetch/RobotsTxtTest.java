package io.burrow.mcp.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 9309's examples, each as written in the RFC, and the 1994 grammar it extends. */
final class RobotsTxtTest {

    private static boolean allowed(String robots, String agent, String path) {
        return RobotsTxt.parse(robots).decide(List.of(agent), path).allowed();
    }

    /** RFC 9309 §5.1, "Simple Example". */
    private static final String SIMPLE = """
            User-Agent: *
            Disallow: *.gif$
            Disallow: /example/
            Allow: /publications/

            User-Agent: foobot
            Disallow:/
            Allow:/example/page.html
            Allow:/example/allowed.gif

            User-Agent: barbot
            User-Agent: bazbot
            Disallow: /example/page.html

            User-Agent: quxbot

            EOF
            """;

    @ParameterizedTest
    @CsvSource({
        // the '*' group: no .gif, nothing under /example/, /publications/ allowed
        "otherbot, /logo.gif, false",
        "otherbot, /logo.gif?x, true",
        "otherbot, /example/, false",
        "otherbot, /example/page.html, false",
        "otherbot, /publications/, true",
        "otherbot, /index.html, true",
        // foobot: only two URLs
        "foobot, /example/page.html, true",
        "foobot, /example/allowed.gif, true",
        "foobot, /example/other.html, false",
        "foobot, /, false",
        "FooBot, /example/page.html, true",
        // barbot and bazbot: one URL disallowed, the '*' group does not apply to them
        "barbot, /example/page.html, false",
        "bazbot, /example/page.html, false",
        "barbot, /example/other.html, true",
        "bazbot, /logo.gif, true",
        // quxbot: an empty group allows everything
        "quxbot, /example/page.html, true",
        "quxbot, /logo.gif, true",
    })
    void rfc9309_5_1_simpleExample(String agent, String path, boolean expected) {
        assertThat(allowed(SIMPLE, agent, path)).as(agent + " " + path).isEqualTo(expected);
    }

    @Test
    void rfc9309_5_2_longestMatch() {
        String robots = """
                User-Agent: foobot
                Allow: /example/page/
                Disallow: /example/page/disallowed.gif
                """;
        assertThat(allowed(robots, "foobot", "/example/page/")).isTrue();
        assertThat(allowed(robots, "foobot", "/example/page/allowed.gif")).isTrue();
        assertThat(allowed(robots, "foobot", "/example/page/disallowed.gif")).isFalse();
        RobotsTxt.Decision d = RobotsTxt.parse(robots).decide(List.of("foobot"), "/example/page/disallowed.gif");
        assertThat(d.rule()).isEqualTo("Disallow: /example/page/disallowed.gif");
        assertThat(d.userAgent()).isEqualTo("foobot");
    }

    @Test
    void rfc9309_2_2_1_groupsForTheSameAgentAreCombined() {
        String robots = """
                user-agent: ExampleBot
                disallow: /foo
                disallow: /bar

                user-agent: ExampleBot
                disallow: /baz
                """;
        for (String p : List.of("/foo", "/bar", "/baz")) {
            assertThat(allowed(robots, "examplebot", p)).as(p).isFalse();
        }
        assertThat(allowed(robots, "examplebot", "/qux")).isTrue();
    }

    @Test
    void rfc9309_2_2_1_noMatchingGroupAndNoStar_allowsEverything() {
        assertThat(allowed("user-agent: otherbot\ndisallow: /\n", "burrow", "/x")).isTrue();
        assertThat(allowed("", "burrow", "/x")).isTrue();
        assertThat(allowed("disallow: /\n", "burrow", "/x")).as("a rule before any user-agent line").isTrue();
    }

    @Test
    void rfc9309_2_2_1_productTokenIsMatchedCaseInsensitively_onItsLeadingCharacters() {
        assertThat(allowed("User-agent: ExampleBot/1.1 (https://example.org)\nDisallow: /\n", "EXAMPLEBOT", "/a"))
                .isFalse();
    }

    @Test
    void rfc9309_2_2_2_allowWinsATie_andAnEmptyRuleMatchesNothing() {
        assertThat(allowed("user-agent: *\nallow: /folder\ndisallow: /folder\n", "x", "/folder/page")).isTrue();
        assertThat(allowed("user-agent: *\ndisallow: /folder\nallow: /folder\n", "x", "/folder/page")).isTrue();
        assertThat(allowed("user-agent: *\ndisallow:\n", "x", "/anything")).isTrue();
    }

    @Test
    void rfc9309_2_2_2_percentEncodingTable() {
        // the rule's path and the URL's path are compared in one percent-encoded form
        assertThat(allowed("user-agent: *\ndisallow: /foo/bar?baz=quz\n", "x", "/foo/bar?baz=quz")).isFalse();
        assertThat(allowed("user-agent: *\ndisallow: /foo/bar?baz=https://foo.bar\n", "x",
                "/foo/bar?baz=https://foo.bar")).isFalse();
        assertThat(allowed("user-agent: *\ndisallow: /foo/bar?baz=https%3A%2F%2Ffoo.bar\n", "x",
                "/foo/bar?baz=https%3A%2F%2Ffoo.bar")).isFalse();
        assertThat(allowed("user-agent: *\ndisallow: /foo/bar/\u30C4\n", "x", "/foo/bar/%E3%83%84")).isFalse();
        assertThat(allowed("user-agent: *\ndisallow: /foo/bar/%E3%83%84\n", "x", "/foo/bar/\u30C4")).isFalse();
        assertThat(allowed("user-agent: *\ndisallow: /foo/bar/%e3%83%84\n", "x", "/foo/bar/%E3%83%84")).isFalse();
        assertThat(allowed("user-agent: *\ndisallow: /foo/bar/%62%61%7A\n", "x", "/foo/bar/baz")).isFalse();
        assertThat(allowed("user-agent: *\ndisallow: /foo/bar/baz\n", "x", "/foo/bar/%62%61%7A")).isFalse();
    }

    @Test
    void rfc9309_2_2_3_specialCharacters() {
        // '#' starts a comment
        assertThat(allowed("user-agent: * # all\ndisallow: / # comment in line\n# comment at the end", "x", "/a"))
                .isFalse();
        // '$' ends the pattern
        String exact = "user-agent: *\ndisallow: /this/path/exactly$\n";
        assertThat(allowed(exact, "x", "/this/path/exactly")).isFalse();
        assertThat(allowed(exact, "x", "/this/path/exactly/not")).isTrue();
        // '*' any number of characters
        String star = "user-agent: *\ndisallow: /this/*/exactly\n";
        assertThat(allowed(star, "x", "/this/a/b/exactly")).isFalse();
        assertThat(allowed(star, "x", "/this//exactly")).isFalse();
        assertThat(allowed(star, "x", "/this/exactly")).isTrue();
        // the characters themselves are written percent-encoded in rules
        assertThat(allowed("user-agent: *\ndisallow: /path/file-with-a-%2A.html\n", "x", "/path/file-with-a-*.html"))
                .isFalse();
        assertThat(allowed("user-agent: *\ndisallow: /path/file-with-a-%24.html\n", "x", "/path/file-with-a-$.html"))
                .isFalse();
        assertThat(allowed("user-agent: *\ndisallow: /path/file-with-a-%23.html\n", "x", "/path/file-with-a-%23.html"))
                .isFalse();
    }

    @Test
    void rfc9309_2_2_2_robotsTxtItselfIsAlwaysAllowed() {
        assertThat(allowed("user-agent: *\ndisallow: /\n", "x", "/robots.txt")).isTrue();
        assertThat(allowed("user-agent: *\ndisallow: /\n", "x", "/")).isFalse();
    }

    @Test
    void rfc9309_2_2_keysAreCaseInsensitive_withSpacesAndCrLfOrCrLineEnds() {
        assertThat(allowed("USER-AGENT : *\r\nDISALLOW : /x\r\n", "a", "/x/y")).isFalse();
        assertThat(allowed("User-agent: *\rDisallow: /x\r", "a", "/x/y")).isFalse();
        assertThat(allowed("\uFEFFUser-agent: *\nDisallow: /x\n", "a", "/x/y")).as("byte order mark").isFalse();
    }

    @Test
    void grammar1994_prefixesAndSeveralAgents() {
        String robots = """
                # robots.txt for http://www.example.com/
                User-agent: *
                Disallow: /cyberworld/map/ # This is an infinite virtual URL space
                Disallow: /tmp/ # these will soon disappear

                User-agent: cybermapper
                Disallow:
                """;
        assertThat(allowed(robots, "x", "/cyberworld/map/index.html")).isFalse();
        assertThat(allowed(robots, "x", "/tmp/a")).isFalse();
        assertThat(allowed(robots, "x", "/cyberworld/index.html")).isTrue();
        assertThat(allowed(robots, "cybermapper", "/cyberworld/map/index.html")).isTrue();
    }

    @Test
    void severalTokens_combineTheirGroups_andTheStarGroupIsOnlyAFallback() {
        String robots = """
                User-agent: *
                Disallow: /private/

                User-agent: GPTBot
                Disallow: /essays/

                User-agent: burrow
                Disallow: /drafts/
                """;
        RobotsTxt r = RobotsTxt.parse(robots);
        List<String> agents = List.of("burrow", "gptbot");
        assertThat(r.decide(agents, "/essays/a").allowed()).isFalse();
        assertThat(r.decide(agents, "/drafts/a").allowed()).isFalse();
        assertThat(r.decide(agents, "/private/a").allowed()).isTrue();
        assertThat(r.decide(List.of("other"), "/private/a").allowed()).isFalse();
        assertThat(r.decide(agents, "/essays/a").userAgent()).isEqualTo("gptbot");
    }
}
