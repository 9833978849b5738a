package io.burrow.mcp.core.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record as a group of settings. Each record component annotated with {@link Setting} is one
 * setting whose canonical key is {@code prefix + "." + kebab-case(component)}, whose environment
 * variable is {@code envPrefix + "_" + UPPER_SNAKE(component)} and whose command-line flag is
 * {@code "--" + prefix + "-" + kebab-case(component)}, each overridable per setting.
 *
 * <pre>{@code
 * @SettingsGroup(prefix = "gopher", envPrefix = "GOPHER", title = "Gopher")
 * public record GopherSettings(
 *         @Setting(value = "Deadline for one fetch, in seconds.", defaultValue = "30") @Positive @Max(300) int timeoutSeconds) {
 * }
 * }</pre>
 *
 * Constraints from Jakarta Validation on the components are checked at startup; every violation of
 * every group is reported at once.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SettingsGroup {

    /** Prefix of the canonical keys and of the flags, for example {@code gopher}. */
    String prefix();

    /** Prefix of the environment variables, for example {@code GOPHER}. */
    String envPrefix();

    /** A human title for help texts and the configuration reference. */
    String title();
}
