package io.burrow.mcp.zim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of an archive as {@link ZimArchive#parts(Path)} names them: a {@code .zim} file, or the parts
 * {@code .zimaa}, {@code .zimab}, … of a split archive, named by its {@code .zim} name or by any part.
 */
final class SplitParts {

    private SplitParts() {
    }

    static List<Path> of(Path file) {
        String fn = file.getFileName() == null ? "" : file.getFileName().toString();
        Path base;
        if (fn.matches(".*\\.zim[a-z][a-z]")) {
            base = file.resolveSibling(fn.substring(0, fn.length() - 2));
        } else if (!Files.exists(file) && Files.exists(file.resolveSibling(fn + "aa"))) {
            base = file;
        } else {
            if (!Files.isRegularFile(file)) {
                throw new ZimException(ZimErrors.IO_ERROR, "cannot open archive '" + fn + "': no such file");
            }
            return List.of(file);
        }
        String b = base.getFileName().toString();
        List<Path> parts = new ArrayList<>();
        outer:
        for (char c1 = 'a'; c1 <= 'z'; c1++) {
            for (char c2 = 'a'; c2 <= 'z'; c2++) {
                Path p = base.resolveSibling(b + c1 + c2);
                if (!Files.isRegularFile(p)) {
                    break outer;
                }
                parts.add(p);
            }
        }
        if (parts.isEmpty()) {
            throw new ZimException(ZimErrors.IO_ERROR, "cannot open archive '" + fn + "': no such file");
        }
        return parts;
    }
}
