package io.burrow.mcp.core.spi;

import java.util.List;
import java.util.Objects;

/**
 * A rendered prompt: a description and the messages to put into the conversation.
 *
 * @param description what the rendered prompt is for, or {@code null}
 * @param messages the messages, in order
 */
public record PromptResult(String description, List<Message> messages) {

    public PromptResult {
        messages = List.copyOf(messages);
    }

    /** A prompt made of one user message with this text. */
    public static PromptResult ofUserText(String description, String text) {
        return new PromptResult(description, List.of(new Message(Role.USER, Content.text(text))));
    }

    /** Who speaks a message. */
    public enum Role { USER, ASSISTANT }

    /** One message of a prompt. */
    public record Message(Role role, Content content) {
        public Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
        }
    }
}
