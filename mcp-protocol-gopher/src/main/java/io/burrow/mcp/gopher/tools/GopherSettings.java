package io.burrow.mcp.gopher.tools;

import io.burrow.mcp.core.config.Setting;
import io.burrow.mcp.core.config.SettingsGroup;
import io.burrow.mcp.core.fetch.NetworkSettings;
import io.burrow.mcp.core.fetch.RobotsGate;
import io.burrow.mcp.core.fetch.RobotsSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Objects;

/**
 * Settings of the Gopher backend ({@code GOPHER_*}, flags {@code --gopher-*}): the settings every network
 * backend has ({@link NetworkSettings}, bound as {@code GOPHER_TIMEOUT_SECONDS}, {@code GOPHER_ALLOWED_HOSTS}…)
 * and Gopher's own. The names, defaults and ranges follow gopher-mcp's, so its users can switch without
 * changing their configuration; the settings gopher-mcp lacks ({@code GOPHER_OVERSIZE},
 * {@code GOPHER_MAX_URL_LENGTH}, {@code GOPHER_BATCH_CONCURRENCY}, {@code GOPHER_BATCH_DEADLINE_SECONDS})
 * default to gopher-mcp's behaviour or its hard-coded values.
 *
 * @param network the settings every network backend has
 * @param oversize what happens to a response larger than {@code GOPHER_MAX_RESPONSE_SIZE}
 * @param maxSelectorLength longest selector, in UTF-8 bytes
 * @param maxSearchLength longest type-7 search string, in UTF-8 bytes
 * @param maxUrlLength longest URL, in UTF-8 bytes
 * @param maxMenuItems most menu items returned
 * @param robots the robots.txt settings every network backend has
 * @param robotsUnavailable what to do when a host's robots.txt cannot be read
 */
@SettingsGroup(prefix = "gopher", envPrefix = "GOPHER", title = "Gopher")
public record GopherSettings(
        NetworkSettings network,

        @Setting(value = "What to do with a response larger than GOPHER_MAX_RESPONSE_SIZE: 'truncate' returns the first "
                + "GOPHER_MAX_RESPONSE_SIZE bytes with truncated=true; 'reject' fails with TOO_LARGE (gopher-mcp's behaviour).",
                defaultValue = "truncate")
        @NotNull Oversize oversize,

        @Setting(value = "Longest selector accepted, in UTF-8 bytes after percent-decoding.", defaultValue = "1024")
        @Min(1) @Max(65536) int maxSelectorLength,

        @Setting(value = "Longest type-7 search string accepted, in UTF-8 bytes after percent-decoding.",
                defaultValue = "256")
        @Min(1) @Max(65536) int maxSearchLength,

        @Setting(value = "Longest gopher:// URL accepted, in UTF-8 bytes.", defaultValue = "8192")
        @Min(16) @Max(65536) int maxUrlLength,

        @Setting(value = "Most menu items returned; further items are dropped and the menu marked truncated.",
                defaultValue = "1000")
        @Min(1) @Max(1000000) int maxMenuItems,

        RobotsSettings robots,

        @Setting(value = "What to do when a Gopher host's robots.txt (selector robots.txt) cannot be read: 'allow' "
                + "fetches anyway (gopher-mcp's Gopher behaviour: few gopherholes have one), 'refuse' fails with "
                + "ROBOTS_UNAVAILABLE.", defaultValue = "allow")
        @NotNull RobotsGate.WhenUnavailable robotsUnavailable) {

    public GopherSettings {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(robots, "robots");
    }

    /** What happens to responses larger than {@code GOPHER_MAX_RESPONSE_SIZE}. */
    public enum Oversize {
        /** Return the first {@code maxResponseSize} bytes, marked {@code truncated}. */
        TRUNCATE,
        /** Fail with {@code TOO_LARGE}. */
        REJECT
    }

    /** The defaults, as if no setting were given. */
    public static GopherSettings defaults() {
        return new GopherSettings(NetworkSettings.defaults(), Oversize.TRUNCATE, 1024, 256, 8192, 1000,
                RobotsSettings.defaults(), RobotsGate.WhenUnavailable.ALLOW);
    }
}
