package io.burrow.mcp.zim.cli;

import io.burrow.mcp.zim.Entry;
import io.burrow.mcp.zim.Item;
import io.burrow.mcp.zim.ZimArchive;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code zim cat FILE PATH}: the raw content bytes on stdout. */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = "Write an entry's raw content to stdout (redirects followed; exit 1 if there is no such entry).")
final class ZimCat extends ZimSubcommand {

    @Parameters(index = "1", paramLabel = "PATH", description = "Entry path (C namespace; A/… style paths also work).")
    String path;

    @Override
    int run(ZimArchive zim) throws IOException {
        Optional<Entry> e = zim.findEntry(path);
        if (e.isEmpty()) {
            err.println("Error: NOT_FOUND: no entry '" + path + "'");
            return 1;
        }
        Item item = e.get().item();
        try (InputStream in = item.openStream()) {
            in.transferTo(out);
        }
        return 0;
    }
}
