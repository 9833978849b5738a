package io.burrow.mcp.zim.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.zim.ArchiveSummary;
import io.burrow.mcp.zim.Entry;
import io.burrow.mcp.zim.Item;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON objects of {@code zim info} and {@code zim ls} (keys and meanings as libzim's Python binding). */
final class ZimJson {

    private ZimJson() {
    }

    /**
     * {@code zim info}: counts, index flags, namespace scheme, uuid, checksum, metadata keys, illustrations, main
     * entry; the facts of the archive's {@link ArchiveSummary} under the names libzim's Python binding uses.
     */
    static Map<String, Object> info(ArchiveSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entry_count", s.entryCount());
        m.put("all_entry_count", s.allEntryCount());
        m.put("article_count", s.articleCount());
        m.put("media_count", s.mediaCount());
        m.put("has_fulltext_index", s.hasFulltextIndex());
        m.put("has_title_index", s.hasTitleIndex());
        m.put("new_ns", s.newNamespaceScheme());
        m.put("uuid", s.uuid());
        m.put("checksum", s.checksum());
        m.put("metadata_keys", s.metadataKeys());
        m.put("illustration_sizes", s.illustrationSizes());
        ArchiveSummary.MainPage main = s.main() != null && s.main().headerNamed() ? s.main() : null;
        m.put("main", main == null ? null : main.path());
        m.put("main_target", main == null ? null : main.redirect());
        return m;
    }

    /** {@code zim ls}: one user entry; MIME type, size and hash are those of the item redirects lead to. */
    static Map<String, Object> entry(Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", e.path());
        m.put("title", e.title());
        m.put("redirect", e.isRedirect());
        if (e.isRedirect()) {
            m.put("target", e.redirectEntry().path());
        }
        Item item = e.item();
        m.put("mime", item.mimeType());
        m.put("size", item.size());
        m.put("sha256", sha256(item));
        return m;
    }

    static String sha256(Item item) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(item.contentBuffer());
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String write(Object value) {
        try {
            return Json.writer().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
