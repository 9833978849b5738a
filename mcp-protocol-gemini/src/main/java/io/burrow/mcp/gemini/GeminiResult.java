package io.burrow.mcp.gemini;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The outcome of a Gemini fetch that is not an error. Serialised with snake_case keys and a
 * {@code kind} discriminator: {@code gemtext}, {@code success}, {@code binary}, {@code input},
 * {@code redirect} or {@code certificate}. Failures (4x, 5x, TLS, TOFU, policy…) are
 * {@link io.burrow.mcp.core.BurrowException}s with the codes of {@link GeminiErrors}.
 */
public sealed interface GeminiResult permits GeminiResult.Gemtext, GeminiResult.Success, GeminiResult.Binary,
        GeminiResult.Input, GeminiResult.Redirect, GeminiResult.Certificate {

    /** The discriminator. */
    String kind();

    /** What was fetched and how. */
    RequestInfo requestInfo();

    /** The same result with another request info (redirect chain, cache flag). */
    GeminiResult withRequestInfo(RequestInfo info);

    /**
     * Status 2x with {@code text/gemini}: the parsed page.
     *
     * @param document lines and links, link URLs absolute
     * @param charset the charset the body was decoded with
     * @param lang the {@code lang} parameter of the MIME type, or {@code null}
     * @param size body bytes received
     * @param truncated whether text follows this window (the render cap) or the body was cut at the size cap
     * @param nextOffset the character offset of the next window (a line start), or {@code null}
     *     (serialised as {@code null}) when this window ends the page
     * @param totalChars the characters of the whole page (UTF-16 units)
     * @param partialLine {@code true} when one line is longer than a window and was cut, else absent
     * @param feed the gemlog index the page is (dated links, newest first), on the first window; else absent
     * @param requestInfo request details
     */
    @JsonPropertyOrder({"kind"})
    record Gemtext(GemtextDocument document, String charset, String lang, long size, boolean truncated,
            @JsonInclude(JsonInclude.Include.ALWAYS) Integer nextOffset, Integer totalChars, Boolean partialLine,
            GemlogFeed feed, RequestInfo requestInfo) implements GeminiResult {

        /** A whole page in one window. */
        public Gemtext(GemtextDocument document, String charset, String lang, long size, boolean truncated,
                RequestInfo requestInfo) {
            this(document, charset, lang, size, truncated, null, null, null, null, requestInfo);
        }

        @Override
        @JsonProperty("kind")
        public String kind() {
            return "gemtext";
        }

        @Override
        public Gemtext withRequestInfo(RequestInfo info) {
            return new Gemtext(document, charset, lang, size, truncated, nextOffset, totalChars, partialLine, feed,
                    info);
        }
    }

    /**
     * Status 2x with another {@code text/*} type: the decoded text.
     *
     * @param mimeType the MIME type and its parameters
     * @param content the text
     * @param size body bytes received
     * @param truncated whether text follows this window (the render cap) or the body was cut at the size cap
     * @param nextOffset the character offset of the next window, or {@code null} (serialised as
     *     {@code null}) when this window ends the text
     * @param totalChars the characters of the whole text (UTF-16 units; a window never splits a pair)
     * @param requestInfo request details
     */
    @JsonPropertyOrder({"kind"})
    record Success(MimeInfo mimeType, String content, long size, boolean truncated,
            @JsonInclude(JsonInclude.Include.ALWAYS) Integer nextOffset, Integer totalChars, RequestInfo requestInfo)
            implements GeminiResult {

        /** A whole text in one window. */
        public Success(MimeInfo mimeType, String content, long size, boolean truncated, RequestInfo requestInfo) {
            this(mimeType, content, size, truncated, null, content.length(), requestInfo);
        }

        @Override
        @JsonProperty("kind")
        public String kind() {
            return "success";
        }

        @Override
        public Success withRequestInfo(RequestInfo info) {
            return new Success(mimeType, content, size, truncated, nextOffset, totalChars, info);
        }
    }

    /**
     * Status 2x with a non-text type: metadata only, the bytes are not returned.
     *
     * @param mimeType the MIME type ({@code type/subtype})
     * @param size body bytes received
     * @param truncated whether the body exceeded the size cap (then {@code size} is the cap)
     * @param note why there is no content
     * @param requestInfo request details
     */
    @JsonPropertyOrder({"kind"})
    record Binary(String mimeType, long size, boolean truncated, String note, RequestInfo requestInfo)
            implements GeminiResult {
        @Override
        @JsonProperty("kind")
        public String kind() {
            return "binary";
        }

        @Override
        public Binary withRequestInfo(RequestInfo info) {
            return new Binary(mimeType, size, truncated, note, info);
        }
    }

    /**
     * Status 10 or 11: the server asks for input; fetch again with {@code input}.
     *
     * @param prompt the server's prompt
     * @param sensitive status 11: the answer is a secret (never logged, cached or echoed)
     * @param status 10 or 11
     * @param requestInfo request details
     */
    @JsonPropertyOrder({"kind"})
    record Input(String prompt, boolean sensitive, int status, RequestInfo requestInfo) implements GeminiResult {
        @Override
        @JsonProperty("kind")
        public String kind() {
            return "input";
        }

        @Override
        public Input withRequestInfo(RequestInfo info) {
            return new Input(prompt, sensitive, status, info);
        }
    }

    /**
     * Status 30 or 31 that was not followed.
     *
     * @param newUrl the absolute target
     * @param permanent status 31
     * @param status 30 or 31
     * @param crossHost whether the target is on another host or port, else {@code null}
     * @param reason why it was not followed
     * @param requestInfo request details (with the redirects followed before this one)
     */
    @JsonPropertyOrder({"kind"})
    record Redirect(String newUrl, boolean permanent, int status, Boolean crossHost, String reason,
            RequestInfo requestInfo) implements GeminiResult {
        @Override
        @JsonProperty("kind")
        public String kind() {
            return "redirect";
        }

        @Override
        public Redirect withRequestInfo(RequestInfo info) {
            return new Redirect(newUrl, permanent, status, crossHost, reason, info);
        }
    }

    /**
     * Status 60–62: the server wants a (different) client certificate.
     *
     * @param status 60 (required), 61 (not authorised) or 62 (not valid)
     * @param message the server's message
     * @param required status 60
     * @param identity the stored identity that was presented, or {@code null} when none applies
     * @param suggestedScope a scope to create an identity for, when none applies
     * @param hint what to do next
     * @param requestInfo request details
     */
    @JsonPropertyOrder({"kind"})
    record Certificate(int status, String message, boolean required, ClientIdentity identity, String suggestedScope,
            String hint, RequestInfo requestInfo) implements GeminiResult {
        @Override
        @JsonProperty("kind")
        public String kind() {
            return "certificate";
        }

        @Override
        public Certificate withRequestInfo(RequestInfo info) {
            return new Certificate(status, message, required, identity, suggestedScope, hint, info);
        }
    }

    /**
     * A MIME type with its parameters.
     *
     * @param type the top-level type, lower case
     * @param subtype the subtype, lower case
     * @param charset the {@code charset} parameter, or {@code null}
     * @param lang the {@code lang} parameter, or {@code null}
     */
    record MimeInfo(String type, String subtype, String charset, String lang) {

        /** {@code type/subtype}. */
        public String essence() {
            return type + "/" + subtype;
        }
    }
}
