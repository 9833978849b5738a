package io.burrow.mcp.core.spi;

import java.util.Map;

/** One {@code prompts/get}: the prompt's name and argument values, and the channels back to the client. */
public interface PromptCall extends RequestContext {

    /** The prompt's name. */
    String promptName();

    /** The argument values the client gave (required ones are present and not blank). */
    Map<String, String> arguments();
}
