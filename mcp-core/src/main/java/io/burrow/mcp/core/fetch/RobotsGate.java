package io.burrow.mcp.core.fetch;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A backend's robots.txt check: reads each host's robots.txt once (through a {@link Loader} the backend
 * supplies, which fetches it over the protocol within the request's deadline and through the same
 * {@link Upstream}, so it counts against the host's rate), keeps it per host and port for
 * {@link RobotsSettings#cacheTtl()} (a failure for {@link RobotsSettings#failureBackoff()}), and refuses
 * the paths it disallows with {@code BLOCKED_BY_ROBOTS}, quoting the rule. When robots.txt cannot be read
 * the backend's {@link WhenUnavailable} decides: proceed, or refuse with {@code ROBOTS_UNAVAILABLE}.
 * Thread-safe; concurrent fetches of a cold host read its robots.txt once.
 */
public final class RobotsGate {

    /** Product tokens of AI crawlers whose groups apply when {@link RobotsSettings#robotsHonorAiTokens()}. */
    public static final List<String> AI_TOKENS = List.of("gptbot", "chatgpt-user", "oai-searchbot", "claudebot",
            "claude-web", "anthropic-ai", "ccbot", "google-extended", "perplexitybot", "bytespider",
            "applebot-extended", "meta-externalagent", "cohere-ai");

    /** This server's own product tokens: its name, and gopher-mcp's, whose users' robots.txt rules carry over. */
    public static final List<String> SERVER_TOKENS = List.of("burrow", "gopher-mcp");

    /** What to do when a host's robots.txt cannot be read (timeout, connection failure, server error). */
    public enum WhenUnavailable {
        /** Fetch anyway (gopher-mcp's Gopher default). */
        ALLOW,
        /** Refuse with {@code ROBOTS_UNAVAILABLE} (gopher-mcp's Gemini default). */
        REFUSE
    }

    /**
     * What reading a host's robots.txt gave.
     *
     * @param robots the rules ({@link RobotsTxt#EMPTY} when the host has none), or {@code null} when unavailable
     * @param reason why it is unavailable, or {@code null}
     */
    public record Loaded(RobotsTxt robots, String reason) {

        /** The host's rules. */
        public static Loaded found(RobotsTxt robots) {
            return new Loaded(Objects.requireNonNull(robots, "robots"), null);
        }

        /** The host has no robots.txt: everything is allowed. */
        public static Loaded none() {
            return new Loaded(RobotsTxt.EMPTY, null);
        }

        /** Robots.txt could not be read; {@code reason} is client-safe (no addresses). */
        public static Loaded unavailable(String reason) {
            return new Loaded(null, Objects.requireNonNull(reason, "reason"));
        }
    }

    /** Reads a host's robots.txt; may throw {@code CANCELLED}, {@code BLOCKED} or {@code DNS_ERROR}, which are not cached. */
    @FunctionalInterface
    public interface Loader {
        Loaded load(String host, int port);
    }

    private final RobotsSettings settings;
    private final WhenUnavailable whenUnavailable;
    private final List<String> agents;
    private final Cache<String, Loaded> cache;

    private RobotsGate(RobotsSettings settings, WhenUnavailable whenUnavailable, List<String> agents, Ticker ticker) {
        this.settings = settings;
        this.whenUnavailable = whenUnavailable;
        this.agents = List.copyOf(agents);
        long ttl = settings.cacheTtl().toNanos();
        long backoff = settings.failureBackoff().toNanos();
        this.cache = Caffeine.newBuilder().maximumSize(10_000).ticker(ticker)
                .expireAfter(new Expiry<String, Loaded>() {
                    @Override
                    public long expireAfterCreate(String key, Loaded value, long currentTime) {
                        return value.robots() == null ? backoff : ttl;
                    }

                    @Override
                    public long expireAfterUpdate(String key, Loaded value, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, Loaded value, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                }).build();
    }

    /**
     * A gate for a backend.
     *
     * @param virtualAgents further tokens the protocol's conventions define (Gemini: {@code indexer},
     *     {@code webproxy}); {@link #SERVER_TOKENS} and, when honoured, {@link #AI_TOKENS} are added
     */
    public static RobotsGate create(RobotsSettings settings, WhenUnavailable whenUnavailable, List<String> virtualAgents,
            Ticker ticker) {
        List<String> agents = new ArrayList<>(SERVER_TOKENS);
        agents.addAll(virtualAgents);
        if (settings.robotsHonorAiTokens()) {
            agents.addAll(AI_TOKENS);
        }
        return new RobotsGate(settings, Objects.requireNonNull(whenUnavailable, "whenUnavailable"), agents,
                Objects.requireNonNull(ticker, "ticker"));
    }

    /** Whether robots.txt is obeyed. */
    public boolean enabled() {
        return settings.respectRobotsTxt();
    }

    /** The product tokens this gate matches groups for ({@code *} is implied). */
    public List<String> agents() {
        return agents;
    }

    /** What to do when robots.txt cannot be read. */
    public WhenUnavailable whenUnavailable() {
        return whenUnavailable;
    }

    /**
     * Checks a URL's paths against its host's robots.txt, reading it first when it is not cached. Every
     * path must be allowed (a Gopher selector is tried with and without its item type).
     *
     * @param paths the URL's path forms, each starting with {@code /}
     * @throws BurrowException {@code BLOCKED_BY_ROBOTS} (with {@code rule}, {@code user_agent},
     *     {@code robots_url}), {@code ROBOTS_UNAVAILABLE} (with {@code reason}), or what the loader threw
     */
    public void check(String host, int port, List<String> paths, String robotsUrl, Loader loader) {
        if (!settings.respectRobotsTxt()) {
            return;
        }
        Loaded loaded = cache.get(Upstream.rateKey(host, port), k -> loader.load(host, port));
        if (loaded.robots() == null) {
            if (whenUnavailable == WhenUnavailable.REFUSE) {
                throw new BurrowException(ErrorCodes.ROBOTS_UNAVAILABLE,
                        "Could not read " + robotsUrl + " (" + loaded.reason() + "), and this server does not fetch "
                                + "from a host whose robots.txt it cannot read",
                        "Try again later (the failure is remembered for " + settings.robotsFailureBackoffSeconds()
                                + " s); the operator can allow such hosts with the *_ROBOTS_UNAVAILABLE setting.")
                        .withDetail("reason", loaded.reason()).withDetail("robots_url", robotsUrl);
            }
            return;
        }
        for (String path : paths) {
            RobotsTxt.Decision d = loaded.robots().decide(agents, path);
            if (!d.allowed()) {
                throw new BurrowException(ErrorCodes.BLOCKED_BY_ROBOTS,
                        "The site's robots.txt disallows this URL for this server (" + d.rule() + ")",
                        "Respect it: do not fetch this URL or work around the rule; fetch other, allowed URLs of the "
                                + "site, or tell the user the site's owner opted out.")
                        .withDetail("rule", ServerText.line(d.rule())).withDetail("user_agent", d.userAgent())
                        .withDetail("robots_url", robotsUrl);
            }
        }
    }

    /** Forgets every host's robots.txt (a refresh of everything, tests). */
    public void invalidateAll() {
        cache.invalidateAll();
    }

    /** Forgets a host's robots.txt. */
    public void invalidate(String host, int port) {
        cache.invalidate(Upstream.rateKey(host, port));
    }
}
