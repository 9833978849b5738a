package io.burrow.mcp.testkit.gopher;

import java.nio.charset.StandardCharsets;

/**
 * A request received by a {@link FakeGopherServer}: the request line split at its TABs.
 *
 * @param selector the selector (UTF-8), before the first TAB
 * @param search the search string after the first TAB, or {@code null} when the line had no TAB
 * @param gopherPlus what follows a second TAB (a Gopher+ string such as {@code +} or {@code $}), or {@code null}
 * @param rawLine the bytes received, without the line terminator
 * @param terminated whether the line ended with LF (or CRLF) before the client stopped sending
 * @param sequenceNumber 0 for the server's first request, then 1, 2…
 */
public record RecordedGopherRequest(String selector, String search, String gopherPlus, byte[] rawLine,
        boolean terminated, int sequenceNumber) {

    static RecordedGopherRequest parse(byte[] raw, boolean terminated, int sequence) {
        String line = new String(raw, StandardCharsets.UTF_8);
        int tab = line.indexOf('\t');
        if (tab < 0) {
            return new RecordedGopherRequest(line, null, null, raw, terminated, sequence);
        }
        String rest = line.substring(tab + 1);
        int tab2 = rest.indexOf('\t');
        return tab2 < 0 ? new RecordedGopherRequest(line.substring(0, tab), rest, null, raw, terminated, sequence)
                : new RecordedGopherRequest(line.substring(0, tab), rest.substring(0, tab2), rest.substring(tab2 + 1), raw,
                        terminated, sequence);
    }

    /** The request line as text (UTF-8), without the terminator. */
    public String line() {
        return new String(rawLine, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RecordedGopherRequest[#" + sequenceNumber + " selector=" + selector + ", search=" + search + "]";
    }
}
