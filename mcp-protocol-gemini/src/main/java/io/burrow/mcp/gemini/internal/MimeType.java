package io.burrow.mcp.gemini.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed MIME type of a 2x response: lower-case type and subtype, parameters with lower-case names
 * and unquoted values.
 *
 * @param type top-level type
 * @param subtype subtype
 * @param parameters parameters in order
 */
public record MimeType(String type, String subtype, Map<String, String> parameters) {

    private static final Pattern TOKEN = Pattern.compile("[a-z0-9!#$&^_.+-]+");

    /** The type of a 2x response with an empty meta. */
    public static final MimeType DEFAULT = new MimeType("text", "gemini", Map.of("charset", "utf-8"));

    public MimeType {
        parameters = Map.copyOf(parameters);
    }

    /** {@code type/subtype}. */
    public String essence() {
        return type + "/" + subtype;
    }

    /** A parameter, or {@code null}. */
    public String parameter(String name) {
        return parameters.get(name);
    }

    /** Parses a meta; {@code null} if it is not a MIME type. An empty meta gives {@link #DEFAULT}. */
    public static MimeType parse(String meta) {
        if (meta == null || meta.isBlank()) {
            return DEFAULT;
        }
        String[] parts = meta.split(";");
        String essence = parts[0].strip().toLowerCase(Locale.ROOT);
        int slash = essence.indexOf('/');
        if (slash <= 0 || slash == essence.length() - 1) {
            return null;
        }
        String type = essence.substring(0, slash);
        String subtype = essence.substring(slash + 1);
        if (!TOKEN.matcher(type).matches() || !TOKEN.matcher(subtype).matches()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = p.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            params.putIfAbsent(name, value);
        }
        return new MimeType(type, subtype, params);
    }

    /**
     * Whether this type matches a deny-list entry: {@code type/subtype} exactly or {@code type/*}.
     */
    public boolean matchesAny(List<String> patterns) {
        for (String p : patterns) {
            String q = p.strip().toLowerCase(Locale.ROOT);
            if (q.equals(essence()) || (q.endsWith("/*") && q.substring(0, q.length() - 2).equals(type)) || q.equals("*/*")) {
                return true;
            }
        }
        return false;
    }
}
