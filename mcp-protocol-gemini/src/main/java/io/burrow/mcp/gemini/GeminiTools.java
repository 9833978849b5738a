package io.burrow.mcp.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.NotFoundException;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.ToolCall;
import io.burrow.mcp.core.spi.ToolDefinition;
import io.burrow.mcp.core.spi.ToolHints;
import io.burrow.mcp.core.spi.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/** The four Gemini tools. */
final class GeminiTools {

    static final int MAX_BATCH = 50;

    private static final String RESULT_KINDS = "\"enum\":[\"gemtext\",\"success\",\"binary\",\"input\",\"redirect\",\"certificate\"]";

    private static final String FETCH_OUTPUT = """
            {"type":"object",
             "properties":{
               "kind":{"type":"string",%s},
               "document":{"type":"object","properties":{"lines":{"type":"array","items":{"type":"object"}},
                 "links":{"type":"array","items":{"type":"object"}}}},
               "charset":{"type":"string"},"lang":{"type":"string"},
               "mime_type":{"type":["object","string"]},"content":{"type":"string"},
               "size":{"type":"integer"},"truncated":{"type":"boolean"},"note":{"type":"string"},
               "prompt":{"type":"string"},"sensitive":{"type":"boolean"},"status":{"type":"integer"},
               "new_url":{"type":"string"},"permanent":{"type":"boolean"},"cross_host":{"type":"boolean"},
               "reason":{"type":"string"},"message":{"type":"string"},"required":{"type":"boolean"},
               "identity":{"type":"object"},"suggested_scope":{"type":"string"},"hint":{"type":"string"},
               "request_info":{"type":"object","properties":{"url":{"type":"string"},"host":{"type":"string"},
                 "port":{"type":"integer"},"cert_fingerprint":{"type":"string"},"tls_version":{"type":"string"}}}
             },
             "required":["kind","request_info"]}""".formatted(RESULT_KINDS);

    private static final String PIN_SCHEMA = """
            {"type":"object","properties":{"host":{"type":"string"},"port":{"type":"integer"},
             "fingerprint":{"type":"string"},"first_seen":{"type":"string"},"last_seen":{"type":"string"},
             "expires":{"type":"string"}},"required":["host","port","fingerprint"]}""";

    private static final String IDENTITY_SCHEMA = """
            {"type":"object","properties":{"name":{"type":"string"},"scope":{"type":"string"},
             "fingerprint":{"type":"string"},"created":{"type":"string"},"expires":{"type":"string"}},
             "required":["name","scope","fingerprint"]}""";

    /** The structured and text forms of a cached result, shared read-only between calls. */
    private record Rendered(JsonNode tree, String text) {
    }

    private final com.github.benmanes.caffeine.cache.Cache<GeminiResult, Rendered> rendered =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().weakKeys().maximumSize(1000).build();
    private final GeminiClient client;
    private final TofuStore tofu;
    private final ClientIdentityStore identities;
    private final GeminiSettings settings;
    private final ExecutorService executor;
    private final Logger log;

    GeminiTools(GeminiClient client, TofuStore tofu, ClientIdentityStore identities, GeminiSettings settings,
            ExecutorService executor, Logger log) {
        this.client = client;
        this.tofu = tofu;
        this.identities = identities;
        this.settings = settings;
        this.executor = executor;
        this.log = log;
    }

    List<ToolDefinition> all() {
        return List.of(fetch(), batch(), tofuTool(), certTool());
    }

    private ToolDefinition fetch() {
        return ToolDefinition.builder("gemini_fetch")
                .title("Fetch a Gemini page")
                .description("Fetch one gemini:// URL from Geminispace. Returns a result whose 'kind' says what came "
                        + "back: 'gemtext' (a parsed page: typed lines and links with absolute URLs; follow a link by "
                        + "calling this tool on its url), 'success' (other text), 'binary' (type and size only), "
                        + "'input' (the server asks a question: call again with the same url and 'input'), 'redirect' "
                        + "(not followed: another host, or redirects disabled), 'certificate' (the capsule wants a "
                        + "client certificate: see gemini_client_cert), or an error with a stable code "
                        + "(CERTIFICATE_CHANGED: see gemini_tofu). Redirects on the same host are followed. "
                        + "Use gemini_batch_fetch for several URLs.")
                .inputSchema("""
                        {"type":"object",
                         "properties":{
                           "url":{"type":"string","description":"A gemini:// URL. Port 1965 is the default; fragments are ignored.",
                                  "examples":["gemini://geminiprotocol.net/","gemini://geminiprotocol.net/docs/faq.gmi"]},
                           "input":{"type":"string","description":"The answer to a status 10/11 prompt ('input' result): it is percent-encoded and replaces the URL's query. Sensitive answers are never logged, cached or echoed."}
                         },
                         "required":["url"],"additionalProperties":false}""")
                .outputSchema(FETCH_OUTPUT)
                .hints(ToolHints.READ_ONLY_NETWORK)
                .handler(call -> {
                    GeminiResult r = client.fetch(call.args().string("url"), call.args().optString("input").orElse(null));
                    if (Boolean.TRUE.equals(r.requestInfo().cached())) {
                        // a cache hit returns the same result instance: reuse its JSON tree and text rendering
                        Rendered done = rendered.get(r, x -> new Rendered(Json.toTree(x), Rendering.render(x)));
                        return ToolResult.of(done.tree(), done.text());
                    }
                    return ToolResult.of(r, Rendering.render(r));
                })
                .build();
    }

    private ToolDefinition batch() {
        return ToolDefinition.builder("gemini_batch_fetch")
                .title("Fetch several Gemini pages")
                .description("Fetch up to " + MAX_BATCH + " gemini:// URLs at once (a few at a time). Returns "
                        + "{\"results\":[…]} in the order of 'urls'; each entry is what gemini_fetch would return for "
                        + "that URL, errors included (kind 'error'), so one failure does not hide the others. "
                        + "Sends progress notifications when the client asks for them.")
                .inputSchema("""
                        {"type":"object",
                         "properties":{"urls":{"type":"array","items":{"type":"string"},"minItems":1,"maxItems":%d,
                           "description":"gemini:// URLs to fetch."}},
                         "required":["urls"],"additionalProperties":false}""".formatted(MAX_BATCH))
                .outputSchema("""
                        {"type":"object","properties":{"results":{"type":"array","items":{"type":"object",
                          "properties":{"kind":{"type":"string"}},"required":["kind"]}}},"required":["results"]}""")
                .hints(ToolHints.READ_ONLY_NETWORK)
                .handler(this::runBatch)
                .build();
    }

    private ToolResult runBatch(ToolCall call) {
        List<String> urls = call.args().strings("urls");
        if (urls.isEmpty() || urls.size() > MAX_BATCH) {
            throw new InvalidRequestException("Give 1 to " + MAX_BATCH + " URLs, got " + urls.size());
        }
        int n = urls.size();
        Object[] results = new Object[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Runnable worker = () -> {
            int i;
            while ((i = next.getAndIncrement()) < n) {
                results[i] = one(urls.get(i));
                int d = done.incrementAndGet();
                call.progress(d, (double) n, "Fetched " + d + " of " + n);
            }
        };
        int workers = Math.min(n, settings.batchConcurrency());
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int w = 1; w < workers; w++) {
                futures.add(executor.submit(worker));
            }
        } catch (RejectedExecutionException e) {
            log.debug("batch workers rejected; fetching on the caller's thread", e);
        }
        worker.run();
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(x -> x.cancel(true));
                throw new BurrowException(ErrorCodes.FETCH_ERROR, "The batch was interrupted");
            } catch (ExecutionException e) {
                throw new IllegalStateException("batch worker failed", e.getCause());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        List<Object> list = List.of(results);
        body.put("results", list);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            JsonNode r = Json.toTree(results[i]);
            text.append(i + 1).append(". ").append(r.path("request_info").path("url").asText(safeUrl(urls.get(i))))
                    .append(" -> ").append(r.path("kind").asText());
            if (r.has("error")) {
                text.append(' ').append(r.path("error").path("code").asText()).append(": ")
                        .append(r.path("error").path("message").asText());
            } else if (r.has("size")) {
                text.append(" (").append(r.path("size").asLong()).append(" bytes)");
            }
            text.append('\n');
        }
        return ToolResult.of(body, text.toString());
    }

    private Object one(String url) {
        try {
            return client.fetch(url);
        } catch (BurrowException e) {
            return e.toResultBody();
        } catch (RuntimeException e) {
            log.warn("gemini batch fetch failed unexpectedly", e);
            return new BurrowException(ErrorCodes.FETCH_ERROR, "The fetch failed unexpectedly").toResultBody();
        }
    }

    private static String safeUrl(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private ToolDefinition tofuTool() {
        return ToolDefinition.builder("gemini_tofu")
                .title("Manage pinned Gemini server certificates")
                .description("Manage trust-on-first-use pins of Gemini server certificates. 'list' shows the pins "
                        + "(optionally of one host). 'trust' pins a new certificate after gemini_fetch failed with "
                        + "CERTIFICATE_CHANGED: pass host, port and the new fingerprint from error.fingerprint, and only "
                        + "after the user confirmed it (a changed certificate can be an attack). 'forget' removes the pins "
                        + "of a host (one port, or all), so its next certificate is trusted on first use.")
                .inputSchema("""
                        {"type":"object",
                         "properties":{
                           "action":{"type":"string","enum":["list","forget","trust"]},
                           "host":{"type":"string","description":"Host name (required for forget and trust; filters list)."},
                           "port":{"type":"integer","minimum":1,"maximum":65535,"description":"Port; trust defaults to 1965, forget to every port."},
                           "fingerprint":{"type":"string","description":"SHA-256 of the new certificate (64 hex digits), required for trust."}
                         },
                         "required":["action"],"additionalProperties":false}""")
                .outputSchema("""
                        {"type":"object","properties":{"kind":{"const":"tofu"},"action":{"type":"string"},
                          "pins":{"type":"array","items":%s},"removed":{"type":"array","items":%s},"pin":%s,
                          "previous":%s,"enabled":{"type":"boolean"}},"required":["kind","action"]}"""
                        .formatted(PIN_SCHEMA, PIN_SCHEMA, PIN_SCHEMA, PIN_SCHEMA))
                .hints(new ToolHints(false, true, true, false))
                .handler(this::runTofu)
                .build();
    }

    private ToolResult runTofu(ToolCall call) {
        String action = call.args().string("action");
        if (tofu == null) {
            if (!action.equals("list")) {
                throw new InvalidRequestException("TOFU is disabled on this server (GEMINI_TOFU_ENABLED=false)");
            }
            Map<String, Object> out = base("tofu", action);
            out.put("pins", List.of());
            out.put("enabled", false);
            return ToolResult.of(out, "TOFU is disabled: no certificate is pinned or verified.");
        }
        Map<String, Object> out = base("tofu", action);
        switch (action) {
            case "list" -> {
                String host = call.args().optString("host").map(io.burrow.mcp.core.net.HostPolicy::normalizeHost).orElse(null);
                List<TofuPin> pins = tofu.list().stream().filter(p -> host == null || p.host().equals(host)).toList();
                out.put("pins", pins);
                StringBuilder t = new StringBuilder(pins.size() + " pinned certificate(s)\n");
                pins.forEach(p -> t.append(p.key()).append("  ").append(p.fingerprint()).append("  since ")
                        .append(p.firstSeen()).append('\n'));
                return ToolResult.of(out, t.toString());
            }
            case "forget" -> {
                String host = call.args().string("host");
                Integer port = call.args().has("port") ? call.args().integer("port", 1965, 1, 65535) : null;
                List<TofuPin> removed = tofu.forget(host, port);
                out.put("removed", removed);
                return ToolResult.of(out, removed.isEmpty() ? "No pin matched; nothing was removed."
                        : "Removed " + removed.size() + " pin(s); the next certificate of " + host
                                + " is trusted on first use.");
            }
            case "trust" -> {
                String host = call.args().string("host");
                int port = call.args().integer("port", GeminiUrl.DEFAULT_PORT, 1, 65535);
                String fp = call.args().optString("fingerprint").orElseThrow(() -> new InvalidRequestException(
                        "Argument 'fingerprint' is required to trust a certificate",
                        "Use error.fingerprint of the CERTIFICATE_CHANGED error, after the user confirmed it."));
                tofu.pin(host, port).ifPresent(prev -> out.put("previous", prev));
                TofuPin pin = tofu.trust(host, port, fp);
                out.put("pin", pin);
                return ToolResult.of(out, "Pinned " + pin.fingerprint() + " for " + pin.key() + ".");
            }
            default -> throw new InvalidRequestException("Unknown action '" + action + "'");
        }
    }

    private ToolDefinition certTool() {
        return ToolDefinition.builder("gemini_client_cert")
                .title("Manage Gemini client certificates")
                .description("Manage client certificates (identities) for capsules that answer 'certificate' (status "
                        + "60: a certificate is required). 'create' makes a new self-signed identity for a scope URL "
                        + "prefix (gemini://host[:port]/path; it covers that path and everything below it) and returns "
                        + "its fingerprint; gemini_fetch then presents it automatically to URLs in scope (the longest "
                        + "matching scope wins). Create one only when the user wants to sign in to that capsule: the "
                        + "capsule may link activity under it. 'list' shows identities; 'delete' removes one by name.")
                .inputSchema("""
                        {"type":"object",
                         "properties":{
                           "action":{"type":"string","enum":["create","list","delete"]},
                           "scope":{"type":"string","description":"For create: the URL prefix the identity covers, e.g. gemini://example.org/app (the suggested_scope of a certificate result)."},
                           "name":{"type":"string","description":"For create: an optional name (letters, digits, . _ -); for delete: the identity's name."}
                         },
                         "required":["action"],"additionalProperties":false}""")
                .outputSchema("""
                        {"type":"object","properties":{"kind":{"const":"client_cert"},"action":{"type":"string"},
                          "identity":%s,"identities":{"type":"array","items":%s},"enabled":{"type":"boolean"},
                          "hint":{"type":"string"}},"required":["kind","action"]}""".formatted(IDENTITY_SCHEMA, IDENTITY_SCHEMA))
                .hints(new ToolHints(false, true, false, false))
                .handler(this::runCert)
                .build();
    }

    private ToolResult runCert(ToolCall call) {
        String action = call.args().string("action");
        Map<String, Object> out = base("client_cert", action);
        switch (action) {
            case "list" -> {
                List<ClientIdentity> ids = identities.list();
                out.put("identities", ids);
                out.put("enabled", settings.clientCertsEnabled());
                StringBuilder t = new StringBuilder(ids.size() + " client identit" + (ids.size() == 1 ? "y" : "ies")
                        + (settings.clientCertsEnabled() ? "" : " (disabled: not presented)") + "\n");
                ids.forEach(i -> t.append(i.name()).append("  ").append(i.scope()).append("  ").append(i.fingerprint())
                        .append('\n'));
                return ToolResult.of(out, t.toString());
            }
            case "create" -> {
                if (!settings.clientCertsEnabled()) {
                    throw new InvalidRequestException("Client certificates are disabled on this server",
                            "The operator can enable them with GEMINI_CLIENT_CERTS_ENABLED=true.");
                }
                String scope = call.args().optString("scope").orElseThrow(() -> new InvalidRequestException(
                        "Argument 'scope' is required to create an identity", "Use the suggested_scope of the certificate result."));
                ClientIdentity id = identities.create(scope, call.args().optString("name").orElse(null));
                out.put("identity", id);
                String hint = "gemini_fetch now presents '" + id.name() + "' to every URL under " + id.scope()
                        + ". A capsule that only admits known certificates needs this fingerprint: " + id.fingerprint();
                out.put("hint", hint);
                return ToolResult.of(out, "Created identity " + id.name() + " for " + id.scope() + "\nFingerprint: "
                        + id.fingerprint() + "\n" + hint);
            }
            case "delete" -> {
                String name = call.args().optString("name").orElseThrow(() -> new InvalidRequestException(
                        "Argument 'name' is required to delete an identity", "List identities to see their names."));
                ClientIdentity id = identities.delete(name).orElseThrow(() -> new NotFoundException(
                        "No client identity named '" + name + "'", "List identities to see their names."));
                out.put("identity", id);
                return ToolResult.of(out, "Deleted identity " + id.name() + " (" + id.scope() + ").");
            }
            default -> throw new InvalidRequestException("Unknown action '" + action + "'");
        }
    }

    private static Map<String, Object> base(String kind, String action) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", kind);
        out.put("action", action);
        return out;
    }
}
