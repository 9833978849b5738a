package io.burrow.mcp.launcher.internal;

import io.burrow.mcp.core.config.SettingDescriptor;
import io.burrow.mcp.core.config.SettingsCatalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line of the common start, read without picocli: at most a command name first ({@code stdio}, as the
 * image and the bundle pass it), then nothing but settings flags ({@code --zim-dir /zims}, {@code --burrow-log-level=debug}) and {@code --config}.
 * Building picocli's model of every command and setting costs start-up some 170 classes and a few hundred
 * milliseconds of a cold JVM; a command line that is anything else (a command, help, an unknown or repeated
 * flag, a value that starts with a dash, an {@code @file}, {@code --}) is left to picocli, which parses or rejects
 * it as before.
 */
final class PlainArgs {

    /**
     * The command named first, if any; the flag values by setting key, as {@link SettingsOptions#collect} gives
     * them; the config file, if named.
     */
    record Parsed(Optional<String> command, Map<String, List<String>> flags, Optional<String> config) {
    }

    private PlainArgs() {
    }

    /** The parsed command line, or {@code null} if picocli must parse it. */
    static Parsed parse(String[] args, SettingsCatalog catalog) {
        Map<String, List<String>> flags = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        String config = null;
        String command = args.length > 0 && !args[0].startsWith("-") && !args[0].startsWith("@") ? args[0] : null;
        for (int i = command == null ? 0 : 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                return null;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            String value = eq < 0 ? null : arg.substring(eq + 1);
            if (name.equals("--config")) {
                if (value == null) {
                    if (i + 1 >= args.length || !plainValue(args[i + 1])) {
                        return null;
                    }
                    value = args[++i];
                }
                if (config != null) {
                    return null;
                }
                config = value;
                continue;
            }
            SettingDescriptor d = catalog.byFlag(name).orElse(null);
            if (d == null) {
                return null;
            }
            boolean bool = !d.multiValued() && d.typeName().equals("boolean");
            if (value == null) {
                if (bool) {
                    if (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                        return null; // picocli may take the next word as the value
                    }
                    value = "true";
                } else {
                    if (i + 1 >= args.length || !plainValue(args[i + 1])) {
                        return null;
                    }
                    value = args[++i];
                }
            }
            if (!d.multiValued() && !seen.add(d.key())) {
                return null; // picocli says the option should be given once
            }
            flags.computeIfAbsent(d.key(), k -> new ArrayList<>()).add(value);
        }
        return new Parsed(Optional.ofNullable(command), flags, Optional.ofNullable(config));
    }

    /** A word picocli certainly takes as an option's value. */
    private static boolean plainValue(String word) {
        return !word.startsWith("-") && !word.startsWith("@");
    }
}
