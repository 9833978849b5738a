package io.burrow.mcp.gopher.tools.internal;

import io.burrow.mcp.core.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON schemas of the Gopher tools (JSON Schema 2020-12). */
public final class GopherSchemas {

    private GopherSchemas() {
    }

    static final String URL_DESCRIPTION = "A gopher:// URL: gopher://host[:port]/<type><selector>. The type is one "
            + "character: 1 menu, 0 text, 7 search, 9/I/g binary. The root menu is gopher://host/ . For a type-7 "
            + "search append ?query (or %09query). Menu results give a ready next_url for every item.";

    /** Input of {@code gopher_fetch}. */
    public static final String FETCH_INPUT = """
            {"type":"object",
             "properties":{"url":{"type":"string","description":"%s",
               "examples":["gopher://gopher.floodgap.com/1/","gopher://gopher.floodgap.com/0/gopher/proxy",
                           "gopher://gopher.floodgap.com/7/v2/vs?gopher"]},
               "search":{"type":"string","description":"Search terms for a type-7 item, as typed (replaces any ?query)."},
               "offset":{"type":"integer","minimum":0,"description":"Where to start: a character (text) or item (menu) offset; the next_offset of the previous window."},
               "refresh":{"type":"boolean","description":"Bypass the cache and replace the cached answer (default false)."}},
             "required":["url"]}""".formatted(URL_DESCRIPTION);

    /** The {@code urls} argument of {@code gopher_batch_fetch}. */
    static final String BATCH_URLS_DESCRIPTION = "Up to 50 gopher:// URLs, fetched concurrently; results come back in "
            + "the same order.";

    // open (no additionalProperties:false): the rare search_ignored is documented in docs/tools.md, not listed here,
    // to keep tools/list small (it would appear in eight places)
    private static final String REQUEST_INFO = """
            {"type":"object","properties":{"url":{"type":"string"},"host":{"type":"string"},"port":{"type":"integer"},
               "type":{"type":"string"},"selector":{"type":"string"},"search":{"type":"string"},
               "timestamp":{"type":"string"},"cached":{"type":"boolean"},"cached_at":{"type":"string"},
               "cache_age_seconds":{"type":"integer"},"offset":{"type":"integer"}},
             "required":["url","timestamp"]}""";

    private static final String WINDOW = """
            "next_offset":{"type":["integer","null"],"description":"offset of the next window; null: done"}""";

    private static final String MENU = """
            {"type":"object","title":"menu",
             "properties":{"kind":{"const":"menu"},
               "items":{"type":"array","items":{"type":"object",
                 "properties":{"type":{"type":"string","description":"Item type: i info line, 1 menu, 0 text, 7 search, 9/I/g binary, h web link, 3 error, 8/T telnet"},
                   "title":{"type":"string"},"selector":{"type":"string"},"host":{"type":"string"},
                   "port":{"type":"integer","minimum":0,"maximum":65535},
                   "next_url":{"type":"string","description":"Fetch this to follow the item (gopher:// or, for web links, the external URL)"},
                   "gopher_plus":{"type":"boolean"}},
                 "required":["type","title","selector","host","port"]}},
               "truncated":{"type":"boolean"},%s,"total_items":{"type":"integer"},
               "request_info":%s},
             "required":["kind","items","truncated","request_info"]}""".formatted(WINDOW, REQUEST_INFO);

    private static final String TEXT = """
            {"type":"object","title":"text",
             "properties":{"kind":{"const":"text"},"charset":{"enum":["utf-8","latin-1"]},
               "bytes":{"type":"integer","minimum":0,"description":"Size of the response in bytes as read"},
               "text":{"type":"string"},"truncated":{"type":"boolean"},%s,"total_chars":{"type":"integer"},
               "request_info":%s},
             "required":["kind","charset","bytes","text","truncated","request_info"]}""".formatted(WINDOW, REQUEST_INFO);

    private static final String BINARY = """
            {"type":"object","title":"binary",
             "properties":{"kind":{"const":"binary"},"bytes":{"type":"integer","minimum":0},
               "mime_type":{"type":"string"},"truncated":{"type":"boolean"},"note":{"type":"string"},
               "request_info":%s},
             "required":["kind","bytes","mime_type","request_info"]}""".formatted(REQUEST_INFO);

    private static final String ERROR = """
            {"type":"object","title":"error",
             "properties":{"kind":{"const":"error"},
               "error":{"type":"object","properties":{"code":{"type":"string"},
                 "message":{"type":"string"},"hint":{"type":"string"}},"required":["code","message"]},
               "request_info":%s},
             "required":["kind","error"]}""".formatted(REQUEST_INFO);

    /** Output of {@code gopher_fetch}: one of menu, text, binary (the core adds the error branch). */
    public static Map<String, Object> fetchOutput() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("oneOf", List.of(parse(MENU), parse(TEXT), parse(BINARY)));
        return s;
    }

    /** One entry of the {@code results} of {@code gopher_batch_fetch}: a fetch result or an error. */
    public static Map<String, Object> batchItem() {
        return Map.of("oneOf", List.of(parse(MENU), parse(TEXT), parse(BINARY), parse(ERROR)));
    }

    private static Map<String, Object> parse(String json) {
        try {
            return Json.readObject(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("bad built-in schema", e);
        }
    }
}
