package io.burrow.mcp.zim.tools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque pagination cursors: URL-safe base64 of a small JSON object naming the tool ({@code t}) and everything
 * needed to produce the next page, so a cursor alone continues a listing.
 */
final class Cursors {

    private static final int MAX_LENGTH = 4096;

    private Cursors() {
    }

    /** A new cursor object for {@code tool}. */
    static ObjectNode start(String tool) {
        ObjectNode n = Json.object();
        n.put("v", 1);
        n.put("t", tool);
        return n;
    }

    static String encode(ObjectNode cursor) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a cursor issued for {@code tool}.
     *
     * @throws InvalidRequestException if it is malformed or was issued by another tool
     */
    static ObjectNode decode(String cursor, String tool) {
        JsonNode n;
        try {
            if (cursor.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            n = Json.parse(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw invalid();
        }
        if (!(n instanceof ObjectNode o) || o.path("v").asInt() != 1) {
            throw invalid();
        }
        if (!tool.equals(o.path("t").asText())) {
            throw new InvalidRequestException("This cursor was issued by " + o.path("t").asText("another tool")
                    + ", not " + tool, "Pass a cursor only to the tool that returned it.");
        }
        return o;
    }

    private static InvalidRequestException invalid() {
        return new InvalidRequestException("cursor is not a cursor this server issued",
                "Pass next_cursor from a previous result unchanged, or omit it to start over.");
    }

    /**
     * Checks that an argument given together with a cursor agrees with it.
     *
     * @throws InvalidRequestException if it differs
     */
    static void agree(String argument, String given, String inCursor) {
        if (given != null && !given.equals(inCursor)) {
            throw new InvalidRequestException("cursor was issued for another " + argument,
                    "Omit " + argument + " when passing a cursor, or drop the cursor to start a new listing.");
        }
    }
}
