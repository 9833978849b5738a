package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.zim.ZimArchive;
import io.burrow.mcp.zim.ZimErrors;
import io.burrow.mcp.zim.ZimOptions;
import io.burrow.mcp.zim.internal.FileStamp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The archive files: found in the configured directories (three levels deep, {@code .zim} and split
 * {@code .zimaa…}), opened (never when a part resolves outside the directories), stamped (to tell when a file that
 * failed changed), and the bundled demo archive.
 */
final class ArchiveFiles {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveLibrary.class);
    static final String DEMO_RESOURCE = "/io/burrow/mcp/zim/demo/burrow-demo.zim";
    private static final int MAX_DEPTH = 3;

    private final List<Path> roots;
    private final List<Path> realRoots;
    private final ZimOptions options;

    ArchiveFiles(List<Path> roots, List<Path> realRoots, ZimOptions options) {
        this.roots = roots;
        this.realRoots = realRoots;
        this.options = options;
    }

    /** The archive files of the directories now, by name (the path below the directory), in name order. */
    Map<String, Path> scan() {
        Map<String, Path> found = new LinkedHashMap<>();
        for (int i = 0; i < roots.size(); i++) {
            scanRoot(roots.get(i), realRoots.get(i), found);
        }
        return found;
    }

    static ZimArchive openDemo(ZimOptions options) {
        try (InputStream in = ArchiveFiles.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the demo archive is missing from the classpath");
            }
            byte[] bytes = in.readAllBytes();
            return ZimArchive.open(ByteBuffer.wrap(bytes), options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void scanRoot(Path root, Path realRoot, Map<String, Path> found) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root, MAX_DEPTH)) {
            files.sorted().forEach(f -> {
                String fn = f.getFileName().toString();
                String lower = fn.toLowerCase(Locale.ROOT);
                Path logical;
                if (lower.endsWith(".zim")) {
                    logical = f;
                } else if (lower.endsWith(".zimaa")) {
                    logical = f.resolveSibling(fn.substring(0, fn.length() - 2));
                    if (Files.exists(logical)) {
                        return; // the single file wins
                    }
                } else {
                    return;
                }
                if (!Files.isRegularFile(f)) {
                    return;
                }
                String name = ArchiveNames.slashes(root.relativize(logical));
                if (found.containsKey(name)) {
                    return;
                }
                found.put(name, logical);
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot list a ZIM directory: {}", e.toString());
        }
    }

    /** Opens {@code file}: a {@link LoadedArchive}, a {@link FailedArchive}, or null when it must not be served (outside). */
    Object open(String name, Path file) {
        Object stamp = stampOf(file);
        try {
            List<Path> real = new ArrayList<>();
            for (Path part : ZimArchive.parts(file)) { // the very files open(file) reads
                real.add(part.toRealPath());
            }
            if (real.stream().anyMatch(r -> realRoots.stream().noneMatch(r::startsWith))) {
                // checked again at every open: a symbolic link swapped in must not lead outside
                LOG.warn("skipping ZIM archive {}: it resolves outside the configured directories", name);
                return null;
            }
            LoadedArchive l = new LoadedArchive(name, file, ZimArchive.open(file, options));
            LOG.info("opened ZIM archive {}", name);
            return l;
        } catch (Throwable t) { // NOPMD: no failure of one file may stop the scan (an Error included)
            if (t instanceof VirtualMachineError v && !(t instanceof InternalError)) {
                throw v;
            }
            LOG.warn("cannot open ZIM archive {}: {}", name, t.getMessage());
            if (!(t instanceof BurrowException)) {
                LOG.debug("cannot open ZIM archive {}", name, t);
            }
            return t instanceof BurrowException be ? new FailedArchive(name, file, stamp, be.errorCode(), be.getMessage())
                    : new FailedArchive(name, file, stamp, ZimErrors.IO_ERROR, "the file could not be read");
        }
    }

    static boolean exists(Path file) {
        try {
            ZimArchive.parts(file);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The stamps of the archive's files now, or "unreadable". */
    static Object stampOf(Path file) {
        try {
            return FileStamp.of(ZimArchive.parts(file));
        } catch (IOException | RuntimeException e) {
            return "unreadable";
        }
    }
}
