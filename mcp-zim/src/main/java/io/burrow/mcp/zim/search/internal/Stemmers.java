package io.burrow.mcp.zim.search.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.ArabicStemmer;
import org.tartarus.snowball.ext.ArmenianStemmer;
import org.tartarus.snowball.ext.BasqueStemmer;
import org.tartarus.snowball.ext.CatalanStemmer;
import org.tartarus.snowball.ext.DanishStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.HungarianStemmer;
import org.tartarus.snowball.ext.IndonesianStemmer;
import org.tartarus.snowball.ext.IrishStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.LithuanianStemmer;
import org.tartarus.snowball.ext.NepaliStemmer;
import org.tartarus.snowball.ext.NorwegianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.RomanianStemmer;
import org.tartarus.snowball.ext.RussianStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;
import org.tartarus.snowball.ext.TamilStemmer;
import org.tartarus.snowball.ext.TurkishStemmer;

/**
 * Snowball stemmers for the languages Xapian 1.4 ships, chosen from a ZIM language code the way libzim does
 * ({@code icu::Locale(code).getLanguage()} then {@code Xapian::Stem}): ISO 639-2/3 codes map to ISO 639-1.
 */
public final class Stemmers {

    private Stemmers() {
    }

    private static final Map<String, Supplier<SnowballStemmer>> BY_ISO1 = Map.ofEntries(
            Map.entry("ar", ArabicStemmer::new), Map.entry("hy", ArmenianStemmer::new),
            Map.entry("eu", BasqueStemmer::new), Map.entry("ca", CatalanStemmer::new),
            Map.entry("da", DanishStemmer::new), Map.entry("nl", DutchStemmer::new),
            Map.entry("en", EnglishStemmer::new), Map.entry("fi", FinnishStemmer::new),
            Map.entry("fr", FrenchStemmer::new), Map.entry("de", GermanStemmer::new),
            Map.entry("hu", HungarianStemmer::new), Map.entry("id", IndonesianStemmer::new),
            Map.entry("ga", IrishStemmer::new), Map.entry("it", ItalianStemmer::new),
            Map.entry("lt", LithuanianStemmer::new), Map.entry("ne", NepaliStemmer::new),
            Map.entry("nb", NorwegianStemmer::new), Map.entry("nn", NorwegianStemmer::new),
            Map.entry("no", NorwegianStemmer::new), Map.entry("pt", PortugueseStemmer::new),
            Map.entry("ro", RomanianStemmer::new), Map.entry("ru", RussianStemmer::new),
            Map.entry("es", SpanishStemmer::new), Map.entry("sv", SwedishStemmer::new),
            Map.entry("ta", TamilStemmer::new), Map.entry("tr", TurkishStemmer::new));

    /** ISO 639-2 bibliographic codes that differ from the terminology ones Java knows. */
    private static final Map<String, String> BIBLIOGRAPHIC = Map.ofEntries(
            Map.entry("arm", "hy"), Map.entry("baq", "eu"), Map.entry("dut", "nl"), Map.entry("fre", "fr"),
            Map.entry("ger", "de"), Map.entry("rum", "ro"), Map.entry("gre", "el"), Map.entry("chi", "zh"),
            Map.entry("per", "fa"), Map.entry("cze", "cs"), Map.entry("slo", "sk"), Map.entry("ice", "is"),
            Map.entry("mac", "mk"), Map.entry("may", "ms"), Map.entry("wel", "cy"), Map.entry("alb", "sq"),
            Map.entry("bur", "my"), Map.entry("geo", "ka"), Map.entry("tib", "bo"));

    /** The ISO 639-1 code for a 2- or 3-letter language code (or the English name), or the input lower-cased. */
    public static String iso1(String code) {
        String c = code.trim().toLowerCase(Locale.ROOT);
        int sep = c.indexOf('_') >= 0 ? c.indexOf('_') : c.indexOf('-');
        if (sep > 0) {
            c = c.substring(0, sep);
        }
        if (c.length() == 3) {
            String b = BIBLIOGRAPHIC.get(c);
            if (b != null) {
                return b;
            }
            for (String iso : Locale.getISOLanguages()) {
                try {
                    if (new Locale(iso).getISO3Language().equals(c)) {
                        return iso;
                    }
                } catch (java.util.MissingResourceException e) {
                    // no 3-letter code for this language
                }
            }
        }
        if (c.equals("english")) {
            return "en";
        }
        return c;
    }

    /**
     * A stemmer for the language, or empty when Xapian has none (then libzim does not stem). The returned
     * function is thread-safe.
     */
    public static Optional<UnaryOperator<String>> forLanguage(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        Supplier<SnowballStemmer> s = BY_ISO1.get(iso1(code));
        if (s == null) {
            return Optional.empty();
        }
        ThreadLocal<SnowballStemmer> local = ThreadLocal.withInitial(s);
        Stem[] recent = new Stem[RECENT];
        return Optional.of(word -> {
            if (word.isEmpty()) {
                return word;
            }
            int slot = word.hashCode() & (RECENT - 1);
            Stem known = recent[slot];
            if (known != null && known.word.equals(word)) {
                return known.stem;
            }
            SnowballStemmer st = local.get();
            st.setCurrent(word);
            st.stem();
            String stem = st.getCurrent();
            recent[slot] = new Stem(word, stem); // (a racing thread may overwrite it: either pair is right)
            return stem;
        });
    }

    /**
     * Words stemmed lately, by the slot their hash picks (a newer word takes an older one's slot): the snippets of
     * every search stem the words of the same pages again, and a stem costs more than a look-up. At most
     * {@value #RECENT} pairs per stemmer; a pair is immutable, so threads share the table without locks.
     */
    private static final int RECENT = 1 << 14;

    private record Stem(String word, String stem) {
    }
}
