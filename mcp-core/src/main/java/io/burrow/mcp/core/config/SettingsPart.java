package io.burrow.mcp.core.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record of {@link Setting}s that several {@link SettingsGroup}s share: a group embeds it as a
 * component (without {@code @Setting}) and its settings become the group's own, under the group's
 * prefixes. So one declaration serves {@code GOPHER_TIMEOUT_SECONDS} and {@code GEMINI_TIMEOUT_SECONDS}.
 *
 * <pre>{@code
 * @SettingsPart
 * public record NetworkSettings(
 *         @Setting(value = "Deadline of one {title} fetch, in seconds.", defaultValue = "30") int timeoutSeconds) {
 * }
 *
 * @SettingsGroup(prefix = "gopher", envPrefix = "GOPHER", title = "Gopher")
 * public record GopherSettings(NetworkSettings network,
 *         @Setting(value = "Most menu items returned.", defaultValue = "1000") int maxMenuItems) {
 * }
 * // settings: GOPHER_TIMEOUT_SECONDS (gopher.timeout-seconds), GOPHER_MAX_MENU_ITEMS (gopher.max-menu-items)
 * }</pre>
 *
 * <p>In the descriptions of a part's settings, and in the messages of exceptions its constructor
 * throws, {@code {ENV}} stands for the group's environment prefix ({@code GOPHER}), {@code {prefix}} for
 * its key prefix ({@code gopher}) and {@code {title}} for its title ({@code Gopher}). A part's
 * constraints are validated with the part, and its violations are reported under the group's names.
 * Parts do not nest, and their settings may not override {@link Setting#env()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SettingsPart {
}
