package io.burrow.mcp.core.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Completions for the arguments of a prompt ({@code ref/prompt}) or the variables of a resource
 * template ({@code ref/resource}).
 *
 * @param promptName the prompt, or {@code null}
 * @param uriTemplate the resource template, or {@code null}
 * @param handler computes candidate values
 */
public record CompletionDefinition(String promptName, String uriTemplate, Handler handler) {

    public CompletionDefinition {
        if ((promptName == null) == (uriTemplate == null)) {
            throw new IllegalArgumentException("exactly one of promptName and uriTemplate must be set");
        }
        Objects.requireNonNull(handler, "handler");
    }

    public static CompletionDefinition forPrompt(String promptName, Handler handler) {
        return new CompletionDefinition(promptName, null, handler);
    }

    public static CompletionDefinition forResourceTemplate(String uriTemplate, Handler handler) {
        return new CompletionDefinition(null, uriTemplate, handler);
    }

    /** Computes completions. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param argument the argument or variable being completed
         * @param prefix what the user typed so far
         * @param context values of other arguments already chosen
         * @return candidates, best first; the core keeps the first 100
         */
        List<String> complete(String argument, String prefix, Map<String, String> context);
    }
}
