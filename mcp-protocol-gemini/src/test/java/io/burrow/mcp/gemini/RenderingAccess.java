package io.burrow.mcp.gemini;

import java.util.List;

/** Test access to the package-private gemtext renderer. */
public final class RenderingAccess {

    private RenderingAccess() {
    }

    public static void gemtext(StringBuilder b, List<GemtextDocument.Line> lines) {
        Rendering.gemtext(b, lines);
    }
}
