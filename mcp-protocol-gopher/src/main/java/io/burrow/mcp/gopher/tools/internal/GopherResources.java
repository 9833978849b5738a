package io.burrow.mcp.gopher.tools.internal;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.FetchException;
import io.burrow.mcp.core.fetch.FetchScope;
import io.burrow.mcp.core.spi.ReadLimits;
import io.burrow.mcp.core.spi.ResourceData;
import io.burrow.mcp.core.spi.ResourceProvider;
import io.burrow.mcp.core.spi.ResourceTemplateInfo;
import io.burrow.mcp.gopher.GopherResult;
import io.burrow.mcp.gopher.GopherUrl;
import io.burrow.mcp.gopher.internal.GopherFetcher;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code gopher://} resources: menus and text as text ({@code text/plain}, {@code text/html} for
 * type {@code h}), binaries as blobs with their MIME type. Same host policy, limits and cache as the
 * tools; binaries are read fresh (the cache holds only their metadata).
 */
public final class GopherResources implements ResourceProvider {

    /** The advertised template. */
    public static final String TEMPLATE = "gopher://{host}/{+path}";

    private final GopherFetcher fetcher;

    public GopherResources(GopherFetcher fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("gopher");
    }

    @Override
    public List<ResourceTemplateInfo> templates() {
        return List.of(new ResourceTemplateInfo(TEMPLATE, "gopher", "Gopher item",
                "Any Gopher item: gopher://host[:port]/<type><selector>, e.g. gopher://gopher.floodgap.com/1/ "
                        + "(menu, rendered as text), /0/… (text), /9/… or /I/… (binary, returned as a blob). "
                        + "Type-7 searches take ?query.", null));
    }

    @Override
    public ResourceData read(String uri, ReadLimits limits) {
        GopherUrl url = fetcher.parse(uri);
        if (url.itemType().isBinary()) {
            int cap = (int) Math.min(limits.maxBytes(), fetcher.settings().network().maxResponseSize());
            GopherFetcher.RawItem raw = fetcher.fetchRaw(url, cap, FetchScope.NONE);
            if (raw.overflow()) {
                throw new FetchException(ErrorCodes.TOO_LARGE, "Resource is larger than " + cap + " bytes");
            }
            return ResourceData.blob(uri, raw.mimeType(), Arrays.copyOf(raw.data(), raw.length()));
        }
        GopherResult result = fetcher.fetch(url, FetchScope.NONE);
        if (result instanceof GopherResult.Menu menu && !menu.items().isEmpty()
                && menu.items().stream().allMatch(i -> "3".equals(i.type()))) {
            // a server answers a selector it does not have with a menu of error lines (gophernicus, the fakes)
            throw new BurrowException(ErrorCodes.NOT_FOUND, "The server has no item " + url + ": "
                    + menu.items().get(0).title(), "Check the selector, or read the parent menu.");
        }
        String text = GopherRendering.render(result);
        String mime = url.type() == 'h' ? "text/html" : "text/plain";
        return ResourceData.text(uri, mime + "; charset=utf-8", limit(text, limits.maxBytes()));
    }

    /** Cuts text to at most {@code maxBytes} UTF-8 bytes, at a character boundary. */
    static String limit(String text, long maxBytes) {
        if (text.length() * 3L <= maxBytes || text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return text;
        }
        long bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + len > maxBytes) {
                break;
            }
            bytes += len;
            i += Character.charCount(cp);
        }
        return text.substring(0, i);
    }
}
