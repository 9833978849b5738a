package io.burrow.mcp.core.spi;

/**
 * Limits a resource read must respect.
 *
 * @param maxBytes the largest content to return (text is truncated at a character boundary, larger
 *     blobs are refused with {@code TOO_LARGE})
 */
public record ReadLimits(long maxBytes) {

    public ReadLimits {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be > 0");
        }
    }
}
