package io.burrow.mcp.zim.tools.internal;

import java.util.LinkedHashMap;

/** An ordered JSON object under construction; {@code null} values are left out. */
final class Obj extends LinkedHashMap<String, Object> {

    private static final long serialVersionUID = 1L;

    static Obj of(String kind) {
        return new Obj().with("kind", kind);
    }

    Obj with(String key, Object value) {
        if (value != null) {
            put(key, value);
        }
        return this;
    }
}
