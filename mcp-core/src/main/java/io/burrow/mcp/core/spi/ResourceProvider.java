package io.burrow.mcp.core.spi;

import java.util.List;
import java.util.Set;

/**
 * Serves resources of one or more URI schemes ({@code gopher}, {@code gemini}, {@code zim}).
 *
 * <p>The core advertises {@link #resources()} and {@link #templates()} and routes every
 * {@code resources/read} whose URI has one of {@link #schemes()} to {@link #read}. Failures are
 * {@link io.burrow.mcp.core.BurrowException}s; the core turns them into sanitised JSON-RPC errors.
 */
public interface ResourceProvider {

    /** The URI schemes served, lower case, without {@code ://}. */
    Set<String> schemes();

    /** Concrete resources to list; may change over time (call {@link ServerEvents#resourcesChanged()}). */
    default List<ResourceInfo> resources() {
        return List.of();
    }

    /**
     * How long clients may keep the listing of {@link #resources()} (protocol 2026-07-28 sends it as
     * {@code ttlMs}); list changes are announced anyway, so a provider whose list only changes with
     * {@link ServerEvents#resourcesChanged()} may give a long one.
     */
    default CacheHint listing() {
        return CacheHint.NONE;
    }

    /** URI templates advertising what can be read. */
    default List<ResourceTemplateInfo> templates() {
        return List.of();
    }

    /**
     * Reads one resource.
     *
     * @param uri the URI as the client sent it
     * @param limits limits the content must respect
     * @return text or binary content with its MIME type
     */
    ResourceData read(String uri, ReadLimits limits);
}
