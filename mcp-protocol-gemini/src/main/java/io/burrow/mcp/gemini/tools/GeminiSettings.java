package io.burrow.mcp.gemini.tools;

import io.burrow.mcp.core.config.Setting;
import io.burrow.mcp.core.config.SettingsGroup;
import io.burrow.mcp.core.fetch.NetworkSettings;
import io.burrow.mcp.core.fetch.RobotsGate;
import io.burrow.mcp.core.fetch.RobotsSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the Gemini backend ({@code GEMINI_*}, flags {@code --gemini-*}): the settings every network
 * backend has ({@link NetworkSettings}, bound as {@code GEMINI_TIMEOUT_SECONDS}, {@code GEMINI_ALLOWED_HOSTS}…)
 * and Gemini's own. Names and defaults follow gopher-mcp where it has the setting.
 *
 * @param network the settings every network backend has
 * @param tofuEnabled whether server certificates are pinned
 * @param tofuStoragePath the TOFU store file
 * @param tofuRejectExpired refuse expired server certificates
 * @param clientCertsEnabled whether client identities are presented and can be created
 * @param clientCertsStoragePath the client identity directory
 * @param clientCertValidityDays validity of new client certificates
 * @param deniedMimeTypes MIME types refused
 * @param maxRedirects redirects followed
 * @param followCrossHostRedirects whether redirects to other hosts are followed
 * @param robots the robots.txt settings every network backend has
 * @param robotsUnavailable what to do when a host's robots.txt cannot be read
 * @param preauthorizeTrustChanges apply trust and identity changes without asking the user
 */
@SettingsGroup(prefix = "gemini", envPrefix = "GEMINI", title = "Gemini")
public record GeminiSettings(
        NetworkSettings network,

        @Setting(value = "Pin each server's certificate on first use and refuse a changed one (TOFU). "
                + "Turning this off accepts any certificate.", defaultValue = "true")
        boolean tofuEnabled,

        @Setting(value = "The TOFU store: a JSON file of pinned certificate fingerprints (created 0600).",
                defaultValue = "~/.gemini/tofu.json")
        @NotNull Path tofuStoragePath,

        @Setting(value = "Refuse expired server certificates instead of accepting them with a warning.",
                defaultValue = "false")
        boolean tofuRejectExpired,

        @Setting(value = "Present stored client certificates to the servers in their scope, and allow "
                + "gemini_client_cert_update to create them.", defaultValue = "true")
        boolean clientCertsEnabled,

        @Setting(value = "Directory of client identities: PEM certificates and keys (0600) and their registry.",
                defaultValue = "~/.gemini/certs")
        @NotNull Path clientCertsStoragePath,

        @Setting(value = "Validity of client certificates created by gemini_client_cert_update, in days.",
                defaultValue = "365")
        @Min(1) @Max(36500) int clientCertValidityDays,

        @Setting("MIME types never returned (comma-separated 'type/subtype' or 'type/*'), "
                + "e.g. 'text/html,image/*'.")
        List<@NotNull @Pattern(regexp = "[A-Za-z0-9!#$&^_.+-]+/(\\*|[A-Za-z0-9!#$&^_.+-]+)",
                message = "GEMINI_DENIED_MIME_TYPES entries must be 'type/subtype' or 'type/*'") String> deniedMimeTypes,

        @Setting(value = "Redirects followed per fetch; 0 returns redirect results instead of following them.",
                defaultValue = "5")
        @Min(0) @Max(20) int maxRedirects,

        @Setting(value = "Follow redirects to another host or port; otherwise they are returned as redirect "
                + "results for the caller to decide.", defaultValue = "false")
        boolean followCrossHostRedirects,

        RobotsSettings robots,

        @Setting(value = "What to do when a Gemini host's robots.txt (/robots.txt) cannot be read (timeout, TLS or "
                + "connection failure, a status other than 20 or 51): 'refuse' fails with ROBOTS_UNAVAILABLE "
                + "(gopher-mcp's Gemini behaviour), 'allow' fetches anyway. A 51 (not found) means no rules.",
                defaultValue = "refuse")
        @NotNull RobotsGate.WhenUnavailable robotsUnavailable,

        @Setting(value = "Apply gemini_trust_update and gemini_client_cert_update without asking the user (for unattended "
                + "servers whose operator decides). Otherwise each change is confirmed through the client "
                + "(elicitation), and a refusal, a cancel or a client that cannot ask is USER_DECLINED.",
                defaultValue = "false")
        boolean preauthorizeTrustChanges) {

    public GeminiSettings {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(robots, "robots");
    }
}
