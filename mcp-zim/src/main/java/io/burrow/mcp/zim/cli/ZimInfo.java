package io.burrow.mcp.zim.cli;

import io.burrow.mcp.zim.ArchiveSummary;
import io.burrow.mcp.zim.ZimArchive;
import picocli.CommandLine.Command;

/** {@code zim info FILE}: one JSON object of archive facts. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print archive facts as one JSON object (keys as libzim's Python binding).")
final class ZimInfo extends ZimSubcommand {

    @Override
    int run(ZimArchive zim) {
        out.println(ZimJson.write(ZimJson.info(ArchiveSummary.of(zim))));
        return 0;
    }
}
