package io.burrow.mcp.gemini.internal;

import io.burrow.mcp.gemini.GemlogFeed;
import io.burrow.mcp.gemini.GemtextDocument;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises gemlog indexes (the subscription companion specification's dated link lines). */
public final class GemlogFeeds {

    private static final Pattern DATED = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})(?:$|[\\s\\-–—:|]+(.*)$)");

    private GemlogFeeds() {
    }

    /** The feed of a page, or {@code null} when no link label starts with a valid date. */
    public static GemlogFeed recognise(GemtextDocument page) {
        List<GemlogFeed.Entry> entries = new ArrayList<>();
        for (GemtextDocument.Link link : page.links()) {
            if (link.text() == null) {
                continue;
            }
            Matcher m = DATED.matcher(link.text());
            if (!m.matches()) {
                continue;
            }
            try {
                LocalDate.parse(m.group(1));
            } catch (DateTimeParseException e) {
                continue;
            }
            String title = m.group(2) == null || m.group(2).isBlank() ? null : m.group(2).strip();
            entries.add(new GemlogFeed.Entry(link.url(), m.group(1), title));
        }
        if (entries.isEmpty()) {
            return null;
        }
        entries.sort(Comparator.comparing(GemlogFeed.Entry::date).reversed());
        String title = page.lines().stream().filter(l -> l.type().equals("heading1")).map(GemtextDocument.Line::text)
                .findFirst().orElse(null);
        return new GemlogFeed(title, entries);
    }
}
