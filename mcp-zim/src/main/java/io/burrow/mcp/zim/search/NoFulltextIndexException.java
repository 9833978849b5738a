package io.burrow.mcp.zim.search;

import io.burrow.mcp.core.BurrowException;

/**
 * Full-text search was asked of an archive without a usable full-text index. Code {@value #CODE}.
 * Title search and suggestions still work on such an archive.
 */
public class NoFulltextIndexException extends BurrowException {

    private static final long serialVersionUID = 1L;

    /** The stable error code. */
    public static final io.burrow.mcp.core.ErrorCode CODE = io.burrow.mcp.core.ErrorCode.invalid("NO_FULLTEXT_INDEX");

    /** Creates the exception with the standard message and hint. */
    public NoFulltextIndexException() {
        super(CODE, "This archive has no full-text index.",
                "Use title search or suggestions instead; they work without a full-text index.");
    }
}
