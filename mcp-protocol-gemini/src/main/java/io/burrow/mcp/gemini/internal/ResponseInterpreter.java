package io.burrow.mcp.gemini.internal;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.fetch.ServerText;
import io.burrow.mcp.gemini.ClientIdentity;
import io.burrow.mcp.gemini.GeminiErrors;
import io.burrow.mcp.gemini.GeminiResult;
import io.burrow.mcp.gemini.GeminiUrl;
import io.burrow.mcp.gemini.GemtextDocument;
import io.burrow.mcp.gemini.RequestInfo;
import java.util.List;

/**
 * Turns a Gemini response (header and body) into a {@link GeminiResult} or an error, independent of
 * the network, so that recorded responses can be replayed in tests. Redirects are the caller's business.
 */
public final class ResponseInterpreter {

    /** Most seconds a status 44 may ask a client to wait. */
    public static final int MAX_SLOW_DOWN_SECONDS = 300;
    /** Seconds assumed when a status 44 gives no number. */
    public static final int DEFAULT_SLOW_DOWN_SECONDS = 60;

    /**
     * Limits applied while interpreting.
     *
     * @param maxRenderedChars most characters of text returned (0: no limit)
     * @param deniedMimeTypes MIME patterns refused
     * @param clientCertsEnabled whether identities can be used (changes the hint of a certificate result)
     */
    public record Limits(int maxRenderedChars, List<String> deniedMimeTypes, boolean clientCertsEnabled) {
        public Limits {
            deniedMimeTypes = deniedMimeTypes == null ? List.of() : List.copyOf(deniedMimeTypes);
        }
    }

    private ResponseInterpreter() {
    }

    /**
     * Interprets a non-redirect response.
     *
     * @param url the URL requested
     * @param header the header
     * @param body the body bytes kept (2x only)
     * @param size body bytes received
     * @param truncated whether the body was cut
     * @param info request details for the result
     * @param identity the identity presented, or {@code null}
     * @throws BurrowException for 4x ({@code TEMPORARY_ERROR}), 5x ({@code PERMANENT_ERROR}) and a denied
     *     MIME type ({@code CONTENT_FILTERED})
     */
    public static GeminiResult interpret(GeminiUrl url, ResponseHeader header, byte[] body, long size, boolean truncated,
            RequestInfo info, ClientIdentity identity, Limits limits) {
        return interpret(url, header, body, size, truncated, info, identity, limits, 0);
    }

    /**
     * Interprets a non-redirect response, returning the window of a 2x text that starts at character
     * {@code offset}: at most {@code maxRenderedChars} characters, for gemtext ending at a line end (a line
     * longer than a window is cut and marked {@code partial_line}), never splitting a surrogate pair.
     *
     * @throws BurrowException as {@link #interpret(GeminiUrl, ResponseHeader, byte[], long, boolean, RequestInfo,
     *     ClientIdentity, Limits)}, and {@code INVALID_REQUEST} for an offset past the end
     */
    public static GeminiResult interpret(GeminiUrl url, ResponseHeader header, byte[] body, long size, boolean truncated,
            RequestInfo info, ClientIdentity identity, Limits limits, int offset) {
        int status = header.status();
        switch (header.category()) {
            case 1:
                return new GeminiResult.Input(ServerText.line(header.meta()), status == 11, status == 11 ? 11 : 10, info);
            case 2:
                return success(url, header, body, size, truncated, info, limits, offset);
            case 3:
                throw new IllegalArgumentException("redirects are handled by the client");
            case 4:
                throw failure(GeminiErrors.TEMPORARY_ERROR, header, info).withDetail("temporary", true);
            case 5:
                throw failure(GeminiErrors.PERMANENT_ERROR, header, info);
            default:
                return certificate(url, header, info, identity, limits);
        }
    }

    private static GeminiResult success(GeminiUrl url, ResponseHeader header, byte[] body, long size, boolean truncated,
            RequestInfo info, Limits limits, int offset) {
        MimeType mime = MimeType.parse(header.meta());
        if (mime == null) {
            String sniffed = Sniffer.binaryType(body);
            mime = sniffed != null ? MimeType.parse(sniffed) : MimeType.DEFAULT;
        }
        if (mime.matchesAny(limits.deniedMimeTypes())) {
            throw new BurrowException(GeminiErrors.CONTENT_FILTERED,
                    "Responses of type " + mime.essence() + " are not returned",
                    "The operator denied this MIME type (GEMINI_DENIED_MIME_TYPES).")
                    .withDetail("status", header.status()).withDetail("mime_type", mime.essence())
                    .withContext("request_info", info);
        }
        if (!mime.type().equals("text")) {
            String type = mime.essence();
            if (type.equals("application/octet-stream")) {
                String sniffed = Sniffer.binaryType(body);
                type = sniffed != null ? sniffed : type;
            }
            return new GeminiResult.Binary(type, size, truncated,
                    "Binary content is not returned; read the URL as a resource to get its bytes.", info);
        }
        TextDecoding.Decoded decoded = TextDecoding.decode(body, mime.parameter("charset"), truncated);
        String text = ServerText.body(decoded.text());
        int total = text.length();
        if (offset < 0 || (offset > 0 && offset >= total)) {
            throw new io.burrow.mcp.core.InvalidRequestException("offset " + offset + " is past the end (total_chars "
                    + total + ")", "Use the next_offset of the previous window; null means there is nothing more.")
                    .withDetail("total_chars", total);
        }
        int cap = limits.maxRenderedChars();
        int start = offset;
        if (start > 0 && Character.isLowSurrogate(text.charAt(start)) && Character.isHighSurrogate(text.charAt(start - 1))) {
            start--;
        }
        boolean gemtext = mime.subtype().equals("gemini");
        int end = cap == 0 ? total : (int) Math.min(total, (long) start + cap);
        boolean partialLine = false;
        if (end < total) {
            int lastLf = gemtext ? text.lastIndexOf('\n', end - 1) : -1;
            if (gemtext && lastLf >= start) {
                end = lastLf + 1; // a window of gemtext ends at a line end
            } else {
                partialLine = gemtext;
                if (end > start + 1 && Character.isHighSurrogate(text.charAt(end - 1))) {
                    end--;
                }
            }
        }
        boolean more = end < total;
        Integer next = more ? end : null;
        String window = start == 0 && end == total ? text : text.substring(start, end);
        String lang = mime.parameter("lang");
        lang = lang == null ? null : ServerText.line(lang);
        if (gemtext) {
            boolean inPre = start > 0 && GemtextParser.preformattedAt(text, start);
            java.util.function.UnaryOperator<String> resolver = url == null ? s -> s : url::resolve;
            GemtextDocument doc = GemtextParser.parse(window, resolver, inPre);
            io.burrow.mcp.gemini.GemlogFeed feed = start > 0 ? null
                    : GemlogFeeds.recognise(window.length() == total ? doc : GemtextParser.parse(text, resolver));
            return new GeminiResult.Gemtext(doc, decoded.charset(), lang, size, more || truncated, next, total,
                    partialLine ? Boolean.TRUE : null, feed, info);
        }
        return new GeminiResult.Success(new GeminiResult.MimeInfo(mime.type(), mime.subtype(), decoded.charset(), lang),
                window, size, more || truncated, next, total, info);
    }

    private static GeminiResult certificate(GeminiUrl url, ResponseHeader header, RequestInfo info, ClientIdentity identity,
            Limits limits) {
        int status = header.status();
        String message = header.meta().isEmpty() ? defaultCertificateMessage(status) : meta(header.meta());
        if (identity != null) {
            String hint = "The server did not accept identity '" + identity.name() + "' (fingerprint "
                    + identity.fingerprint() + "). Ask the capsule's owner to authorise that fingerprint, or create "
                    + "another identity with a narrower scope with gemini_client_cert_update.";
            return new GeminiResult.Certificate(status, message, status == 60, identity, null, hint, info);
        }
        String scope = "gemini://" + url.authority() + scopeOf(url.path());
        String hint = limits.clientCertsEnabled()
                ? "If the user wants to sign in, create an identity with gemini_client_cert_update "
                        + "{\"action\":\"create\",\"url\":\"" + scope + "\"} (the user is asked) and fetch again; it is "
                        + "presented to every URL in its scope."
                : "Client certificates are disabled on this server (GEMINI_CLIENT_CERTS_ENABLED=false).";
        return new GeminiResult.Certificate(status, message, status == 60, null, scope, hint, info);
    }

    private static String scopeOf(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    private static String defaultCertificateMessage(int status) {
        return switch (status) {
            case 61 -> "Certificate not authorised";
            case 62 -> "Certificate not valid";
            default -> "Client certificate required";
        };
    }

    private static BurrowException failure(io.burrow.mcp.core.ErrorCode code, ResponseHeader header, RequestInfo info) {
        BurrowException e = new BurrowException(code, "The server answered " + header.status() + " ("
                + describe(header.status()) + ")", hint(header.status())).withDetail("status", header.status());
        String meta = meta(header.meta());
        if (!meta.isEmpty()) {
            e.withDetail("meta", meta);
        }
        return e.withContext("request_info", info);
    }

    /** The capsule's own text of a status line, cleaned and capped at 300 characters: untrusted. */
    static String meta(String raw) {
        String m = ServerText.line(raw).strip();
        return m.length() > 300 ? m.substring(0, Character.isHighSurrogate(m.charAt(299)) ? 299 : 300) + "…" : m;
    }

    private static String describe(int status) {
        return switch (status) {
            case 40 -> "temporary failure";
            case 41 -> "server unavailable";
            case 42 -> "CGI error";
            case 43 -> "proxy error";
            case 44 -> "slow down";
            case 50 -> "permanent failure";
            case 51 -> "not found";
            case 52 -> "gone";
            case 53 -> "proxy request refused";
            case 59 -> "bad request";
            default -> status < 50 ? "temporary failure" : "permanent failure";
        };
    }

    private static String hint(int status) {
        return switch (status) {
            case 40, 41 -> "The server is unavailable; try again later.";
            case 42 -> "A script on the server failed; try again later or report it to the capsule's owner.";
            case 43 -> "The server could not reach the host it proxies to.";
            case 44 -> "The server asks to slow down; this host is paused for the time it gave.";
            case 51 -> "The page does not exist; check the URL or go up one level.";
            case 52 -> "The page is gone for good.";
            case 53 -> "The server refuses requests for other hosts or ports; check the host name and port.";
            case 59 -> "The server rejected the request as malformed.";
            default -> null;
        };
    }

    /** Seconds to pause a host after status 44: the meta as a number, else 60; clamped to 1–300. */
    public static int slowDownSeconds(String meta) {
        try {
            double d = Double.parseDouble(meta.strip());
            if (Double.isNaN(d)) {
                return DEFAULT_SLOW_DOWN_SECONDS;
            }
            return (int) Math.max(1, Math.min(MAX_SLOW_DOWN_SECONDS, Math.ceil(d)));
        } catch (NumberFormatException e) {
            return DEFAULT_SLOW_DOWN_SECONDS;
        }
    }
}
