package io.burrow.mcp.core.spi;

import java.util.Objects;

/**
 * A content block of a tool result or a prompt message: text, an image, audio, an embedded resource
 * or a link to a resource. The core writes it in the wire form of the client's protocol revision.
 */
public sealed interface Content permits Content.Text, Content.Image, Content.Audio, Content.Resource,
        Content.ResourceLink {

    /** Plain or Markdown text. */
    static Content text(String text) {
        return new Text(text);
    }

    /** Text. */
    record Text(String text) implements Content {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** An image; {@code data} is the raw bytes (the core encodes them in base64). */
    record Image(String mimeType, byte[] data) implements Content {
        public Image {
            Objects.requireNonNull(mimeType, "mimeType");
            Objects.requireNonNull(data, "data");
        }
    }

    /** Audio; {@code data} is the raw bytes. */
    record Audio(String mimeType, byte[] data) implements Content {
        public Audio {
            Objects.requireNonNull(mimeType, "mimeType");
            Objects.requireNonNull(data, "data");
        }
    }

    /** A resource embedded with its content. */
    record Resource(ResourceData resource) implements Content {
        public Resource {
            Objects.requireNonNull(resource, "resource");
        }
    }

    /** A link to a resource the client may read with {@code resources/read}. */
    record ResourceLink(String uri, String name, String description, String mimeType) implements Content {
        public ResourceLink {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(name, "name");
        }
    }
}
