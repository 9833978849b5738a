package io.burrow.mcp.zim.tools.internal;

import java.util.Objects;

/**
 * An outbound link of an {@link Article}, in document order (each occurrence).
 *
 * @param href the raw attribute ({@code href} of a link, {@code src} of an image or media source)
 * @param text the link's plain text (an image's {@code alt})
 * @param kind what it points at
 * @param path resolved final entry path for internal and media links; null when the target does not exist in
 *        the archive, and for external links (including external images)
 * @param mimeType the resolved target's MIME type, null when {@code path} is null
 */
public record Link(String href, String text, Kind kind, String path, String mimeType) {

    /** Checks the components. */
    public Link {
        Objects.requireNonNull(href, "href");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
    }

    /** What a link points at. */
    public enum Kind {
        /** Another entry of the archive (not media), or a relative link whose target is missing. */
        INTERNAL,
        /** An absolute URL outside the archive (http, https, ftp, gemini, gopher…). */
        EXTERNAL,
        /**
         * Images, audio, video: {@code img/src}, {@code source/src}, {@code audio/src}, {@code video/src}, or a link
         * whose resolved target's MIME type is {@code image/}, {@code audio/} or {@code video/}.
         */
        MEDIA
    }
}
