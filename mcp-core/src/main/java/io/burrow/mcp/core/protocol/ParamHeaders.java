package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The {@code x-mcp-header} annotations of a tool's input schema (2026-07-28, Streamable HTTP): an
 * annotated argument is mirrored by the client into an {@code Mcp-Param-{name}} header, and the server
 * refuses a call whose header is missing or does not match the argument, so that intermediaries routing
 * on the header cannot be fooled by the body.
 */
final class ParamHeaders {

    /** One annotated argument: where it is in the arguments, and the header that mirrors it. */
    record Param(List<String> path, String header) {
    }

    private ParamHeaders() {
    }

    /** The annotated arguments of an input schema (following nested {@code properties}). */
    static List<Param> of(Map<String, Object> schema) {
        List<Param> out = new ArrayList<>();
        collect(schema, new ArrayList<>(), out);
        return List.copyOf(out);
    }

    @SuppressWarnings("unchecked")
    private static void collect(Map<String, Object> schema, List<String> path, List<Param> out) {
        if (!(schema.get("properties") instanceof Map<?, ?> properties)) {
            return;
        }
        for (Map.Entry<?, ?> e : properties.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> property)) {
                continue;
            }
            List<String> p = new ArrayList<>(path);
            p.add(String.valueOf(e.getKey()));
            if (property.get("x-mcp-header") instanceof String header) {
                out.add(new Param(List.copyOf(p), header));
            }
            collect((Map<String, Object>) property, p, out);
        }
    }

    /**
     * Checks the headers of a call against its arguments.
     *
     * @throws RpcException ({@code -32020}, HTTP 400) for a missing, malformed or mismatching header
     */
    static void check(List<Param> params, JsonNode arguments, Exchange ex) {
        for (Param p : params) {
            JsonNode value = arguments;
            for (String key : p.path()) {
                value = value == null || !value.isObject() ? null : value.get(key);
            }
            if (value == null || value.isNull()) {
                continue;
            }
            String name = "Mcp-Param-" + p.header();
            String raw = ex.header(name);
            if (raw == null) {
                throw mismatch("the " + name + " header is missing");
            }
            String decoded = decode(raw);
            if (decoded == null) {
                throw mismatch("the " + name + " header holds invalid characters or invalid base64");
            }
            if (!matches(value, decoded)) {
                throw mismatch("the " + name + " header does not match the argument " + String.join(".", p.path()));
            }
        }
    }

    /** A header value in plain or {@code =?base64?…?=} form, decoded; {@code null} if malformed. */
    static String decode(String raw) {
        if (raw.startsWith("=?base64?") && raw.endsWith("?=") && raw.length() >= 11) {
            String b64 = raw.substring(9, raw.length() - 2);
            try {
                byte[] bytes = Base64.getDecoder().decode(b64);
                if (!Base64.getEncoder().encodeToString(bytes).equals(b64)) {
                    return null; // padding missing or superfluous: not the canonical encoding
                }
                return new String(bytes, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7e) {
                return null;
            }
        }
        return raw;
    }

    private static boolean matches(JsonNode value, String header) {
        if (value.isTextual()) {
            return value.asText().equals(header);
        }
        if (value.isBoolean()) {
            return header.equals(value.asBoolean() ? "true" : "false");
        }
        if (value.isNumber()) {
            try {
                return new BigDecimal(header.trim()).compareTo(value.decimalValue()) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    private static RpcException mismatch(String what) {
        return new RpcException(Rpc.HEADER_MISMATCH, "Header mismatch: " + what, null, 400);
    }
}
