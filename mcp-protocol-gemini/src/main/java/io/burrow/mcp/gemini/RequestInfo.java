package io.burrow.mcp.gemini;

import java.util.List;

/**
 * What was fetched and how, attached to every result as {@code request_info}. Never contains the
 * query (it may be a status-11 secret): only {@link #hasQuery()}.
 *
 * @param url the final URL without its query
 * @param host the host
 * @param port the port
 * @param path the path
 * @param hasQuery whether the request carried a query
 * @param timestamp when the response was received (ISO-8601)
 * @param tlsVersion the negotiated TLS version, e.g. {@code TLSv1.3}
 * @param cipher the negotiated cipher suite
 * @param certFingerprint SHA-256 of the server's leaf certificate (DER), lower-case hex
 * @param tofu {@code first_use}, {@code match} or {@code disabled}
 * @param tofuWarning a warning about the server certificate (first use, expired, TOFU disabled), or {@code null}
 * @param identity the name of the client identity presented, or {@code null}
 * @param redirects the redirects followed to get here, or {@code null} when none
 * @param cached {@code true} when served from the cache, else {@code null}
 * @param cachedAt when the cached answer was downloaded (ISO-8601), on cache hits only
 * @param cacheAgeSeconds how old the cached answer is, in whole seconds, on cache hits only
 * @param offset the character offset of this window of the text, when not 0
 */
public record RequestInfo(String url, String host, int port, String path, boolean hasQuery, String timestamp,
        String tlsVersion, String cipher, String certFingerprint, String tofu, String tofuWarning, String identity,
        List<RedirectHop> redirects, Boolean cached, String cachedAt, Long cacheAgeSeconds, Integer offset) {

    /** Request information without cache fields or offset. */
    public RequestInfo(String url, String host, int port, String path, boolean hasQuery, String timestamp,
            String tlsVersion, String cipher, String certFingerprint, String tofu, String tofuWarning, String identity,
            List<RedirectHop> redirects, Boolean cached) {
        this(url, host, port, path, hasQuery, timestamp, tlsVersion, cipher, certFingerprint, tofu, tofuWarning,
                identity, redirects, cached, null, null, null);
    }

    /** This request info with the redirect chain that led to it. */
    public RequestInfo withRedirects(List<RedirectHop> hops) {
        return new RequestInfo(url, host, port, path, hasQuery, timestamp, tlsVersion, cipher, certFingerprint, tofu,
                tofuWarning, identity, hops == null || hops.isEmpty() ? null : List.copyOf(hops), cached, cachedAt,
                cacheAgeSeconds, offset);
    }

    /** This request info marked as served from the cache. */
    public RequestInfo asCached() {
        return new RequestInfo(url, host, port, path, hasQuery, timestamp, tlsVersion, cipher, certFingerprint, tofu,
                tofuWarning, identity, redirects, Boolean.TRUE, cachedAt, cacheAgeSeconds, offset);
    }

    /** This request info served from the cache, downloaded {@code ageSeconds} ago (at {@link #timestamp()}). */
    public RequestInfo asCached(long ageSeconds) {
        return new RequestInfo(url, host, port, path, hasQuery, timestamp, tlsVersion, cipher, certFingerprint, tofu,
                tofuWarning, identity, redirects, Boolean.TRUE, timestamp, Math.max(0, ageSeconds), offset);
    }

    /** This request info for the window at {@code offset}. */
    public RequestInfo withOffset(int offset) {
        return new RequestInfo(url, host, port, path, hasQuery, timestamp, tlsVersion, cipher, certFingerprint, tofu,
                tofuWarning, identity, redirects, cached, cachedAt, cacheAgeSeconds, offset == 0 ? null : offset);
    }

    /**
     * One redirect that was followed.
     *
     * @param url the URL that answered with a redirect (without query)
     * @param status 30 (temporary) or 31 (permanent)
     * @param newUrl the absolute target (without query)
     */
    public record RedirectHop(String url, int status, String newUrl) {
    }
}
