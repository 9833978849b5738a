package io.burrow.mcp.zim.tools.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory {@link EntryResolver}: entries with MIME types and titles, redirects, and a log of lookups. */
final class FakeResolver implements EntryResolver {

    private final Map<String, Target> entries = new HashMap<>();
    private final Map<String, String> redirects = new HashMap<>();
    final List<String> lookups = new ArrayList<>();

    FakeResolver entry(String path, String mimeType) {
        entries.put(path, new Target(path, mimeType, path));
        return this;
    }

    FakeResolver html(String... paths) {
        for (String p : paths) {
            entry(p, "text/html");
        }
        return this;
    }

    FakeResolver redirect(String from, String to) {
        redirects.put(from, to);
        return this;
    }

    @Override
    public Optional<Target> resolve(String path) {
        lookups.add(path);
        String p = path;
        for (int hops = 0; redirects.containsKey(p) && hops < 10; hops++) {
            p = redirects.get(p);
        }
        return Optional.ofNullable(entries.get(p));
    }
}
