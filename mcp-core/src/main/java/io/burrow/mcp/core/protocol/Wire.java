package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burrow.mcp.core.json.Json;
import io.burrow.mcp.core.spi.CacheHint;
import io.burrow.mcp.core.spi.Content;
import io.burrow.mcp.core.spi.PromptDefinition;
import io.burrow.mcp.core.spi.PromptResult;
import io.burrow.mcp.core.spi.ResourceData;
import io.burrow.mcp.core.spi.ResourceInfo;
import io.burrow.mcp.core.spi.ResourceTemplateInfo;
import io.burrow.mcp.core.spi.ToolDefinition;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/** Burrow's types in their MCP wire form (the same in both protocol generations). */
final class Wire {

    private Wire() {
    }

    static ObjectNode object() {
        return Json.object();
    }

    static ObjectNode content(Content c) {
        ObjectNode o = object();
        if (c instanceof Content.Text t) {
            o.put("type", "text").put("text", t.text());
        } else if (c instanceof Content.Image i) {
            o.put("type", "image").put("data", base64(i.data())).put("mimeType", i.mimeType());
        } else if (c instanceof Content.Audio a) {
            o.put("type", "audio").put("data", base64(a.data())).put("mimeType", a.mimeType());
        } else if (c instanceof Content.Resource r) {
            o.put("type", "resource");
            o.set("resource", resourceContents(r.resource()));
        } else if (c instanceof Content.ResourceLink l) {
            o.put("type", "resource_link").put("uri", l.uri()).put("name", l.name());
            putIfSet(o, "description", l.description());
            putIfSet(o, "mimeType", l.mimeType());
        }
        return o;
    }

    static ObjectNode resourceContents(ResourceData d) {
        ObjectNode o = object().put("uri", d.uri()).put("mimeType", d.mimeType());
        if (d.text() != null) {
            o.put("text", d.text());
        } else {
            o.put("blob", base64(d.blob()));
        }
        return o;
    }

    static ObjectNode tool(ToolDefinition t, Map<String, Object> outputSchema) {
        ObjectNode o = object().put("name", t.name());
        putIfSet(o, "title", t.title());
        o.put("description", t.description());
        o.set("inputSchema", Json.valueToTree(t.inputSchema()));
        if (outputSchema != null) {
            o.set("outputSchema", Json.valueToTree(outputSchema));
        }
        ObjectNode a = o.putObject("annotations");
        putIfSet(a, "title", t.title());
        a.put("readOnlyHint", t.hints().readOnly()).put("destructiveHint", t.hints().destructive())
                .put("idempotentHint", t.hints().idempotent()).put("openWorldHint", t.hints().openWorld());
        return o;
    }

    static ObjectNode resource(ResourceInfo r) {
        ObjectNode o = object().put("uri", r.uri()).put("name", r.name());
        putIfSet(o, "title", r.title());
        putIfSet(o, "description", r.description());
        putIfSet(o, "mimeType", r.mimeType());
        if (r.size() != null) {
            o.put("size", r.size());
        }
        return o;
    }

    static ObjectNode template(ResourceTemplateInfo t) {
        ObjectNode o = object().put("uriTemplate", t.uriTemplate()).put("name", t.name());
        putIfSet(o, "title", t.title());
        putIfSet(o, "description", t.description());
        putIfSet(o, "mimeType", t.mimeType());
        return o;
    }

    static ObjectNode prompt(PromptDefinition p) {
        ObjectNode o = object().put("name", p.name());
        putIfSet(o, "title", p.title());
        putIfSet(o, "description", p.description());
        ArrayNode args = o.putArray("arguments");
        for (PromptDefinition.Argument a : p.arguments()) {
            ObjectNode arg = args.addObject().put("name", a.name());
            putIfSet(arg, "description", a.description());
            arg.put("required", a.required());
        }
        return o;
    }

    static ObjectNode promptResult(PromptResult r) {
        ObjectNode o = object();
        putIfSet(o, "description", r.description());
        ArrayNode messages = o.putArray("messages");
        for (PromptResult.Message m : r.messages()) {
            ObjectNode msg = messages.addObject().put("role", m.role().name().toLowerCase(Locale.ROOT));
            msg.set("content", content(m.content()));
        }
        return o;
    }

    /** Adds {@code ttlMs} and {@code cacheScope} (2026-07-28 cacheable results). */
    static void cacheHint(ObjectNode result, CacheHint hint) {
        result.put("ttlMs", hint.ttl().toMillis());
        result.put("cacheScope", hint.shared() ? "public" : "private");
    }

    static void putIfSet(ObjectNode o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    private static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }
}
