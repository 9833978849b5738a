package io.burrow.mcp.core.fetch;

import io.burrow.mcp.core.config.Setting;
import io.burrow.mcp.core.config.SettingsPart;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * The robots.txt settings every network backend has, embedded in its settings group like
 * {@link NetworkSettings} ({@code GOPHER_RESPECT_ROBOTS_TXT}, {@code GEMINI_RESPECT_ROBOTS_TXT}…). Names,
 * defaults and ranges are gopher-mcp's (0.7+). What happens when robots.txt cannot be read differs by
 * protocol, so each backend declares that setting itself.
 *
 * @param respectRobotsTxt whether robots.txt is read and obeyed
 * @param robotsCacheTtlSeconds how long a host's robots.txt is kept
 * @param robotsHonorAiTokens whether groups for AI crawlers (GPTBot, ClaudeBot, CCBot…) apply too
 * @param robotsFailureBackoffSeconds how long a failure to read robots.txt is remembered
 */
@SettingsPart
public record RobotsSettings(
        @Setting(value = "Read each {title} host's robots.txt and refuse what it disallows for this server "
                + "(BLOCKED_BY_ROBOTS). Server tokens: burrow and gopher-mcp, the generic '*'; see Robots.txt below.",
                defaultValue = "true")
        boolean respectRobotsTxt,

        @Setting(value = "How long a {title} host's robots.txt is kept before it is read again, in seconds "
                + "(0 to 604800; 0 reads it before every fetch).", defaultValue = "86400")
        @Min(0) @Max(604800) int robotsCacheTtlSeconds,

        @Setting(value = "Also obey the robots.txt groups written for AI crawlers (GPTBot, ChatGPT-User, ClaudeBot, "
                + "Claude-Web, anthropic-ai, CCBot, Google-Extended, PerplexityBot, Bytespider, Applebot-Extended, "
                + "meta-externalagent, cohere-ai, OAI-SearchBot): this server fetches for an AI model.",
                defaultValue = "true")
        boolean robotsHonorAiTokens,

        @Setting(value = "How long a failure to read a {title} host's robots.txt is remembered before trying "
                + "again, in seconds (0 to 3600).", defaultValue = "60")
        @Min(0) @Max(3600) int robotsFailureBackoffSeconds) {

    /** The defaults, as if no setting were given. */
    public static RobotsSettings defaults() {
        return new RobotsSettings(true, 86400, true, 60);
    }

    /** Robots.txt ignored. */
    public static RobotsSettings off() {
        return new RobotsSettings(false, 86400, true, 60);
    }

    /** How long a robots.txt is kept. */
    public Duration cacheTtl() {
        return Duration.ofSeconds(robotsCacheTtlSeconds);
    }

    /** How long a failure is remembered. */
    public Duration failureBackoff() {
        return Duration.ofSeconds(robotsFailureBackoffSeconds);
    }
}
