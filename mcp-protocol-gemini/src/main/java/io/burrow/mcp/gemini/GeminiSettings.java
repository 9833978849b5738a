package io.burrow.mcp.gemini;

import io.burrow.mcp.core.config.Setting;
import io.burrow.mcp.core.config.SettingsGroup;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Settings of the Gemini backend ({@code GEMINI_*}, flags {@code --gemini-*}). Names and defaults follow
 * gopher-mcp where it has the setting.
 *
 * @param maxResponseSize bytes read from a response body before it is cut
 * @param timeoutSeconds deadline of one request, from name resolution to the last byte
 * @param cacheEnabled whether successful responses are cached
 * @param cacheTtlSeconds how long a cached response is served
 * @param maxCacheEntries how many responses are cached
 * @param maxRenderedChars characters of text returned before it is cut
 * @param allowedHosts only these hosts when not empty
 * @param allowedPorts only these ports when not empty
 * @param allowLocalHosts allow loopback and private addresses
 * @param allowMetadataHosts allow cloud metadata addresses, which {@code allowLocalHosts} does not cover
 * @param requestsPerMinute per-host request rate
 * @param maxConcurrentRequests simultaneous fetches
 * @param tofuEnabled whether server certificates are pinned
 * @param tofuStoragePath the TOFU store file
 * @param tofuRejectExpired refuse expired server certificates
 * @param clientCertsEnabled whether client identities are presented and can be created
 * @param clientCertsStoragePath the client identity directory
 * @param clientCertValidityDays validity of new client certificates
 * @param deniedMimeTypes MIME types refused
 * @param maxRedirects redirects followed
 * @param followCrossHostRedirects whether redirects to other hosts are followed
 * @param batchConcurrency simultaneous fetches of one batch
 */
@SettingsGroup(prefix = "gemini", envPrefix = "GEMINI", title = "Gemini")
public record GeminiSettings(
        @Setting(value = "Largest response body read, in bytes; longer bodies are cut and marked truncated "
                + "(binary ones report their size only).", defaultValue = "1048576")
        @Min(1024) @Max(104857600) long maxResponseSize,

        @Setting(value = "Deadline for one Gemini request, in seconds, covering name resolution, connect, TLS "
                + "handshake, sending and reading the whole response.", defaultValue = "30")
        @Min(1) @Max(300) int timeoutSeconds,

        @Setting(value = "Cache successful responses of URLs without a query (never status-11 answers).",
                defaultValue = "true")
        boolean cacheEnabled,

        @Setting(value = "How long a cached response is served, in seconds; 0 disables the cache.",
                defaultValue = "300")
        @Min(0) @Max(86400) int cacheTtlSeconds,

        @Setting(value = "Most responses kept in the cache.", defaultValue = "1000")
        @Min(1) @Max(100000) int maxCacheEntries,

        @Setting(value = "Most characters of text or gemtext returned; longer text is cut and marked "
                + "truncated. 0 means no limit.", defaultValue = "50000")
        @Min(0) @Max(10000000) int maxRenderedChars,

        @Setting("Only these hosts may be fetched when set (comma-separated; '*.example.org' allows subdomains).")
        Set<@NotNull @Pattern(regexp = "(\\*\\.)?[A-Za-z0-9_.:\\[\\]-]+",
                message = "GEMINI_ALLOWED_HOSTS entries must be host names, '*.domain' or IP addresses") String> allowedHosts,

        @Setting("Only these ports may be fetched when set (comma-separated); the dangerous ports under Host policy "
                + "below are refused even when listed.")
        Set<@NotNull @Min(value = 1, message = "GEMINI_ALLOWED_PORTS entries must be 1-65535")
                @Max(value = 65535, message = "GEMINI_ALLOWED_PORTS entries must be 1-65535") Integer> allowedPorts,

        @Setting(value = "Allow hosts that resolve to loopback, private, link-local or other non-public addresses "
                + "(the dangerous-port denylist still applies; cloud metadata addresses need "
                + "GEMINI_ALLOW_METADATA_HOSTS).", defaultValue = "false")
        boolean allowLocalHosts,

        @Setting(value = "Allow hosts that resolve to cloud metadata endpoints (169.254.169.254, fd00:ec2::254, "
                + "100.100.100.200 and the others under Host policy below), which hand out the machine's credentials "
                + "and which GEMINI_ALLOW_LOCAL_HOSTS does not allow.", defaultValue = "false")
        boolean allowMetadataHosts,

        @Setting(value = "Requests per minute to one host; 0 means no limit (status 44 slow-down is honoured "
                + "regardless).", defaultValue = "0")
        @Min(0) @Max(10000) int requestsPerMinute,

        @Setting(value = "Most Gemini fetches in flight at once; 0 means no limit.", defaultValue = "0")
        @Min(0) @Max(1000) int maxConcurrentRequests,

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
                + "gemini_client_cert to create them.", defaultValue = "true")
        boolean clientCertsEnabled,

        @Setting(value = "Directory of client identities: PEM certificates and keys (0600) and their registry.",
                defaultValue = "~/.gemini/certs")
        @NotNull Path clientCertsStoragePath,

        @Setting(value = "Validity of client certificates created by gemini_client_cert, in days.",
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

        @Setting(value = "Fetches of one gemini_batch_fetch call run at once.", defaultValue = "5")
        @Min(1) @Max(16) int batchConcurrency) {
}
