package io.burrow.mcp.zim.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lucene's Snowball stemmers against Xapian 1.4.22's on recorded vocabularies ({@code stems/LANG.tsv.gz}, made
 * with scripts/zim/stemmer-expectations.py): English from the fixture pages and the Python documentation, the
 * other languages from Debian's word lists.
 */
final class StemmersTest {

    static List<String[]> pairs(String lang) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                StemmersTest.class.getResourceAsStream("/search/stems/" + lang + ".tsv.gz")), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line.split("\t", -1));
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr", "de", "es", "it", "pt"})
    void snowball_stemsLikeXapian(String lang) throws IOException {
        UnaryOperator<String> stem = Stemmers.forLanguage(lang).orElseThrow();
        List<String[]> pairs = pairs(lang);
        List<String> diffs = new ArrayList<>();
        for (String[] p : pairs) {
            String got = stem.apply(p[0]);
            if (!got.equals(p[1])) {
                diffs.add(p[0] + " -> xapian " + p[1] + ", lucene " + got);
            }
        }
        System.err.println(lang + ": " + pairs.size() + " words, " + diffs.size() + " differ "
                + diffs.subList(0, Math.min(20, diffs.size())));
        assertThat(pairs).hasSizeGreaterThan(5000);
        assertThat(diffs).isEmpty();
    }

    @Test
    void languageCodes_mapLikeIcu() {
        assertThat(Stemmers.iso1("eng")).isEqualTo("en");
        assertThat(Stemmers.iso1("fra")).isEqualTo("fr");
        assertThat(Stemmers.iso1("fre")).isEqualTo("fr");
        assertThat(Stemmers.iso1("deu")).isEqualTo("de");
        assertThat(Stemmers.iso1("ger")).isEqualTo("de");
        assertThat(Stemmers.iso1("en_US")).isEqualTo("en");
        assertThat(Stemmers.forLanguage("eng").orElseThrow().apply("running")).isEqualTo("run");
        assertThat(Stemmers.forLanguage("zho")).isEmpty();
        assertThat(Stemmers.forLanguage("")).isEmpty();
        assertThat(Stemmers.iso1("heb")).isEqualTo("he"); // a language Xapian does not stem: found through the locales
    }

    @Test
    void stemmedLanguages_threeLetterCodesAreThoseOfJavasLocales_andEachHasAStemmer() {
        Stemmers.STEMMED_ISO3.forEach((iso3, iso1) -> {
            assertThat(Stemmers.byLocale(iso3)).as(iso3).isEqualTo(iso1);
            assertThat(Stemmers.newStemmer(iso1)).as(iso1).isNotNull();
            assertThat(Stemmers.forLanguage(iso3)).as(iso3).isPresent();
        });
        assertThat(Stemmers.newStemmer("zh")).isNull();
    }
}
