package io.burrow.mcp.core.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the robots.txt parser and matcher over generated input. */
final class RobotsTxtPropertiesTest {

    @Property(tries = 1000)
    void parseAndDecide_neverThrow_onArbitraryText(@ForAll String text, @ForAll String agent, @ForAll String path) {
        RobotsTxt r = RobotsTxt.parse(text);
        r.decide(List.of(agent, "burrow"), path);
        r.decide(List.of(), "/" + path);
    }

    @Property(tries = 1000)
    void parseAndDecide_neverThrow_onRobotsLikeText(@ForAll("robotsLines") List<String> lines,
            @ForAll("paths") String path) {
        RobotsTxt.parse(String.join("\n", lines)).decide(List.of("burrow", "gptbot"), path);
    }

    @Property(tries = 1000)
    void parse_neverThrows_onArbitraryBytes(@ForAll byte[] bytes) {
        RobotsTxt.parse(bytes, bytes.length).decide(List.of("x"), "/");
    }

    /**
     * Rules within a group and groups within the file may come in any order (each group has a rule, so
     * that moving it does not merge its user-agent line into the next group's).
     */
    @Property(tries = 1000)
    void reorderingRulesAndGroups_givesTheSameDecisions(@ForAll("groups") List<List<String>> groups,
            @ForAll("pathLists") List<String> paths, @ForAll long seed) {
        Random random = new Random(seed);
        List<List<String>> shuffled = new ArrayList<>();
        for (List<String> g : groups) {
            List<String> rules = new ArrayList<>(g.subList(1, g.size()));
            Collections.shuffle(rules, random);
            List<String> copy = new ArrayList<>();
            copy.add(g.get(0));
            copy.addAll(rules);
            shuffled.add(copy);
        }
        Collections.shuffle(shuffled, random);
        RobotsTxt original = RobotsTxt.parse(render(groups));
        RobotsTxt reordered = RobotsTxt.parse(render(shuffled));
        for (String agent : List.of("burrow", "gptbot", "other")) {
            for (String p : paths) {
                assertThat(reordered.decide(List.of(agent), p).allowed()).as(agent + " " + p)
                        .isEqualTo(original.decide(List.of(agent), p).allowed());
            }
        }
    }

    @Property(tries = 500)
    void robotsTxt_isAlwaysAllowed(@ForAll("robotsLines") List<String> lines) {
        assertThat(RobotsTxt.parse(String.join("\n", lines)).decide(List.of("burrow"), "/robots.txt").allowed())
                .isTrue();
    }

    @Property(tries = 500)
    void aPathDisallowedByItsOwnExactRule_isDisallowed(@ForAll("paths") String path) {
        RobotsTxt r = RobotsTxt.parse("user-agent: *\ndisallow: " + path.replace("*", "%2A").replace("$", "%24")
                + "$\n");
        assertThat(r.decide(List.of("x"), path).allowed()).as(path).isEqualTo(path.equals("/robots.txt"));
    }

    private static String render(List<List<String>> groups) {
        StringBuilder b = new StringBuilder();
        for (List<String> g : groups) {
            b.append("User-agent: ").append(g.get(0)).append('\n');
            for (int i = 1; i < g.size(); i++) {
                b.append(g.get(i)).append('\n');
            }
            b.append('\n');
        }
        return b.toString();
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.strings().withChars("/ab.?=*$%2Aé").ofMinLength(0).ofMaxLength(12).map(s -> "/" + s);
    }

    @Provide
    Arbitrary<List<String>> pathLists() {
        return paths().list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.strings().withChars("/ab.?=*%2Aé").ofMinLength(0).ofMaxLength(8)
                .flatMap(s -> Arbitraries.of("", "$").map(end -> "/" + s + end));
    }

    @Provide
    Arbitrary<String> rule() {
        return Combinators.combine(Arbitraries.of("Allow: ", "Disallow: "), patterns()).as(String::concat);
    }

    @Provide
    Arbitrary<List<List<String>>> groups() {
        Arbitrary<List<String>> group = Combinators.combine(Arbitraries.of("*", "burrow", "gptbot", "foobot"),
                rule().list().ofMinSize(1).ofMaxSize(6)).as((agent, rules) -> {
                    List<String> g = new ArrayList<>();
                    g.add(agent);
                    g.addAll(rules);
                    return g;
                });
        return group.list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<String>> robotsLines() {
        Arbitrary<String> line = Arbitraries.oneOf(rule(),
                Arbitraries.of("User-agent: *", "User-agent: burrow", "user-agent:", "# c", "", "Sitemap: x",
                        "Crawl-delay: 5", "disallow", ":", "allow: *$", "disallow: $"),
                Arbitraries.strings().ofMaxLength(20));
        return line.list().ofMaxSize(20);
    }
}
