package io.burrow.mcp.zim.tools;

import io.burrow.mcp.core.config.Setting;
import io.burrow.mcp.core.config.SettingsGroup;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;

/**
 * Settings of the ZIM backend ({@code ZIM_*}, flags {@code --zim-*}).
 *
 * @param directories directories whose {@code *.zim} archives (and split {@code *.zimaa} archives) are served
 * @param demo whether the bundled demo archive is served when no directory is configured
 * @param watchIntervalSeconds how often the directories are rescanned for added, removed or replaced archives
 * @param clusterCacheBytes byte budget of the decompressed-cluster cache shared by all archives
 * @param searchMode how full-text queries are interpreted
 * @param maxContentLength default character budget of text returned by one tool call
 * @param maxBinaryBytes largest entry returned as base64 by {@code zim_get} with {@code binary: true}
 * @param articleCacheChars character budget of the cache of rendered articles
 * @param resultCacheBytes byte budget of the cache of tool results (repeated calls answered from it)
 * @param crossFileTimeoutSeconds overall time budget of a search across every archive
 * @param rateLimitPerMinute expensive calls (cross-archive search, batch get, checksum check) a minute per client
 * @param rateLimitLocal whether the rate limit also applies to local clients (stdio, in-process)
 */
@SettingsGroup(prefix = "zim", envPrefix = "ZIM", title = "ZIM archives")
public record ZimSettings(
        @Setting(value = "Directories whose *.zim archives (and split *.zimaa archives) are served, comma-separated; "
                + "subdirectories are searched three levels deep. Archives added, removed or replaced while the "
                + "server runs are picked up. Tools and resources can reach only archives inside these directories.",
                aliases = "--zim-dir")
        List<Path> directories,

        @Setting(value = "Serve the bundled demo archive (burrow-demo.zim, about Burrow itself) when no directory "
                + "is configured.", defaultValue = "true")
        boolean demo,

        @Setting(value = "How often the directories are rescanned for added, removed or replaced archives, in "
                + "seconds (0: only the first scan, when the archives are first used). A call naming an archive "
                + "file that is on disk but not yet served also rescans, at most once a second.", defaultValue = "5")
        @Min(0) @Max(86400) int watchIntervalSeconds,

        @Setting(value = "Byte budget of the decompressed-cluster cache shared by all archives (libzim's default: "
                + "16 MiB; 0 disables it).", defaultValue = "16777216")
        @Min(0) @Max(68719476736L) long clusterCacheBytes,

        @Setting(value = "How full-text queries are interpreted: 'improved' (accents folded like the index, an "
                + "article whose title equals the query first, CJK n-grams) or 'libzim' (exactly libzim's results).",
                defaultValue = "improved")
        @NotNull SearchModeSetting searchMode,

        @Setting(value = "Default character budget of the text one tool call returns (article Markdown, sections, "
                + "raw text); longer text is cut and the result says where to continue.", defaultValue = "20000")
        @Min(500) @Max(10000000) int maxContentLength,

        @Setting(value = "Largest entry zim_get returns as base64 with binary=true, in bytes; larger entries come "
                + "back as metadata.", defaultValue = "2097152")
        @Min(1024) @Max(104857600) int maxBinaryBytes,

        @Setting(value = "Character budget of the cache of rendered (HTML to Markdown) articles.",
                defaultValue = "33554432")
        @Min(0) @Max(2147483647L) long articleCacheChars,

        @Setting(value = "Byte budget (estimated) of the cache of tool results: a repeated zim_search, zim_get, "
                + "zim_get_section, zim_browse, zim_links or zim_metadata call with the same arguments on the same "
                + "archive is answered from it (an archive whose file changes is never answered from it; 0 "
                + "disables it).", defaultValue = "33554432")
        @Min(0) @Max(68719476736L) long resultCacheBytes,

        @Setting(value = "Overall time budget of a search across every archive (cross_file), in seconds; "
                + "archives not searched in time are reported.", defaultValue = "20")
        @Min(1) @Max(600) int crossFileTimeoutSeconds,

        @Setting(value = "Expensive calls (cross-archive search, batch zim_get, checksum verification) allowed per "
                + "client a minute, with bursts of the same size (0: no limit). Applies to HTTP clients; see "
                + "ZIM_RATE_LIMIT_LOCAL.", defaultValue = "30")
        @Min(0) @Max(100000) int rateLimitPerMinute,

        @Setting(value = "Apply ZIM_RATE_LIMIT_PER_MINUTE to local clients too (stdio and in-process calls).",
                defaultValue = "false")
        boolean rateLimitLocal) {

    /** How full-text queries are interpreted. */
    public enum SearchModeSetting {
        /** libzim's results plus accent folding, exact-title promotion and CJK n-grams. */
        IMPROVED,
        /** Exactly libzim's results, order and estimates. */
        LIBZIM
    }

    /** Normalises the directory list. */
    public ZimSettings {
        directories = directories == null ? List.of() : List.copyOf(directories);
    }

    /** The defaults, as if no setting were given. */
    public static ZimSettings defaults() {
        return new ZimSettings(List.of(), true, 5, 16L << 20, SearchModeSetting.IMPROVED, 20000, 2 << 20, 32L << 20,
                32L << 20, 20, 30, false);
    }
}
