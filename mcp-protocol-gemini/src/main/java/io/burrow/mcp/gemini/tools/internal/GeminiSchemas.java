package io.burrow.mcp.gemini.tools.internal;

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
               "feed":{"type":"object","properties":{
                 "title":{"type":"string"},"entries":{"type":"array","items":{"type":"object","properties":{
                   "url":{"type":"string"},"date":{"type":"string"},"title":{"type":"string"}}}}}},
               "prompt":{"type":"string"},"sensitive":{"type":"boolean"},"status":{"type":"integer"},
               "new_url":{"type":"string"},"permanent":{"type":"boolean"},"cross_host":{"type":"boolean"},
               "reason":{"type":"string"},"message":{"type":"string"},"required":{"type":"boolean"},
               "identity":{"type":"object"},"suggested_scope":{"type":"string"},"hint":{"type":"string"},
               "request_info":{"type":"object","properties":{"url":{"type":"string"},"host":{"type":"string"},
                 "port":{"type":"integer"},"cert_fingerprint":{"type":"string"},"tls_version":{"type":"string"},
                 "cached":{"type":"boolean"},"cached_at":{"type":"string"},"cache_age_seconds":{"type":"integer"}}}
             },
             "required":["kind","request_info"]}""".formatted(RESULT_KINDS);

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

    /** Input of the list tools: an optional host. */
    static final String HOST_FILTER_INPUT = """
            {"type":"object","properties":{"host":{"type":"string","description":"Only this host."}},
             "additionalProperties":false}""";

    /** Output of {@code gemini_trust_list}. */
    static final String TRUST_LIST_OUTPUT = """
            {"type":"object","properties":{"enabled":{"type":"boolean"},"pins":{"type":"array","items":{"type":"object",
              "properties":{"host":{"type":"string"},"port":{"type":"integer"},"fingerprint":{"type":"string"},
                "first_seen":{"type":"string"},"last_seen":{"type":"string"},"expires":{"type":["string","null"]},
                "expired":{"type":"boolean"}},"required":["host","port","fingerprint"]}}},"required":["pins"]}""";

    /** Input of {@code gemini_trust_update}. */
    static final String TRUST_UPDATE_INPUT = """
            {"type":"object","properties":{"action":{"enum":["pin","remove"]},"host":{"type":"string"},
              "fingerprint":{"type":"string","description":"SHA-256, 64 hex digits (colons, sha256: allowed); for remove the current pin's"},
              "port":{"type":"integer","minimum":1,"maximum":65535,"default":1965}},
             "required":["action","host","fingerprint"],"additionalProperties":false}""";

    /** Output of the update tools. */
    static final String UPDATE_OUTPUT = """
            {"type":"object","properties":{"action":{"type":"string"},"changed":{"type":"boolean"},
              "message":{"type":"string"},"host":{"type":"string"},"port":{"type":"integer"},"url":{"type":"string"},
              "name":{"type":"string"},"fingerprint":{"type":"string"}},"required":["action","changed","message"]}""";

    /** Output of {@code gemini_client_cert_list}. */
    static final String CERT_LIST_OUTPUT = """
            {"type":"object","properties":{"enabled":{"type":"boolean"},"certificates":{"type":"array","items":{
              "type":"object","properties":{"url":{"type":"string"},"name":{"type":"string"},"host":{"type":"string"},
                "port":{"type":"integer"},"path":{"type":"string"},"fingerprint":{"type":"string"},
                "not_before":{"type":"string"},"not_after":{"type":"string"},"expired":{"type":"boolean"}},
              "required":["url","fingerprint"]}}},"required":["certificates"]}""";

    /** Input of {@code gemini_client_cert_update}. */
    static final String CERT_UPDATE_INPUT = """
            {"type":"object","properties":{"action":{"enum":["create","remove"]},
              "url":{"type":"string","description":"The gemini:// prefix covered (suggested_scope of a certificate result)"},
              "fingerprint":{"type":"string","description":"For remove: the covering identity's fingerprint"},
              "name":{"type":"string","description":"For create: an optional name"}},
             "required":["action","url"],"additionalProperties":false}""";

    private static Map<String, Object> parse(String json) {
        try {
            return Json.readObject(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("bad built-in schema", e);
        }
    }
}
