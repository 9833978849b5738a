package io.burrow.mcp.server.http.replicas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.testkit.gemini.FakeGeminiServer;
import io.burrow.mcp.testkit.gemini.GeminiResponse;
import io.burrow.mcp.testkit.gemini.RecordedGeminiRequest;
import io.burrow.mcp.testkit.gemini.ServerCertificate;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared Gemini trust store across replicas ({@code ReplicaDriver gemini}): a fake capsule on 127.0.0.1 and each
 * replica called directly (not through the balancer, so that which replica decides is known). A certificate pinned
 * on first use through one replica is a match on the others; after the capsule changes its certificate, every
 * replica refuses it until a person trusts the new one through one replica, and then all accept it; a client
 * identity created through one replica is presented by another. Each step fetches a path of its own, so that no
 * response cache answers instead of the trust check.
 */
final class GeminiTrustRun {

    private final Map<String, McpHttp> replicas = new LinkedHashMap<>();
    private final List<String> steps = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private int step;

    /** @param endpoints each replica's {@code /mcp}, by name */
    GeminiTrustRun(Map<String, URI> endpoints, String token) {
        endpoints.forEach((name, uri) -> replicas.put(name, new McpHttp(uri, token)));
    }

    Map<String, Object> run() throws IOException, InterruptedException {
        List<String> names = new ArrayList<>(replicas.keySet());
        String first = names.get(0);
        String second = names.get(1 % names.size());
        String last = names.get(names.size() - 1);
        try (FakeGeminiServer capsule = FakeGeminiServer.start()) {
            capsule.dispatcher(this::answer);
            // 1. first use through one replica, a match on every other
            expectTofu(first, capsule, "first_use");
            for (String r : names.subList(1, names.size())) {
                expectTofu(r, capsule, "match");
            }
            // 2. the capsule changes its certificate: refused everywhere, trusted through one, accepted everywhere
            String old = capsule.fingerprint();
            ServerCertificate next = capsule.rotateCertificate();
            for (String r : names) {
                JsonNode e = fetch(r, capsule).path("error");
                check(r, "CERTIFICATE_CHANGED".equals(e.path("code").asText())
                        && next.fingerprint().equals(e.path("fingerprint").asText())
                        && old.equals(e.path("pinned_fingerprint").asText()),
                        "refuses the changed certificate", e);
            }
            ObjectNode trust = McpHttp.JSON.createObjectNode().put("action", "pin").put("host", "localhost")
                    .put("port", capsule.port()).put("fingerprint", next.fingerprint());
            JsonNode trusted = call(second, "gemini_trust_update", trust);
            check(second, trusted.path("changed").asBoolean(),
                    "trusts the new certificate (gemini_trust_update pin)", trusted);
            for (String r : names) {
                expectTofu(r, capsule, "match");
            }
            // 3. a client identity created through one replica is presented by another
            ObjectNode create = McpHttp.JSON.createObjectNode().put("action", "create").put("name", "replica-test")
                    .put("url", capsule.url("/private"));
            JsonNode created = call(first, "gemini_client_cert_update", create);
            String identity = created.path("fingerprint").asText();
            check(first, !identity.isEmpty(), "creates a client identity", created);
            JsonNode page = fetch(last, capsule, "/private/page");
            // the capsule answers with the fingerprint of the certificate it was shown
            check(last, "gemtext".equals(page.path("kind").asText()) && page.toString().contains("hello " + identity),
                    "presents the identity created on " + first + " (its key decrypted from the shared store)", page);
            JsonNode listed = call(second, "gemini_client_cert_list", McpHttp.JSON.createObjectNode());
            check(second, listed.toString().contains(identity), "lists that identity", listed);
            JsonNode deleted = call(last, "gemini_client_cert_update", McpHttp.JSON.createObjectNode()
                    .put("action", "remove").put("url", capsule.url("/private")).put("fingerprint", identity));
            check(last, !deleted.has("error"), "deletes it", deleted);
            JsonNode gone = fetch(first, capsule, "/private/again");
            check(first, "certificate".equals(gone.path("kind").asText()) && gone.path("status").asInt() == 60,
                    "no longer presents the deleted identity (the capsule asks for a certificate again)", gone);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("steps", steps);
        report.put("violations", violations);
        return report;
    }

    private GeminiResponse answer(RecordedGeminiRequest request) {
        if (request.requestLine().contains("/private")) {
            return request.clientCertificateFingerprint() == null ? GeminiResponse.of(60, "Certificate required")
                    : GeminiResponse.success("text/gemini", "# hello " + request.clientCertificateFingerprint());
        }
        return GeminiResponse.success("text/gemini", "# capsule\n");
    }

    private void expectTofu(String replica, FakeGeminiServer capsule, String status)
            throws IOException, InterruptedException {
        JsonNode r = fetch(replica, capsule);
        check(replica, status.equals(r.path("request_info").path("tofu").asText()), "sees TOFU " + status, r);
    }

    private JsonNode fetch(String replica, FakeGeminiServer capsule) throws IOException, InterruptedException {
        return fetch(replica, capsule, "/step-" + (++step));
    }

    private JsonNode fetch(String replica, FakeGeminiServer capsule, String path)
            throws IOException, InterruptedException {
        return call(replica, "gemini_fetch", McpHttp.JSON.createObjectNode().put("url", capsule.url(path)));
    }

    private JsonNode call(String replica, String tool, ObjectNode arguments) throws IOException, InterruptedException {
        ObjectNode params = McpHttp.JSON.createObjectNode().put("name", tool);
        params.set("arguments", arguments);
        McpHttp.Answer a = replicas.get(replica).modern("tools/call", params);
        JsonNode structured = a.message() == null ? null : a.message().path("result").path("structuredContent");
        if (structured == null || structured.isMissingNode()) {
            violations.add(replica + " " + tool + ": no structured result: " + a.describe());
            return McpHttp.JSON.createObjectNode();
        }
        return structured;
    }

    private void check(String replica, boolean ok, String what, JsonNode seen) {
        String line = replica + " " + what;
        steps.add((ok ? "ok   " : "FAIL ") + line);
        if (!ok) {
            String s = seen.toString();
            violations.add(line + ": " + (s.length() > 400 ? s.substring(0, 400) + "…" : s));
        }
    }
}
