package io.burrow.mcp.core.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Opaque pagination cursors of list results: a page of a list, and the cursor of the next. */
final class Cursors {

    private Cursors() {
    }

    /** The items of the page {@code cursor} names ({@code null} for the first), and the next cursor. */
    static <T> Page<T> page(List<T> all, String cursor, int size) {
        int from = cursor == null ? 0 : offset(cursor);
        if (from > all.size()) {
            throw RpcException.invalidParams("Invalid cursor: the list is shorter now; list again without a cursor");
        }
        int to = Math.min(all.size(), from + size);
        String next = to < all.size() ? encode(to) : null;
        return new Page<>(all.subList(from, to), next);
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!s.startsWith("o:")) {
                throw new IllegalArgumentException();
            }
            int n = Integer.parseInt(s.substring(2));
            if (n < 0) {
                throw new IllegalArgumentException();
            }
            return n;
        } catch (IllegalArgumentException e) {
            throw RpcException.invalidParams("Invalid cursor: pass back the nextCursor of the previous page unchanged");
        }
    }

    record Page<T>(List<T> items, String nextCursor) {
    }
}
