package io.burrow.mcp.core.spi;

import java.util.Objects;

/**
 * An advertised URI template. Variables are RFC 6570 {@code {name}} (one path segment) or
 * {@code {+name}} (anything, including {@code /}); the core matches reads against them that way.
 *
 * @param uriTemplate the template, e.g. {@code zim://{archive}/{+path}}
 * @param name a short name
 * @param title a human title, or {@code null}
 * @param description a description, or {@code null}
 * @param mimeType the MIME type of all matches, or {@code null} if it varies
 */
public record ResourceTemplateInfo(String uriTemplate, String name, String title, String description, String mimeType) {

    public ResourceTemplateInfo {
        Objects.requireNonNull(uriTemplate, "uriTemplate");
        Objects.requireNonNull(name, "name");
    }
}
