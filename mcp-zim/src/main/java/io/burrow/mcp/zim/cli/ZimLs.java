package io.burrow.mcp.zim.cli;

import io.burrow.mcp.zim.ZimArchive;
import picocli.CommandLine.Command;

/** {@code zim ls FILE}: one JSON line per user entry, in path order. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "Print one JSON line per user entry: path, title, redirect, target, mime, size, sha256.")
final class ZimLs extends ZimSubcommand {

    @Override
    int run(ZimArchive zim) {
        zim.entriesByPath().forEach(e -> out.println(ZimJson.write(ZimJson.entry(e))));
        return 0;
    }
}
