package io.burrow.mcp.gemini.tools.internal;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.core.spi.ReadLimits;
import io.burrow.mcp.core.spi.ResourceData;
import io.burrow.mcp.core.spi.ResourceProvider;
import io.burrow.mcp.core.spi.ResourceTemplateInfo;
import io.burrow.mcp.core.fetch.FetchScope;
import io.burrow.mcp.gemini.GeminiErrors;
import io.burrow.mcp.gemini.GeminiResult;
import io.burrow.mcp.gemini.internal.GeminiFetcher;
import io.burrow.mcp.gemini.internal.MimeType;
import io.burrow.mcp.gemini.internal.TextDecoding;
import java.util.List;
import java.util.Set;

/**
 * {@code gemini://} resources: a read fetches the URL like {@code gemini_fetch} (same policy, TOFU,
 * identities, redirects and cache) and returns the body itself: text with its MIME type (gemtext as
 * written by the server), or the bytes of binary content within the read limit.
 */
public final class GeminiResources implements ResourceProvider {

    private final GeminiFetcher fetcher;

    public GeminiResources(GeminiFetcher fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("gemini");
    }

    @Override
    public List<ResourceTemplateInfo> templates() {
        return List.of(new ResourceTemplateInfo("gemini://{host}/{+path}", "gemini-page", "Gemini page",
                "Any gemini:// URL: gemtext and other text as text, images and other binaries as bytes. Redirects on "
                        + "the same host are followed; pages that ask for input or a certificate are errors "
                        + "(use gemini_fetch).", null));
    }

    @Override
    public ResourceData read(String uri, ReadLimits limits) {
        GeminiFetcher.Fetched f = fetchOrNotFound(uri);
        GeminiResult r = f.result();
        String url = f.url().toString();
        if (r instanceof GeminiResult.Gemtext || r instanceof GeminiResult.Success) {
            MimeType mime = MimeType.parse(f.header().meta());
            String type = mime == null ? "text/gemini" : mime.essence();
            TextDecoding.Decoded d = TextDecoding.decode(f.body(), mime == null ? null : mime.parameter("charset"),
                    f.truncated());
            String text = d.text();
            if (text.length() > limits.maxBytes()) {
                text = text.substring(0, (int) limits.maxBytes());
            }
            return ResourceData.text(uri, type, text);
        }
        if (r instanceof GeminiResult.Binary b) {
            if (f.truncated() || f.body().length > limits.maxBytes()) {
                throw new BurrowException(ErrorCodes.TOO_LARGE, "The content of " + url + " is larger than "
                        + Math.min(limits.maxBytes(), fetcher.settings().network().maxResponseSize()) + " bytes")
                        .withDetail("mime_type", b.mimeType());
            }
            return ResourceData.blob(uri, b.mimeType(), f.body());
        }
        if (r instanceof GeminiResult.Input in) {
            throw new InvalidRequestException("The page asks for input: " + in.prompt(),
                    "Use gemini_fetch with 'input' to answer it.");
        }
        if (r instanceof GeminiResult.Redirect red) {
            throw new InvalidRequestException("The page redirects to " + red.newUrl(), red.reason());
        }
        GeminiResult.Certificate c = (GeminiResult.Certificate) r;
        throw new InvalidRequestException("The page needs a client certificate (status " + c.status() + ")", c.hint());
    }

    /**
     * Fetches for a read: a page the server says does not exist (51) or is gone (52) is a missing resource
     * ({@code NOT_FOUND}, -32002 or -32602 by protocol generation); {@code gemini_fetch} keeps
     * {@code PERMANENT_ERROR} for them, as the reference does.
     */
    private GeminiFetcher.Fetched fetchOrNotFound(String uri) {
        try {
            return fetcher.fetchBytes(uri, FetchScope.NONE);
        } catch (BurrowException e) {
            Object status = e.details().get("status");
            if (e.errorCode().equals(GeminiErrors.PERMANENT_ERROR) && (Integer.valueOf(51).equals(status)
                    || Integer.valueOf(52).equals(status))) {
                BurrowException missing = new BurrowException(ErrorCodes.NOT_FOUND, e.getMessage(), e.hint())
                        .withDetail("status", status);
                e.context().forEach(missing::withContext);
                throw missing;
            }
            throw e;
        }
    }
}
