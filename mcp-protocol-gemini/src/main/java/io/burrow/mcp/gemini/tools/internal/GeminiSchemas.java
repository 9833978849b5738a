package io.burrow.mcp.gemini.tools.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import io.burrow.mcp.core.json.Json;
import java.util.Map;

/** The JSON schemas of the Gemini tools (JSON Schema 2020-12). */
final class GeminiSchemas {

    private GeminiSchemas() {
    }

    static final String RESULT_KINDS = "\"enum\":[\"gemtext\",\"success\",\"binary\",\"input\",\"redirect\",\"certificate\"]";

    static final String FETCH_OUTPUT = """
            {"type":"object",
             "properties":{
               "kind":{"type":"string",%s},
               "document":{"type":"object","properties":{"lines":{"type":"array","items":{"type":"object"}},
                 "links":{"type":"array","items":{"type":"object"}}}},
               "charset":{"type":"string"},"lang":{"type":"string"},
               "mime_type":{"type":["object","string"]},"content":{"type":"string"},
               "size":{"type":"integer"},"truncated":{"type":"boolean"},"note":{"type":"string"},
               "next_offset":{"type":["integer","null"]},"total_chars":{"type":"integer"},"partial_line":{"type":"boolean"},
               "prompt":{"type":"string"},"sensitive":{"type":"boolean"},"status":{"type":"integer"},
               "new_url":{"type":"string"},"permanent":{"type":"boolean"},"cross_host":{"type":"boolean"},
               "reason":{"type":"string"},"message":{"type":"string"},"required":{"type":"boolean"},
               "identity":{"type":"object"},"suggested_scope":{"type":"string"},"hint":{"type":"string"},
               "request_info":{"type":"object","properties":{"url":{"type":"string"},"host":{"type":"string"},
                 "port":{"type":"integer"},"cert_fingerprint":{"type":"string"},"tls_version":{"type":"string"},
                 "cached":{"type":"boolean"},"cached_at":{"type":"string"},"cache_age_seconds":{"type":"integer"}}}
             },
             "required":["kind","request_info"]}""".formatted(RESULT_KINDS);

    static final String PIN_SCHEMA = """
            {"type":"object","properties":{"host":{"type":"string"},"port":{"type":"integer"},
             "fingerprint":{"type":"string"},"first_seen":{"type":"string"},"last_seen":{"type":"string"},
             "expires":{"type":"string"}},"required":["host","port","fingerprint"]}""";

    static final String IDENTITY_SCHEMA = """
            {"type":"object","properties":{"name":{"type":"string"},"scope":{"type":"string"},
             "fingerprint":{"type":"string"},"created":{"type":"string"},"expires":{"type":"string"}},
             "required":["name","scope","fingerprint"]}""";

    /** Input of {@code gemini_fetch}. */
    static final String FETCH_INPUT = """
                        {"type":"object",
                         "properties":{
                           "url":{"type":"string","description":"A gemini:// URL. Port 1965 is the default; fragments are ignored.",
                                  "examples":["gemini://geminiprotocol.net/","gemini://geminiprotocol.net/docs/faq.gmi"]},
                           "input":{"type":"string","description":"The answer to a status 10/11 prompt ('input' result): it is percent-encoded and replaces the URL's query. Sensitive answers are never logged, cached or echoed."},
                           "offset":{"type":"integer","minimum":0,"description":"Character offset to read on from: the next_offset of the previous window."},
                           "refresh":{"type":"boolean","description":"Bypass the cache and replace the cached answer (default false)."}
                         },
                         "required":["url"],"additionalProperties":false}""";

    /** One entry of the {@code results} of {@code gemini_batch_fetch}: a fetch result or an error. */
    static final Map<String, Object> BATCH_ITEM = parse("""
            {"type":"object","properties":{"kind":{"type":"string"}},"required":["kind"]}""");

    /** Input of {@code gemini_tofu}. */
    static final String TOFU_INPUT = """
                        {"type":"object",
                         "properties":{
                           "action":{"type":"string","enum":["list","forget","trust"]},
                           "host":{"type":"string","description":"Host name (required for forget and trust; filters list)."},
                           "port":{"type":"integer","minimum":1,"maximum":65535,"description":"Port; trust defaults to 1965, forget to every port."},
                           "fingerprint":{"type":"string","description":"SHA-256 of the new certificate (64 hex digits), required for trust."}
                         },
                         "required":["action"],"additionalProperties":false}""";

    /** Output of {@code gemini_tofu}. */
    static final String TOFU_OUTPUT = """
                        {"type":"object","properties":{"kind":{"const":"tofu"},"action":{"type":"string"},
                          "pins":{"type":"array","items":%s},"removed":{"type":"array","items":%s},"pin":%s,
                          "previous":%s,"enabled":{"type":"boolean"}},"required":["kind","action"]}""".formatted(PIN_SCHEMA, PIN_SCHEMA, PIN_SCHEMA, PIN_SCHEMA);

    /** Input of {@code gemini_client_cert}. */
    static final String CLIENT_CERT_INPUT = """
                        {"type":"object",
                         "properties":{
                           "action":{"type":"string","enum":["create","list","delete"]},
                           "scope":{"type":"string","description":"For create: the URL prefix the identity covers, e.g. gemini://example.org/app (the suggested_scope of a certificate result)."},
                           "name":{"type":"string","description":"For create: an optional name (letters, digits, . _ -); for delete: the identity's name."}
                         },
                         "required":["action"],"additionalProperties":false}""";

    /** Output of {@code gemini_client_cert}. */
    static final String CLIENT_CERT_OUTPUT = """
                        {"type":"object","properties":{"kind":{"const":"client_cert"},"action":{"type":"string"},
                          "identity":%s,"identities":{"type":"array","items":%s},"enabled":{"type":"boolean"},
                          "hint":{"type":"string"}},"required":["kind","action"]}""".formatted(IDENTITY_SCHEMA, IDENTITY_SCHEMA);

    private static Map<String, Object> parse(String json) {
        try {
            return Json.plain().readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("bad built-in schema", e);
        }
    }
}
