package io.burrow.mcp.launcher.internal;

import io.burrow.mcp.core.config.SettingDescriptor;
import io.burrow.mcp.core.config.SettingsCatalog;
import io.burrow.mcp.core.net.AddressClass;
import io.burrow.mcp.core.net.NetworkRules;
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
        if (catalog.descriptors().stream().anyMatch(d -> d.env().endsWith("_ALLOW_METADATA_HOSTS"))) {
            hostPolicy(s);
        }
        if (catalog.descriptors().stream().anyMatch(d -> d.env().endsWith("_RESPECT_ROBOTS_TXT"))) {
            robots(s);
        }
        return s.toString();
    }

    /** How robots.txt is read and matched. */
    private static void robots(StringBuilder s) {
        s.append("## Robots.txt\n\n");
        s.append("On by default for Gopher (selector `robots.txt`) and Gemini (`/robots.txt`), read once per host and ")
                .append("port (at most ").append(io.burrow.mcp.core.fetch.RobotsTxt.MAX_BYTES).append(" bytes) and kept ")
                .append("for `*_ROBOTS_CACHE_TTL_SECONDS`; the read counts against the fetch's deadline and the host's ")
                .append("rate limit. The rules are RFC 9309's (`Allow` and `Disallow`, `*` and a final `$`, the longest ")
                .append("match wins, `Allow` on a tie; a superset of the 1994 grammar). The groups obeyed are those for ")
                .append("`burrow` and `gopher-mcp`, for Gemini also the companion specification's virtual agents ")
                .append("`indexer` and `webproxy`, and with `*_ROBOTS_HONOR_AI_TOKENS` those for AI crawlers (")
                .append(String.join(", ", io.burrow.mcp.core.fetch.RobotsGate.AI_TOKENS))
                .append("), combined; only when none of them is named, the `*` group. A Gopher selector is matched ")
                .append("both as a path (`/sel`) and as the URL's path (`/<type><selector>`, such as `/0/about.txt`). A disallowed URL is a ")
                .append("`BLOCKED_BY_ROBOTS` error quoting the rule (`error.rule`, `error.user_agent`). When robots.txt ")
                .append("cannot be read (Gemini: any status but 20 and 51), `*_ROBOTS_UNAVAILABLE` decides: Gopher ")
                .append("fetches anyway by default, Gemini refuses with `ROBOTS_UNAVAILABLE`; the failure is remembered ")
                .append("for `*_ROBOTS_FAILURE_BACKOFF_SECONDS`. A cached result is served without asking again.\n\n");
    }

    /** The rules of the host policy that no setting lists: the port denylist and the metadata addresses. */
    private static void hostPolicy(StringBuilder s) {
        s.append("## Host policy\n\n");
        s.append("Every Gopher and Gemini fetch passes the host policy before it connects: the name is resolved once and ")
                .append("every address checked. A refusal is a `BLOCKED` error whose `error.rule` names the rule that ")
                .append("matched (`denied_port`, `port_not_allowed`, `host_not_allowed`, `non_public_address`, ")
                .append("`metadata_address`, `never_allowed_address`); it never shows a resolved address.\n\n");
        s.append("### Dangerous ports\n\n");
        s.append("Never fetched, even with `*_ALLOW_LOCAL_HOSTS=true` or the port in `*_ALLOWED_PORTS`. They belong to ")
                .append("services that act on a single line of text, which is what a fetch sends (Redis, memcached, ")
                .append("ZooKeeper, mail), to remote shells, to databases, and to the control planes of containers and ")
                .append("clusters, where being reached means being taken over (Docker, etcd, the Kubernetes API server ")
                .append("and kubelet, Consul, Nomad, Vault). Gopher and Gemini servers live elsewhere (70, 7070, 1965). ")
                .append("Left out on purpose: DNS, health and metrics ports such as Consul's 8600 or kube-proxy's 10256 ")
                .append("(a fetch can change nothing there), and ports many unrelated services use (5000, 8080, 9000). ")
                .append("containerd and CRI-O listen on Unix sockets, which no fetch reaches.\n\n");
        s.append("| Port | Service |\n|---|---|\n");
        NetworkRules.DANGEROUS_PORT_SERVICES.forEach((port, service) ->
                s.append("| ").append(port).append(" | ").append(service).append(" |\n"));
        s.append('\n');
        s.append("### Cloud metadata addresses\n\n");
        s.append("Refused unless `*_ALLOW_METADATA_HOSTS=true`, which `*_ALLOW_LOCAL_HOSTS` does not imply: these ")
                .append("endpoints hand the machine's credentials to anyone who can make it send a request. Also refused ")
                .append("when a name resolves to them (`metadata.google.internal`, `metadata.tencentyun.com`, ...) and ")
                .append("when they are embedded in an IPv6 address (IPv4-mapped, IPv4-compatible, NAT64 `64:ff9b::/96` ")
                .append("and every RFC 6052 position in the local-use `64:ff9b:1::/48`, 6to4, Teredo).\n\n");
        s.append("| Addresses | Endpoints |\n|---|---|\n");
        AddressClass.metadataBlocks().forEach((block, endpoints) ->
                s.append("| `").append(block).append("` | ").append(endpoints).append(" |\n"));
        s.append('\n');
    }
}
