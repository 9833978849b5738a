package io.burrow.mcp.core.spi;

import java.util.Objects;

/**
 * A listed resource.
 *
 * @param uri its URI
 * @param name a short name
 * @param title a human title, or {@code null}
 * @param description a description, or {@code null}
 * @param mimeType its MIME type, or {@code null}
 * @param size its size in bytes, or {@code null}
 */
public record ResourceInfo(String uri, String name, String title, String description, String mimeType, Long size) {

    public ResourceInfo {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(name, "name");
    }
}
