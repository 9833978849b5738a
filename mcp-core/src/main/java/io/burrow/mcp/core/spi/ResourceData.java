package io.burrow.mcp.core.spi;

import java.util.Objects;

/**
 * The content of a resource: text or bytes, with its MIME type. Exactly one of {@code text} and
 * {@code blob} is set.
 *
 * @param uri the URI read
 * @param mimeType the MIME type
 * @param text the text, or {@code null}
 * @param blob the bytes, or {@code null}
 * @param cache how long clients may keep it ({@link CacheHint#NONE} unless the provider knows better)
 */
public record ResourceData(String uri, String mimeType, String text, byte[] blob, CacheHint cache) {

    public ResourceData {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(mimeType, "mimeType");
        if ((text == null) == (blob == null)) {
            throw new IllegalArgumentException("exactly one of text and blob must be set");
        }
        cache = cache == null ? CacheHint.NONE : cache;
    }

    public static ResourceData text(String uri, String mimeType, String text) {
        return new ResourceData(uri, mimeType, text, null, CacheHint.NONE);
    }

    public static ResourceData blob(String uri, String mimeType, byte[] blob) {
        return new ResourceData(uri, mimeType, null, blob, CacheHint.NONE);
    }

    /** The same content with this cache hint. */
    public ResourceData withCache(CacheHint hint) {
        return new ResourceData(uri, mimeType, text, blob, hint);
    }
}
