package io.burrow.mcp.gemini.tools.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.net.HostPolicy;
import io.burrow.mcp.core.spi.Elicitation;
import io.burrow.mcp.core.spi.ToolCall;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolHints;
import io.burrow.mcp.core.spi.ToolResult;
import io.burrow.mcp.gemini.ClientIdentity;
import io.burrow.mcp.gemini.ClientIdentityStore;
import io.burrow.mcp.gemini.GeminiErrors;
import io.burrow.mcp.gemini.GeminiUrl;
import io.burrow.mcp.gemini.TofuPin;
import io.burrow.mcp.gemini.TofuStore;
import io.burrow.mcp.gemini.internal.Fingerprints;
import io.burrow.mcp.gemini.tools.GeminiSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Trust and identity management under gopher-mcp's names: {@code gemini_trust_list},
 * {@code gemini_trust_update}, {@code gemini_client_cert_list}, {@code gemini_client_cert_update}. The
 * update tools have interlocks (removing quotes the current fingerprint, {@code create} never overwrites)
 * and ask the user through elicitation before any change; a refusal, a cancel or a client that cannot
 * ask is {@code USER_DECLINED}, unless {@code GEMINI_PREAUTHORIZE_TRUST_CHANGES} pre-authorises changes.
 * Every check runs before the question, and the change after it: under protocol 2026-07-28 the handler
 * runs again from the start with the answer.
 */
final class GeminiTrustTools {

    private static final ObjectNode CONFIRM = confirmSchema();

    private final TofuStore tofu;
    private final ClientIdentityStore identities;
    private final GeminiSettings settings;
    private final Clock clock;

    GeminiTrustTools(TofuStore tofu, ClientIdentityStore identities, GeminiSettings settings, Clock clock) {
        this.tofu = tofu;
        this.identities = identities;
        this.settings = settings;
        this.clock = clock;
    }

    /** The question's schema, built as a tree (converting maps would load Jackson's serialisers at start-up). */
    private static ObjectNode confirmSchema() {
        ObjectNode schema = Json.object().put("type", "object");
        schema.putObject("properties").putObject("confirm").put("type", "boolean").put("title", "Allow this change");
        schema.putArray("required").add("confirm");
        return schema;
    }

    List<ToolDefinition> all() {
        return List.of(trustList(), trustUpdate(), certList(), certUpdate());
    }

    private ToolDefinition trustList() {
        return ToolDefinition.builder("gemini_trust_list")
                .title("List pinned Gemini server certificates")
                .description("List the trust-on-first-use pins of Gemini server certificates (optionally of one host).")
                .inputSchema(GeminiSchemas.HOST_FILTER_INPUT)
                .outputSchema(GeminiSchemas.TRUST_LIST_OUTPUT)
                .hints(ToolHints.READ_ONLY_LOCAL)
                .handler(call -> {
                    String host = host(call);
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("enabled", tofu != null);
                    List<Map<String, Object>> pins = new ArrayList<>();
                    if (tofu != null) {
                        Instant now = clock.instant();
                        for (TofuPin p : tofu.list()) {
                            if (host == null || p.host().equals(host)) {
                                Map<String, Object> m = new LinkedHashMap<>();
                                m.put("host", p.host());
                                m.put("port", p.port());
                                m.put("fingerprint", p.fingerprint());
                                m.put("first_seen", p.firstSeen());
                                m.put("last_seen", p.lastSeen());
                                m.put("expires", p.expires());
                                m.put("expired", p.expires() != null && expired(p.expires(), now));
                                pins.add(m);
                            }
                        }
                    }
                    out.put("pins", pins);
                    StringBuilder t = new StringBuilder(tofu == null ? "TOFU is disabled: nothing is pinned.\n"
                            : pins.size() + " pinned certificate(s)\n");
                    pins.forEach(p -> t.append(p.get("host")).append(':').append(p.get("port")).append("  ")
                            .append(p.get("fingerprint")).append("  since ").append(p.get("first_seen")).append('\n'));
                    return ToolResult.of(out, t.toString());
                })
                .build();
    }

    private ToolDefinition trustUpdate() {
        return ToolDefinition.builder("gemini_trust_update")
                .title("Pin or remove a Gemini server certificate")
                .description("Change a TOFU pin; the user is asked to agree. 'pin' trusts the new fingerprint of a "
                        + "CERTIFICATE_CHANGED error (it can be an attack); 'remove' quotes the pinned fingerprint "
                        + "(gemini_trust_list), and the next certificate is trusted on first use.")
                .inputSchema(GeminiSchemas.TRUST_UPDATE_INPUT)
                .outputSchema(GeminiSchemas.UPDATE_OUTPUT)
                .hints(new ToolHints(false, true, true, false))
                .handler(this::runTrustUpdate)
                .build();
    }

    private ToolResult runTrustUpdate(ToolCall call) {
        String action = call.args().string("action");
        if (tofu == null) {
            throw new BurrowException(GeminiErrors.TOFU_DISABLED, "TOFU is disabled on this server",
                    "The operator can enable it with GEMINI_TOFU_ENABLED=true.");
        }
        String host = HostPolicy.normalizeHost(call.args().string("host"));
        int port = call.args().integer("port", GeminiUrl.DEFAULT_PORT, 1, 65535);
        String fp = Fingerprints.canonical(call.args().string("fingerprint"));
        Optional<TofuPin> current = tofu.pin(host, port);
        String target = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        switch (action) {
            case "pin" -> {
                if (current.isPresent() && Fingerprints.equal(current.get().fingerprint(), fp)) {
                    return update("pin", host, port, false, target + " already has this pin.");
                }
                confirm(call, "Trust the certificate " + fp + " for the Gemini server " + target
                        + current.map(p -> ", replacing the pinned " + p.fingerprint()).orElse("")
                        + "? Only agree if you know the server changed its certificate.");
                TofuPin pin = tofu.trust(host, port, fp);
                return update("pin", host, port, true, "Pinned " + pin.fingerprint() + " for " + target + ".");
            }
            case "remove" -> {
                if (current.isEmpty()) {
                    return update("remove", host, port, false, "No pin for " + target + "; nothing was removed.");
                }
                if (!Fingerprints.equal(current.get().fingerprint(), fp)) {
                    throw new BurrowException(GeminiErrors.FINGERPRINT_MISMATCH,
                            "The fingerprint given is not the one pinned for " + target,
                            "List the pin with gemini_trust_list and quote its fingerprint to remove it.");
                }
                confirm(call, "Remove the pinned certificate " + fp + " of the Gemini server " + target
                        + "? Its next certificate will be trusted on first use.");
                tofu.forget(host, port);
                return update("remove", host, port, true, "Removed the pin of " + target
                        + "; its next certificate is trusted on first use.");
            }
            default -> throw new InvalidRequestException("Unknown action '" + action + "'", "Use 'pin' or 'remove'.");
        }
    }

    private ToolDefinition certList() {
        return ToolDefinition.builder("gemini_client_cert_list")
                .title("List Gemini client certificates")
                .description("List the client certificates (identities) gemini_fetch presents: scope (url) and "
                        + "fingerprint.")
                .inputSchema(GeminiSchemas.HOST_FILTER_INPUT)
                .outputSchema(GeminiSchemas.CERT_LIST_OUTPUT)
                .hints(ToolHints.READ_ONLY_LOCAL)
                .handler(call -> {
                    String host = host(call);
                    Instant now = clock.instant();
                    List<Map<String, Object>> out = new ArrayList<>();
                    for (ClientIdentity id : identities.list()) {
                        GeminiUrl scope = GeminiUrl.parse(id.scope());
                        if (host == null || scope.host().equals(host)) {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("url", id.scope());
                            m.put("name", id.name());
                            m.put("host", scope.host());
                            m.put("port", scope.port());
                            m.put("path", scope.path());
                            m.put("fingerprint", id.fingerprint());
                            m.put("not_before", id.created());
                            m.put("not_after", id.expires());
                            m.put("expired", expired(id.expires(), now));
                            out.add(m);
                        }
                    }
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("enabled", settings.clientCertsEnabled());
                    result.put("certificates", out);
                    StringBuilder t = new StringBuilder(out.size() + " client certificate(s)"
                            + (settings.clientCertsEnabled() ? "" : " (disabled: not presented)") + "\n");
                    out.forEach(m -> t.append(m.get("url")).append("  ").append(m.get("fingerprint")).append('\n'));
                    return ToolResult.of(result, t.toString());
                })
                .build();
    }

    private ToolDefinition certUpdate() {
        return ToolDefinition.builder("gemini_client_cert_update")
                .title("Create or remove a Gemini client certificate")
                .description("Create or remove a client certificate (identity) for a capsule that answered "
                        + "'certificate'; the user is asked to agree. 'create' covers the url prefix (suggested_scope) "
                        + "and never replaces an identity (CERTIFICATE_EXISTS); 'remove' quotes its fingerprint "
                        + "(gemini_client_cert_list).")
                .inputSchema(GeminiSchemas.CERT_UPDATE_INPUT)
                .outputSchema(GeminiSchemas.UPDATE_OUTPUT)
                .hints(new ToolHints(false, true, false, false))
                .handler(this::runCertUpdate)
                .build();
    }

    private ToolResult runCertUpdate(ToolCall call) {
        String action = call.args().string("action");
        if (!settings.clientCertsEnabled()) {
            throw new BurrowException(GeminiErrors.CLIENT_CERTS_DISABLED,
                    "Client certificates are disabled on this server",
                    "The operator can enable them with GEMINI_CLIENT_CERTS_ENABLED=true.");
        }
        String scope = ClientIdentityStore.canonicalScope(call.args().string("url"));
        GeminiUrl url = GeminiUrl.parse(scope);
        Optional<ClientIdentity> covering = identities.match(url);
        switch (action) {
            case "create" -> {
                if (covering.isPresent()) {
                    throw new BurrowException(GeminiErrors.CERTIFICATE_EXISTS, "Identity '" + covering.get().name()
                            + "' already covers " + scope + " (" + covering.get().scope() + ")",
                            "gemini_fetch presents it already; to replace it, remove it first with its fingerprint.")
                            .withDetail("url", covering.get().scope())
                            .withDetail("fingerprint", covering.get().fingerprint());
                }
                String name = call.args().optString("name").orElse(null);
                confirm(call, "Create a client certificate for " + scope + "? gemini_fetch will present it to every "
                        + "page under that address, and the capsule may link your activity under it.");
                ClientIdentity id = identities.create(scope, name);
                Map<String, Object> out = base("create", true, "Created identity " + id.name() + " for " + id.scope()
                        + ". A capsule that admits only known certificates needs its fingerprint: " + id.fingerprint());
                out.put("url", id.scope());
                out.put("name", id.name());
                out.put("fingerprint", id.fingerprint());
                return ToolResult.of(out, (String) out.get("message"));
            }
            case "remove" -> {
                if (covering.isEmpty()) {
                    Map<String, Object> out = base("remove", false, "No identity covers " + scope
                            + "; nothing was removed.");
                    out.put("url", scope);
                    return ToolResult.of(out, (String) out.get("message"));
                }
                ClientIdentity id = covering.get();
                String fp = Fingerprints.canonical(call.args().optString("fingerprint").orElseThrow(() ->
                        new InvalidRequestException("Argument 'fingerprint' is required to remove an identity",
                                "Quote the fingerprint gemini_client_cert_list shows for it.")));
                if (!Fingerprints.equal(id.fingerprint(), fp)) {
                    throw new BurrowException(GeminiErrors.FINGERPRINT_MISMATCH,
                            "The fingerprint given is not the one of the identity covering " + scope,
                            "List identities with gemini_client_cert_list and quote the fingerprint.");
                }
                confirm(call, "Remove the client certificate '" + id.name() + "' for " + id.scope()
                        + "? The capsule will no longer recognise you; this cannot be undone.");
                identities.delete(id.name());
                Map<String, Object> out = base("remove", true, "Removed identity " + id.name() + " (" + id.scope()
                        + ").");
                out.put("url", id.scope());
                out.put("name", id.name());
                out.put("fingerprint", id.fingerprint());
                return ToolResult.of(out, (String) out.get("message"));
            }
            default -> throw new InvalidRequestException("Unknown action '" + action + "'", "Use 'create' or 'remove'.");
        }
    }

    /**
     * Asks the user to confirm a change, unless the operator pre-authorised changes.
     *
     * @throws BurrowException {@code USER_DECLINED} unless the user accepted with {@code confirm: true}
     */
    private void confirm(ToolCall call, String question) {
        if (settings.preauthorizeTrustChanges()) {
            return;
        }
        Elicitation answer = call.elicit(question, CONFIRM);
        if (answer.accepted() && answer.content().path("confirm").asBoolean(false)) {
            return;
        }
        String why = switch (answer.action()) {
            case UNSUPPORTED -> "this client cannot ask its user (no elicitation)";
            case CANCEL -> "the user dismissed the question";
            default -> "the user declined";
        };
        throw new BurrowException(GeminiErrors.USER_DECLINED, "Nothing was changed: " + why,
                answer.action() == Elicitation.Action.UNSUPPORTED
                        ? "Ask the user to make the change in a client that supports elicitation, or the operator can "
                                + "pre-authorise changes with GEMINI_PREAUTHORIZE_TRUST_CHANGES=true."
                        : "Do not retry unless the user asks for the change.")
                .withDetail("action", answer.action().name().toLowerCase(java.util.Locale.ROOT));
    }

    private static String host(ToolCall call) {
        return call.args().optString("host").filter(h -> !h.isBlank()).map(HostPolicy::normalizeHost).orElse(null);
    }

    private static boolean expired(String iso, Instant now) {
        try {
            return Instant.parse(iso).isBefore(now);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static ToolResult update(String action, String host, int port, boolean changed, String message) {
        Map<String, Object> out = base(action, changed, message);
        out.put("host", host);
        out.put("port", port);
        return ToolResult.of(out, message);
    }

    private static Map<String, Object> base(String action, boolean changed, String message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("action", action);
        out.put("changed", changed);
        out.put("message", message);
        return out;
    }
}
