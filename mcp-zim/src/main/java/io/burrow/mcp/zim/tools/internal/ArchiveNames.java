package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.InvalidRequestException;
import io.burrow.mcp.zim.ZimErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The names clients give archives ({@code zim_file_path}, {@code zim://} URIs): checked and decoded, matched to a
 * served archive (by name, name without {@code .zim}, unique file name, or absolute path inside a configured
 * directory, never outside), and the errors that name archives (never a host path).
 */
final class ArchiveNames {

    /** Path separators of a {@code zim_file_path} (both kinds). */
    private static final Pattern SEPARATORS = Pattern.compile("[/\\\\]");
    /** The first part of a split archive ({@code name.zimaa}, …), which stands for the archive. */
    private static final Pattern SPLIT_PART = Pattern.compile("(?i).*\\.zima[a-z]");

    private static final int MAX_PATH_ARGUMENT = 1000;

    private final List<Path> roots;
    private final List<Path> realRoots;

    ArchiveNames(List<Path> roots, List<Path> realRoots) {
        this.roots = roots;
        this.realRoots = realRoots;
    }

    /**
     * Checks and decodes a {@code zim_file_path}: at most three rounds of percent-decoding, then no control
     * characters, no {@code ..} segments and none of {@code <>"|?*}.
     */
    static String cleanPathArgument(String raw) {
        if (raw.length() > MAX_PATH_ARGUMENT) {
            throw new InvalidRequestException("zim_file_path is too long (at most " + MAX_PATH_ARGUMENT + " characters)");
        }
        String s = raw.strip();
        for (int round = 0; round < 3 && s.indexOf('%') >= 0; round++) {
            s = PathCodec.percentDecode(s, "zim_file_path");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidRequestException("zim_file_path must not contain control characters");
            }
            if ("<>\"|?*".indexOf(c) >= 0) {
                throw new InvalidRequestException("zim_file_path must not contain any of <>\"|?*");
            }
        }
        for (String seg : SEPARATORS.split(s)) {
            if (seg.equals("..")) {
                throw new InvalidRequestException("zim_file_path must not contain '..' segments",
                        "Pass the archive's name as listed by zim_health or the zim://files resource.");
            }
        }
        if (s.startsWith("~")) {
            throw new InvalidRequestException("zim_file_path must not start with '~'");
        }
        if (s.isEmpty()) {
            throw new InvalidRequestException("zim_file_path is empty");
        }
        return s;
    }

    <T> T lookup(Map<String, T> current, String wanted, java.util.function.Function<T, String> nameOf) {
        String name = wanted;
        Path asPath = null;
        try {
            asPath = Path.of(wanted);
        } catch (java.nio.file.InvalidPathException e) {
            throw new InvalidRequestException("zim_file_path is not a valid path");
        }
        if (asPath.isAbsolute()) {
            Path norm = asPath.normalize();
            name = null;
            for (int i = 0; i < roots.size() && name == null; i++) {
                for (Path root : List.of(roots.get(i), realRoots.get(i))) {
                    if (norm.startsWith(root) && !norm.equals(root)) {
                        name = slashes(root.relativize(norm));
                        break;
                    }
                }
            }
            if (name == null) {
                throw new InvalidRequestException("zim_file_path must name an archive inside the configured ZIM "
                        + "directories", "Pass the archive's name as listed by zim_health or the zim://files resource.");
            }
        }
        name = name.replace('\\', '/');
        if (SPLIT_PART.matcher(name).matches()) {
            name = name.substring(0, name.length() - 2);
        }
        T l = current.get(name);
        if (l == null && !name.toLowerCase(Locale.ROOT).endsWith(".zim")) {
            l = current.get(name + ".zim");
        }
        if (l == null) {
            for (T c : current.values()) {
                String n = nameOf.apply(c);
                String base = n.substring(n.lastIndexOf('/') + 1);
                if (n.equalsIgnoreCase(name) || n.equalsIgnoreCase(name + ".zim") || base.equals(name)
                        || base.equals(name + ".zim")) {
                    if (l != null) {
                        return null; // ambiguous base name
                    }
                    l = c;
                }
            }
        }
        return l;
    }

    /** Whether {@code wanted} names an archive file present in a configured directory (worth a rescan). */
    boolean onDisk(String wanted) {
        for (Path root : roots) {
            for (String name : List.of(wanted, wanted + ".zim")) {
                try {
                    Path p = root.resolve(name).normalize();
                    String fn = p.getFileName() == null ? "" : p.getFileName().toString();
                    String lower = fn.toLowerCase(Locale.ROOT);
                    if (p.startsWith(root) && (lower.endsWith(".zim") || lower.endsWith(".zimaa"))
                            && (Files.isRegularFile(p) || Files.isRegularFile(p.resolveSibling(fn + "aa")))) {
                        return true;
                    }
                } catch (java.nio.file.InvalidPathException e) {
                    return false;
                }
            }
        }
        return false;
    }

    BurrowException notFound(String wanted, Map<String, LoadedArchive> current) {
        if (current.isEmpty()) {
            return noArchives();
        }
        String shown = wanted.substring(Math.max(wanted.lastIndexOf('/'), wanted.lastIndexOf('\\')) + 1);
        return new BurrowException(ZimErrors.ARCHIVE_NOT_FOUND, "No archive named '" + shown + "' is loaded",
                "Loaded archives: " + names(current));
    }

    BurrowException noArchives() {
        return new BurrowException(ZimErrors.ARCHIVE_NOT_FOUND, "No ZIM archive is loaded",
                roots.isEmpty() ? "Start the server with ZIM_DIRECTORIES (or --zim-dir) naming a directory of .zim files."
                        : "Put .zim files into the configured ZIM directories; they are picked up within seconds.");
    }

    static BurrowException unreadable(FailedArchive f) {
        String shown = f.name().substring(f.name().lastIndexOf('/') + 1);
        return new BurrowException(f.code(), "Archive '" + shown + "' cannot be read: " + f.message(),
                "The file is damaged, not a ZIM archive, or still being written; it is served as soon as it is a "
                        + "complete, valid archive. Replace archives by writing the new file elsewhere and renaming it "
                        + "over the old one.");
    }

    static String names(Map<String, LoadedArchive> current) {
        List<String> n = new ArrayList<>(current.keySet());
        return n.size() <= 20 ? String.join(", ", n) : String.join(", ", n.subList(0, 20)) + ", … (" + n.size() + ")";
    }

    static String slashes(Path p) {
        List<String> parts = new ArrayList<>();
        p.forEach(x -> parts.add(x.toString()));
        return String.join("/", parts);
    }
}
