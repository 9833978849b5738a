package io.burrow.mcp.core.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One setting: a component of a {@link SettingsGroup} record.
 *
 * <p>Supported component types: {@code String}, {@code boolean}, {@code int}, {@code long},
 * {@code double} (and their boxes), {@link java.nio.file.Path}, enums (case-insensitive, {@code -}
 * for {@code _}), and {@code List}/{@code Set} of {@code String}, {@code Integer} or {@code Path}
 * (comma-separated; a repeated flag adds values). An empty value leaves a non-primitive setting
 * {@code null}, or an empty collection.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Setting {

    /** Description for help texts and the configuration reference. */
    String value();

    /** Default value in the same textual form as the environment variable; empty means unset. */
    String defaultValue() default "";

    /** Overrides the derived environment variable name. */
    String env() default "";

    /** Extra flag names (for example {@code --zim-dir}) besides the derived one. */
    String[] aliases() default {};

    /** A secret is never echoed in messages or help output. */
    boolean secret() default false;
}
