package io.burrow.mcp.zim.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The parser against Xapian 1.4.22 itself: {@code queryparser-1.4.22.tsv} holds what python3-xapian's
 * QueryParser returned for each query in libzim's three configurations (recorded with
 * scripts/zim/queryparser-expectations.py on the fixture's databases).
 */
final class QueryParserTest {

    private static final GlassDatabase FT = Fixtures.fulltext();
    private static final GlassDatabase TITLE = Fixtures.title();

    static Stream<Arguments> expectations() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                QueryParserTest.class.getResourceAsStream("/search/queryparser-1.4.22.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split("\t", -1);
                out.add(Arguments.of(f[0], f[1], f[2]));
            }
        }
        assertThat(out).hasSizeGreaterThan(300);
        return out.stream();
    }

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("expectations")
    void parse_describesLikeXapian(String config, String query, String expected) {
        QueryParser p;
        int flags = QueryParser.FLAG_DEFAULT;
        var en = Stemmers.forLanguage("eng").orElseThrow();
        switch (config) {
            case "fulltext" -> p = new QueryParser(en, QueryParser.Stem.ALL, null, FT::termExists);
            case "suggest" -> {
                p = new QueryParser(en, QueryParser.Stem.SOME, null, TITLE::termExists);
                flags |= QueryParser.FLAG_PARTIAL;
            }
            default -> p = new QueryParser(en, QueryParser.Stem.NONE, null, TITLE::termExists);
        }
        String got;
        try {
            got = XQuery.describe(p.parse(query, flags));
        } catch (QueryParser.QueryParserError e) {
            got = "ERROR " + e.getMessage();
        }
        assertThat(got).isEqualTo(expected);
    }

    @Test
    void stopwords_areDroppedFromGroupsButKeptWhenAlone() {
        var en = Stemmers.forLanguage("en").orElseThrow();
        QueryParser p = new QueryParser(en, QueryParser.Stem.ALL, w -> w.equals("the") || w.equals("of"), t -> false);
        assertThat(XQuery.describe(p.parse("the history of zim", QueryParser.FLAG_DEFAULT)))
                .isEqualTo("Query((histori@2 AND zim@4))");
        assertThat(XQuery.describe(p.parse("the", QueryParser.FLAG_DEFAULT))).isEqualTo("Query(the@1)");
        assertThat(XQuery.describe(p.parse("the of", QueryParser.FLAG_DEFAULT)))
                .as("a group of stop words only is kept").isEqualTo("Query((the@1 AND of@2))");
    }

    @Test
    void cjkNgrams_splitRunsIntoUnigramsAndBigrams() {
        QueryParser p = new QueryParser(null, QueryParser.Stem.NONE, null, t -> false);
        assertThat(XQuery.describe(p.parse("東京タワー", QueryParser.FLAG_CJK_NGRAM)))
                .isEqualTo("Query((東@1 AND 東京@1 AND 京@1 AND 京タ@1 AND タ@1 AND タワ@1 AND ワ@1 AND ワー@1 AND ー@1))");
    }
}
