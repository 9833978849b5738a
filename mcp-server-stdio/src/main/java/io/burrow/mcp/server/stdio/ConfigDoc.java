package io.burrow.mcp.server.stdio;

import io.burrow.mcp.core.config.SettingDescriptor;
import io.burrow.mcp.core.config.SettingsCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders the configuration reference (docs/configuration.md) from the settings annotations. */
public final class ConfigDoc {

    private ConfigDoc() {
    }

    /** The whole reference as Markdown. */
    public static String render(SettingsCatalog catalog) {
        StringBuilder s = new StringBuilder();
        s.append("# Configuration reference\n\n");
        s.append("<!-- Generated from the @Setting annotations by `config-doc`; do not edit by hand. -->\n\n");
        s.append("Every setting can be given, from lowest to highest precedence, as its default, in a config file ")
                .append("(Java properties; keys are the setting keys or the environment variable names; pass it with ")
                .append("`--config FILE` or `BURROW_CONFIG`), as an environment variable, as a Java system property ")
                .append("(`-Dkey=value`, key as below), or as a command-line flag. Lists are comma-separated; a ")
                .append("repeated flag adds values. Invalid values stop the server at startup with every violation ")
                .append("listed, each naming the environment variable, the key and the offending value.\n\n");
        Map<String, List<SettingDescriptor>> groups = new LinkedHashMap<>();
        for (SettingDescriptor d : catalog.descriptors()) {
            groups.computeIfAbsent(d.groupTitle(), k -> new java.util.ArrayList<>()).add(d);
        }
        groups.forEach((title, list) -> {
            s.append("## ").append(title).append("\n\n");
            s.append("| Environment variable | Flag | Key | Type | Default | Description |\n");
            s.append("|---|---|---|---|---|---|\n");
            for (SettingDescriptor d : list) {
                s.append("| `").append(d.env()).append("` | ");
                s.append(String.join(", ", d.flags().stream().map(f -> "`" + f + "`").toList()));
                s.append(" | `").append(d.key()).append("` | ").append(d.typeName().replace("|", " \\| ")).append(" | ");
                s.append(d.defaultValue().isEmpty() ? "—" : "`" + d.defaultValue() + "`").append(" | ");
                s.append(d.description().replace("|", "\\|")).append(" |\n");
            }
            s.append('\n');
        });
        return s.toString();
    }
}
