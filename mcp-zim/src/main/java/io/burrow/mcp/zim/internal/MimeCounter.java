package io.burrow.mcp.zim.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Parser of the {@code M/Counter} metadata, {@code mime=count;mime=count;…}, where a MIME type may
 * carry parameters ({@code text/html;raw=true=12}), following libzim's {@code parseMimetypeCounter}.
 */
public final class MimeCounter {

    private MimeCounter() {
    }

    /** The counter as a map from MIME type to count (malformed items are skipped, as libzim does). */
    public static Map<String, Long> parse(String counter) {
        Map<String, Long> out = new LinkedHashMap<>();
        String[] tokens = counter.split(";", -1);
        int i = 0;
        while (i < tokens.length) {
            StringBuilder item = new StringBuilder(tokens[i++]);
            if (item.indexOf("=") < 0) {
                // a MIME type with parameters: append ";param" until a token with two '=' signs
                boolean done = false;
                while (i < tokens.length) {
                    String p = tokens[i++];
                    item.append(';').append(p);
                    if (p.chars().filter(c -> c == '=').count() == 2) {
                        done = true;
                        break;
                    }
                }
                if (!done) {
                    continue;
                }
            }
            String s = item.toString();
            int k = s.lastIndexOf('=');
            if (k < 0) {
                continue;
            }
            String mime = s.substring(0, k);
            String num = s.substring(k + 1).stripLeading();
            if (mime.isEmpty() || num.isEmpty() || !num.chars().allMatch(c -> c >= '0' && c <= '9') || num.length() > 10) {
                continue;
            }
            long v = Long.parseLong(num);
            if (v > 0xFFFFFFFFL) {
                continue;
            }
            out.putIfAbsent(mime, v);
        }
        return out;
    }

    /** Sum of the counts whose MIME type matches. */
    public static long count(String counter, Predicate<String> mime) {
        long n = 0;
        for (Map.Entry<String, Long> e : parse(counter).entrySet()) {
            if (mime.test(e.getKey())) {
                n += e.getValue();
            }
        }
        return n;
    }
}
