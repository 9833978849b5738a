package io.burrow.mcp.zim.tools.internal;

/**
 * JSON schemas of the ZIM tools, kept terse: the {@code tools/list} entries of all ZIM tools together stay under
 * 12 KB (a test checks it), since every byte is read by the model on every turn.
 */
final class ZimSchemas {

    private ZimSchemas() {
    }

    private static final String ARCHIVE = """
            "zim_file_path":{"type":"string","description":"Archive name (see zim_health); optional when one is loaded"}""";

    private static final String ENTRY = """
            "entry_path":{"type":"string","description":"Entry path or zim:// URI from a result or link"}""";

    static final String SEARCH_IN = """
            {"type":"object","properties":{"query":{"type":"string","maxLength":4096},
            "mode":{"enum":["fulltext","title","suggest"],"description":"fulltext (default): words in the text; title: by title; suggest: title completions"},
            %s,"cross_file":{"type":"boolean","description":"Search every archive"},
            "namespace":{"type":"string","maxLength":1},"content_type":{"type":"string","description":"MIME prefix, e.g. text/html"},
            "limit":{"type":"integer","minimum":1,"maximum":100},"offset":{"type":"integer","minimum":0},
            "cursor":{"type":"string","description":"next_cursor of the previous page"}}}""".formatted(ARCHIVE);

    static final String GET_IN = """
            {"type":"object","properties":{%s,%s,
            "entry_paths":{"type":"array","items":{"type":"string"},"maxItems":50,"description":"Several entries at once"},
            "main_page":{"type":"boolean"},
            "view":{"enum":["full","summary","toc","structure"],"description":"full (default): Markdown; summary: lead; toc: section ids; structure: word counts"},
            "max_content_length":{"type":"integer","minimum":100,"maximum":1000000},
            "content_offset":{"type":"integer","minimum":0,"description":"next_offset of the previous part"},
            "binary":{"type":"boolean","description":"Return the raw bytes as base64"}}}""".formatted(ARCHIVE, ENTRY);

    static final String SECTION_IN = """
            {"type":"object","properties":{%s,%s,"section_id":{"type":"string"},
            "max_chars":{"type":"integer","minimum":100,"maximum":1000000},"content_offset":{"type":"integer","minimum":0},
            "include_subsections":{"type":"boolean"}},"required":["entry_path","section_id"]}""".formatted(ARCHIVE, ENTRY);

    static final String BROWSE_IN = """
            {"type":"object","properties":{%s,"namespace":{"type":"string","maxLength":1,"description":"C (default): content; M: metadata; W, X: well-known, indexes"},
            "prefix":{"type":"string","description":"Only paths starting with this"},
            "include_assets":{"type":"boolean","description":"Include CSS, scripts, fonts and images"},
            "limit":{"type":"integer","minimum":1,"maximum":500},"offset":{"type":"integer","minimum":0},"cursor":{"type":"string"}}}""".formatted(ARCHIVE);

    static final String QUERY_IN = """
            {"type":"object","properties":{"query":{"type":"string","maxLength":4096,"description":"e.g. 'tell me about X', 'toc of X', 'main page'"},
            %s,"max_content_length":{"type":"integer","minimum":100,"maximum":1000000}},"required":["query"]}""".formatted(ARCHIVE);

    static final String ARCHIVE_IN = """
            {"type":"object","properties":{%s}}""".formatted(ARCHIVE);

    static final String HEALTH_IN = """
            {"type":"object","properties":{%s,"verify":{"type":"boolean","description":"Check MD5 and structure (slow on big archives)"}}}""".formatted(ARCHIVE);

    static final String LINKS_IN = """
            {"type":"object","properties":{%s,%s,
            "direction":{"enum":["outbound","related"],"description":"outbound (default): every link; related: linked articles by mentions"},
            "kind":{"enum":["internal","external","media"]},
            "limit":{"type":"integer","minimum":1,"maximum":500},"offset":{"type":"integer","minimum":0}},"required":["entry_path"]}""".formatted(ARCHIVE, ENTRY);

    static String out(String kind, String properties, String required) {
        return """
                {"type":"object","properties":{"kind":{"const":"%s"},%s},"required":[%s]}"""
                .formatted(kind, properties, required);
    }

    private static final String LIST = """
            "returned":{"type":"integer"},"results":{"type":"array","items":{"type":"object"}},"next_cursor":{"type":"string"},"done":{"type":"boolean"}""";

    static final String SEARCH_OUT = out("search", """
            "total":{"type":"integer"},"total_is_estimate":{"type":"boolean"},%s""".formatted(LIST), "\"kind\",\"results\"");

    static final String GET_OUT = """
            {"type":"object","properties":{"kind":{"enum":["article","text","binary","batch"]},"path":{"type":"string"},
            "title":{"type":"string"},"content":{"type":"string"},"sections":{"type":"array"},"truncated":{"type":"boolean"},
            "next_offset":{"type":"integer"},"data_base64":{"type":"string"},"results":{"type":"array"}},"required":["kind"]}""";

    static final String SECTION_OUT = out("section", """
            "section_id":{"type":"string"},"content":{"type":"string"},"truncated":{"type":"boolean"},"next_offset":{"type":"integer"}""",
            "\"kind\",\"section_id\",\"content\"");

    static final String BROWSE_OUT = out("browse", """
            "namespace_total":{"type":"integer"},%s""".formatted(LIST), "\"kind\",\"results\"");

    static final String METADATA_OUT = out("metadata", """
            "metadata":{"type":"object"},"article_count":{"type":"integer"},"has_fulltext_index":{"type":"boolean"}""",
            "\"kind\",\"metadata\"");

    static final String LINKS_OUT = out("links", """
            "total":{"type":"integer"},"results":{"type":"array","items":{"type":"object"}},"next_offset":{"type":"integer"}""",
            "\"kind\",\"results\"");

    static final String RANDOM_OUT = out("random", """
            "path":{"type":"string"},"title":{"type":"string"}""", "\"kind\",\"path\"");

    static final String QUERY_OUT = out("query", """
            "intent":{"type":"string"},"result":{"type":"object"}""", "\"kind\",\"intent\",\"result\"");

    static final String HEALTH_OUT = out("health", """
            "archives":{"type":"array","items":{"type":"object"}}""", "\"kind\"");
}
