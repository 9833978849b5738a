package io.burrow.mcp.server.stdio.zim;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.zim.Entry;
import io.burrow.mcp.zim.Item;
import io.burrow.mcp.zim.ZimArchive;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON objects of {@code zim info} and {@code zim ls} (keys and meanings as libzim's Python binding). */
public final class ZimJson {

    private ZimJson() {
    }

    /** {@code zim info}: counts, index flags, namespace scheme, uuid, checksum, metadata keys, illustrations, main entry. */
    public static Map<String, Object> info(ZimArchive zim) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entry_count", zim.entryCount());
        m.put("all_entry_count", zim.allEntryCount());
        m.put("article_count", zim.articleCount());
        m.put("media_count", zim.mediaCount());
        m.put("has_fulltext_index", zim.hasFulltextIndex());
        m.put("has_title_index", zim.hasTitleIndex());
        m.put("new_ns", zim.hasNewNamespaceScheme());
        m.put("uuid", zim.uuid().toString());
        m.put("checksum", zim.checksum().orElse(null));
        m.put("metadata_keys", zim.metadataKeys());
        m.put("illustration_sizes", new ArrayList<>(zim.illustrationSizes()));
        Entry main = zim.hasMainEntry() ? zim.mainEntry().orElse(null) : null;
        m.put("main", main == null ? null : main.path());
        m.put("main_target", main != null && main.isRedirect() ? main.redirectEntry().path() : null);
        return m;
    }

    /** {@code zim ls}: one user entry; MIME type, size and hash are those of the item redirects lead to. */
    public static Map<String, Object> entry(Entry e) {
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
