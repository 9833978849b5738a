package io.burrow.mcp.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where setting values come from, lowest precedence first: defaults (from {@link Setting}), an
 * optional config file (Java properties; keys are canonical keys or environment variable names),
 * environment variables, system properties, command-line flags.
 *
 * <p>Instances are immutable; tests build them with {@link #empty()} and the {@code with…} methods.
 */
public final class ConfigSources {

    private final Map<String, String> file;
    private final Map<String, String> env;
    private final Map<String, String> system;
    private final Map<String, List<String>> flags;

    private ConfigSources(Map<String, String> file, Map<String, String> env, Map<String, String> system,
            Map<String, List<String>> flags) {
        this.file = Map.copyOf(file);
        this.env = Map.copyOf(env);
        this.system = Map.copyOf(system);
        this.flags = Map.copyOf(flags);
    }

    /** No sources: every setting takes its default. */
    public static ConfigSources empty() {
        return new ConfigSources(Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** The process environment and system properties, without a file or flags. */
    public static ConfigSources fromProcess() {
        Map<String, String> props = new LinkedHashMap<>();
        System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
        return new ConfigSources(Map.of(), System.getenv(), props, Map.of());
    }

    public ConfigSources withEnv(Map<String, String> env) {
        return new ConfigSources(file, env, system, flags);
    }

    public ConfigSources withSystemProperties(Map<String, String> system) {
        return new ConfigSources(file, env, system, flags);
    }

    /** Flag values by canonical key (the launcher maps flag names to keys). */
    public ConfigSources withFlags(Map<String, List<String>> flags) {
        return new ConfigSources(file, env, system, flags);
    }

    public ConfigSources withFileValues(Map<String, String> file) {
        return new ConfigSources(file, env, system, flags);
    }

    /**
     * Reads a config file in Java properties format.
     *
     * @throws ConfigurationException if it cannot be read (the message names the file as given, nothing more)
     */
    public ConfigSources withFile(Path path) {
        Objects.requireNonNull(path, "path");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException(List.of("config file " + path + " cannot be read: "
                    + e.getClass().getSimpleName()));
        }
        Map<String, String> values = new LinkedHashMap<>();
        p.forEach((k, v) -> values.put(String.valueOf(k).trim(), String.valueOf(v).trim()));
        return withFileValues(values);
    }

    /**
     * The effective values of a setting, highest precedence first source that has it; an empty list
     * when no source sets it. Only flags may yield several values.
     */
    List<String> lookup(SettingDescriptor d) {
        List<String> fromFlags = flags.get(d.key());
        if (fromFlags != null && !fromFlags.isEmpty()) {
            return fromFlags;
        }
        for (Map<String, String> source : List.of(system, env)) {
            String v = source.get(source == env ? d.env() : d.key());
            if (v != null) {
                return List.of(v);
            }
        }
        String v = file.containsKey(d.key()) ? file.get(d.key()) : file.get(d.env());
        if (v != null) {
            return List.of(v);
        }
        return d.defaultValue().isEmpty() && !d.multiValued() ? new ArrayList<>() : List.of(d.defaultValue());
    }

    /** Where a value was found, for messages. */
    String origin(SettingDescriptor d) {
        if (flags.containsKey(d.key())) {
            return "flag " + d.flag();
        }
        if (system.containsKey(d.key())) {
            return "system property " + d.key();
        }
        if (env.containsKey(d.env())) {
            return "environment";
        }
        if (file.containsKey(d.key()) || file.containsKey(d.env())) {
            return "config file";
        }
        return "default";
    }
}
