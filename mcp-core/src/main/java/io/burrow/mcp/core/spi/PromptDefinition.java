package io.burrow.mcp.core.spi;

import java.util.List;
import java.util.Objects;

/**
 * A prompt template.
 *
 * @param name unique name
 * @param title human title, or {@code null}
 * @param description what it is for
 * @param arguments its arguments
 * @param handler renders the prompt from argument values
 */
public record PromptDefinition(String name, String title, String description, List<Argument> arguments,
        Handler handler) {

    public PromptDefinition {
        Objects.requireNonNull(name, "name");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(handler, "handler");
    }

    /** A prompt argument. */
    public record Argument(String name, String description, boolean required) {
    }

    /** Renders a prompt; throws {@link io.burrow.mcp.core.BurrowException} for bad arguments. */
    @FunctionalInterface
    public interface Handler {
        PromptResult render(PromptCall call);
    }
}
