package io.burrow.mcp.zim.search.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.tartarus.snowball.SnowballStemmer;

/**
 * Snowball stemmers for the languages Xapian 1.4 ships, chosen from a ZIM language code the way libzim does
 * ({@code icu::Locale(code).getLanguage()} then {@code Xapian::Stem}): ISO 639-2/3 codes map to ISO 639-1.
 */
public final class Stemmers {

    private Stemmers() {
    }

    /**
     * The Snowball stemmer's name for an ISO 639-1 code, or {@code null} when Xapian has none. Stemmers are made by
     * name, so that only the one asked for is loaded: each is a large class, and code naming all 24 (a map of their
     * constructors, or a switch making them) loads every one of them when it is linked.
     */
    private static String stemmerName(String iso1) {
        return switch (iso1) {
            case "ar" -> "Arabic";
            case "hy" -> "Armenian";
            case "eu" -> "Basque";
            case "ca" -> "Catalan";
            case "da" -> "Danish";
            case "nl" -> "Dutch";
            case "en" -> "English";
            case "fi" -> "Finnish";
            case "fr" -> "French";
            case "de" -> "German";
            case "hu" -> "Hungarian";
            case "id" -> "Indonesian";
            case "ga" -> "Irish";
            case "it" -> "Italian";
            case "lt" -> "Lithuanian";
            case "ne" -> "Nepali";
            case "nb", "nn", "no" -> "Norwegian";
            case "pt" -> "Portuguese";
            case "ro" -> "Romanian";
            case "ru" -> "Russian";
            case "es" -> "Spanish";
            case "sv" -> "Swedish";
            case "ta" -> "Tamil";
            case "tr" -> "Turkish";
            default -> null;
        };
    }

    /** A new stemmer for an ISO 639-1 code, or {@code null} when Xapian has none. */
    static SnowballStemmer newStemmer(String iso1) {
        String name = stemmerName(iso1);
        if (name == null) {
            return null;
        }
        try {
            return (SnowballStemmer) Class.forName("org.tartarus.snowball.ext." + name + "Stemmer")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the Snowball stemmer for " + iso1 + " is missing", e);
        }
    }

    /**
     * The ISO 639-2/T codes of the languages Xapian stems, as Java's locales map them (what {@link #byLocale}
     * finds, without walking every locale for the usual codes).
     */
    static final Map<String, String> STEMMED_ISO3 = Map.ofEntries(
            Map.entry("ara", "ar"), Map.entry("hye", "hy"), Map.entry("eus", "eu"), Map.entry("cat", "ca"),
            Map.entry("dan", "da"), Map.entry("nld", "nl"), Map.entry("eng", "en"), Map.entry("fin", "fi"),
            Map.entry("fra", "fr"), Map.entry("deu", "de"), Map.entry("hun", "hu"), Map.entry("ind", "id"),
            Map.entry("gle", "ga"), Map.entry("ita", "it"), Map.entry("lit", "lt"), Map.entry("nep", "ne"),
            Map.entry("nor", "no"), Map.entry("nob", "nb"), Map.entry("nno", "nn"), Map.entry("por", "pt"),
            Map.entry("ron", "ro"), Map.entry("rus", "ru"), Map.entry("spa", "es"), Map.entry("swe", "sv"),
            Map.entry("tam", "ta"), Map.entry("tur", "tr"));

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
            String known = STEMMED_ISO3.getOrDefault(c, BIBLIOGRAPHIC.get(c));
            if (known != null) {
                return known;
            }
            String iso = byLocale(c);
            if (iso != null) {
                return iso;
            }
        }
        if (c.equals("english")) {
            return "en";
        }
        return c;
    }

    /** The ISO 639-1 code whose locale has {@code iso3} as its 3-letter code, or {@code null}. */
    static String byLocale(String iso3) {
        for (String iso : Locale.getISOLanguages()) {
            try {
                if (new Locale(iso).getISO3Language().equals(iso3)) {
                    return iso;
                }
            } catch (java.util.MissingResourceException e) {
                // no 3-letter code for this language
            }
        }
        return null;
    }

    /**
     * A stemmer for the language, or empty when Xapian has none (then libzim does not stem). The returned
     * function is thread-safe.
     */
    public static Optional<UnaryOperator<String>> forLanguage(String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String iso = iso1(code);
        if (stemmerName(iso) == null) {
            return Optional.empty();
        }
        ThreadLocal<SnowballStemmer> local = ThreadLocal.withInitial(() -> newStemmer(iso));
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
