package io.burrow.mcp.zim.search;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.zim.ZimErrors;

/**
 * Full-text search was asked of an archive without a usable full-text index. Code {@code NO_FULLTEXT_INDEX} ({@link ZimErrors#NO_FULLTEXT_INDEX}).
 * Title search and suggestions still work on such an archive.
 */
public class NoFulltextIndexException extends BurrowException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with the standard message and hint. */
    public NoFulltextIndexException() {
        super(ZimErrors.NO_FULLTEXT_INDEX, "This archive has no full-text index.",
                "Use title search or suggestions instead; they work without a full-text index.");
    }
}
