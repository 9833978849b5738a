package io.burrow.mcp.core.config;

import io.burrow.mcp.core.BurrowException;
import java.util.List;

/**
 * Invalid settings. Carries every violation found, each naming the setting's environment variable,
 * its key and the offending value (unless the setting is secret), for example
 * {@code GOPHER_TIMEOUT_SECONDS must be greater than 0, was -5 (gopher.timeout-seconds)}.
 */
public final class ConfigurationException extends BurrowException {

    private static final long serialVersionUID = 1L;

    /** Code of configuration failures. */

    private final List<String> violations;

    public ConfigurationException(List<String> violations) {
        super(io.burrow.mcp.core.ErrorCodes.INVALID_CONFIGURATION, "Invalid configuration:\n  " + String.join("\n  ", violations));
        this.violations = List.copyOf(violations);
    }

    /** One line per violation. */
    public List<String> violations() {
        return violations;
    }
}
