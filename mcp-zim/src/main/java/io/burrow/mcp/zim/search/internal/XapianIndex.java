package io.burrow.mcp.zim.search.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * An embedded database with libzim's metadata decoded: the value-slot map, the stemmer for its language and the
 * stop words.
 */
public final class XapianIndex {

    private final GlassDatabase db;
    private final Map<String, Integer> valuesMap;
    private final UnaryOperator<String> stemmer;
    private final Predicate<String> stopper;
    private final String language;
    private final boolean fullPathData;
    private final com.github.benmanes.caffeine.cache.Cache<Long, String> data =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(20_000).build();

    /**
     * @param db the database
     * @param archiveLanguage the archive's {@code M/Language}, used when the database has no language
     */
    public XapianIndex(GlassDatabase db, Optional<String> archiveLanguage) {
        this.db = db;
        this.valuesMap = parseValuesMap(db.metadata("valuesmap"));
        String lang = db.metadata("language");
        if (lang.isEmpty()) {
            lang = archiveLanguage.orElse("");
        }
        this.language = lang;
        this.stemmer = Stemmers.forLanguage(lang).orElse(null);
        String stop = db.metadata("stopwords");
        if (stop.isEmpty()) {
            this.stopper = null;
        } else {
            Set<String> words = new HashSet<>();
            for (String w : stop.split("\n", -1)) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
            this.stopper = words::contains;
        }
        String data = db.metadata("data");
        this.fullPathData = data.isEmpty() || data.equals("fullPath");
    }

    static Map<String, Integer> parseValuesMap(String s) {
        Map<String, Integer> m = new HashMap<>();
        if (s.isEmpty()) {
            return m;
        }
        for (String part : s.split(";")) {
            int c = part.indexOf(':');
            if (c > 0) {
                try {
                    m.put(part.substring(0, c), Integer.parseInt(part.substring(c + 1).trim()));
                } catch (NumberFormatException e) {
                    // ignore a malformed pair, as libzim does
                }
            }
        }
        return m;
    }

    public GlassDatabase db() {
        return db;
    }

    public String language() {
        return language;
    }

    public UnaryOperator<String> stemmer() {
        return stemmer;
    }

    public Predicate<String> stopper() {
        return stopper;
    }

    /** The slot of a named value, or -1. */
    public int slot(String name) {
        return valuesMap.getOrDefault(name, -1);
    }

    public boolean hasValuesMap() {
        return !valuesMap.isEmpty();
    }

    /**
     * The entry path of a document as libzim's {@code SearchIterator::getPath}: the document data, without its
     * namespace prefix for new-scheme archives with {@code data=fullPath}.
     */
    public String path(long did, boolean newNamespaceScheme) {
        String data = documentData(did);
        if (newNamespaceScheme && fullPathData && data.length() >= 2) {
            return data.substring(2);
        }
        return data;
    }

    /** The namespace character of a document (first character of its data), or 0. */
    public char namespace(long did) {
        String data = documentData(did);
        return data.length() >= 2 && data.charAt(1) == '/' ? data.charAt(0) : 0;
    }

    /** Document data, cached (it is read for every result and by filters). */
    public String documentData(long did) {
        return data.get(did, db::documentData);
    }

    /** A query parser configured like libzim's full-text searcher. */
    public QueryParser parser(QueryParser.Stem strategy) {
        return new QueryParser(stemmer, strategy, stopper, db::termExists);
    }
}
