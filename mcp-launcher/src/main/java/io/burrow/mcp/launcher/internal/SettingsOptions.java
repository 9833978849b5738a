package io.burrow.mcp.launcher.internal;

import io.burrow.mcp.core.config.SettingDescriptor;
import io.burrow.mcp.core.config.SettingsCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Turns every setting of a {@link SettingsCatalog} into a command-line option (inherited by all
 * subcommands), and collects the values given on the command line by canonical key.
 */
public final class SettingsOptions {

    private SettingsOptions() {
    }

    /** Adds one option per setting to {@code spec}; call before adding subcommands. */
    public static void register(CommandSpec spec, SettingsCatalog catalog) {
        for (SettingDescriptor d : catalog.descriptors()) {
            String def = d.defaultValue().isEmpty() ? "" : " (default: " + (d.secret() ? "***" : d.defaultValue()) + ")";
            OptionSpec.Builder b = OptionSpec.builder(d.flags().toArray(String[]::new))
                    .description((d.description() + " [env " + d.env() + "]" + def).replace("%", "%%")) // picocli formats it
                    .paramLabel("<" + d.typeName().replace(' ', '-') + ">")
                    .scopeType(CommandLine.ScopeType.INHERIT)
                    .hidden(false);
            if (d.multiValued()) {
                b.type(List.class).auxiliaryTypes(String.class).arity("1");
            } else if (d.typeName().equals("boolean")) {
                b.type(String.class).arity("0..1").fallbackValue("true");
            } else {
                b.type(String.class).arity("1");
            }
            spec.addOption(b.build());
        }
    }

    /** The values given on the command line, by canonical setting key. */
    public static Map<String, List<String>> collect(ParseResult result, SettingsCatalog catalog) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (ParseResult pr = result; pr != null; pr = pr.subcommand()) {
            // an option given n times is matched n times, and each time its value is the list of all n values
            for (OptionSpec o : new java.util.LinkedHashSet<>(pr.matchedOptions())) {
                catalog.byFlag(o.longestName()).ifPresent(d -> {
                    Object v = o.getValue();
                    List<String> values = out.computeIfAbsent(d.key(), k -> new ArrayList<>());
                    if (v instanceof List<?> list) {
                        list.forEach(x -> values.add(String.valueOf(x)));
                    } else if (v != null) {
                        values.add(String.valueOf(v));
                    }
                });
            }
        }
        return out;
    }
}
