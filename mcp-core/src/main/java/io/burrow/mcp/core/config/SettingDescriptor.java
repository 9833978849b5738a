package io.burrow.mcp.core.config;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;

/**
 * Everything known about one setting: where it can be set and what it means. Used to bind values, to
 * build command-line flags and to write the configuration reference.
 *
 * @param groupTitle title of the {@link SettingsGroup}
 * @param key canonical key ({@code gopher.timeout-seconds}), also the system property and the config-file key
 * @param env environment variable ({@code GOPHER_TIMEOUT_SECONDS}), also accepted as a config-file key
 * @param flags command-line flags, the derived one first
 * @param type the Java type of the value
 * @param defaultValue default in textual form, empty when unset
 * @param description help text
 * @param secret whether values must never be echoed
 * @param multiValued whether the setting is a collection (a repeated flag adds values)
 */
public record SettingDescriptor(
        String groupTitle,
        String key,
        String env,
        List<String> flags,
        Type type,
        String defaultValue,
        String description,
        boolean secret,
        boolean multiValued,
        RecordComponent component) {

    public SettingDescriptor {
        flags = List.copyOf(flags);
    }

    /** The primary command-line flag. */
    public String flag() {
        return flags.get(0);
    }

    /** A short type name for help output: {@code int}, {@code list}, {@code path}… */
    public String typeName() {
        return Conversions.typeName(type);
    }
}
