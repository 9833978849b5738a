package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens the {@code requestState} of 2026-07-28 multi-round-trip requests: the answers the
 * client gave in earlier rounds, bound to the request (method, name, a digest of the arguments), to the
 * client (its principal) and to an expiry, under HMAC-SHA256. State that was changed, belongs to another
 * request or client, or expired is refused, so a client can neither alter earlier answers nor replay
 * them elsewhere. Every replica that may see the retry must share the key.
 */
final class RequestStates {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();
    /** Longest state accepted, in characters (answers are small; this bounds the work on junk). */
    static final int MAX_LENGTH = 256 * 1024;

    private final byte[] configuredKey;
    private final Duration ttl;
    private final Clock clock;
    /** Made on first use: seeding {@link SecureRandom} and the JCA's classes cost a start-up some 80 classes. */
    private volatile SecretKeySpec key;

    /** @param key the shared key, or {@code null} for a random per-process one (a single replica) */
    RequestStates(byte[] key, Duration ttl, Clock clock) {
        this.configuredKey = key == null ? null : key.clone();
        this.ttl = ttl;
        this.clock = clock;
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    byte[] bytes = configuredKey;
                    if (bytes == null) {
                        bytes = new byte[32];
                        new SecureRandom().nextBytes(bytes);
                    }
                    key = new SecretKeySpec(bytes, "HmacSHA256");
                }
                k = key;
            }
        }
        return k;
    }

    /** What a retry must match: the same method, name and arguments, from the same client. */
    record Binding(String method, String name, String argsDigest, String principal) {
    }

    /** A binding for a request; the arguments are digested in a canonical form (object keys sorted). */
    static Binding bind(String method, String name, JsonNode arguments, String principal) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(canonical(arguments).getBytes(StandardCharsets.UTF_8));
            return new Binding(method, name == null ? "" : name, B64.encodeToString(sha.digest()), principal);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String seal(Binding binding, ObjectNode answers) {
        ObjectNode state = Json.object();
        state.put("v", 1);
        state.put("m", binding.method());
        state.put("n", binding.name());
        state.put("a", binding.argsDigest());
        state.put("p", binding.principal());
        state.put("e", clock.millis() + ttl.toMillis());
        state.set("r", answers);
        byte[] payload;
        try {
            payload = Json.writer().writeValueAsBytes(state);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return B64.encodeToString(payload) + "." + B64.encodeToString(mac(payload));
    }

    /**
     * The answers sealed in {@code token}.
     *
     * @throws RpcException ({@code -32602}) if the state was altered, expired, or belongs to another request or client
     */
    ObjectNode open(String token, Binding binding) {
        if (token.length() > MAX_LENGTH) {
            throw invalid("is too long");
        }
        int dot = token.indexOf('.');
        byte[] payload;
        byte[] given;
        try {
            payload = UNB64.decode(token.substring(0, Math.max(0, dot)));
            given = UNB64.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw invalid("is malformed");
        }
        if (dot < 0 || !MessageDigest.isEqual(mac(payload), given)) {
            throw invalid("failed its integrity check");
        }
        JsonNode state;
        try {
            state = Json.parse(payload);
        } catch (IOException e) {
            throw invalid("is malformed");
        }
        if (state.path("e").asLong(0) < clock.millis()) {
            throw invalid("has expired: call again without requestState and inputResponses");
        }
        if (!binding.method().equals(state.path("m").asText()) || !binding.name().equals(state.path("n").asText())
                || !binding.argsDigest().equals(state.path("a").asText())) {
            throw invalid("belongs to another request: retry with the original method, name and arguments");
        }
        if (!binding.principal().equals(state.path("p").asText())) {
            throw invalid("belongs to another client");
        }
        JsonNode answers = state.get("r");
        return answers != null && answers.isObject() ? (ObjectNode) answers : Json.object();
    }

    private static RpcException invalid(String what) {
        return RpcException.invalidParams("requestState " + what);
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON text with object keys in sorted order, for digests that do not depend on key order. */
    static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.sort(names);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(Json.nodes().textNode(names.get(i)).toString()).append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            Iterator<JsonNode> it = node.elements();
            boolean first = true;
            while (it.hasNext()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(it.next(), out);
            }
            out.append(']');
        } else if (node.isNumber()) {
            out.append(node.decimalValue().stripTrailingZeros().toPlainString());
        } else {
            out.append(node.toString());
        }
    }
}
