package io.burrow.mcp.gemini.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small store kept in one file that survives crashes and is shared by several processes: the TOFU pins
 * and the client identity registry.
 *
 * <p><b>Writes</b> happen only in {@link #update}, under the file's lock (threads and processes), on
 * content re-read from disk under that lock. Each committed version is written twice, each time whole and
 * atomically ({@link SecureFiles#writeAtomically}: temporary file, fsync, rename, directory fsync): first
 * the last good copy {@code <name>.bak}, then the file itself. When {@code commit} returns, both are on
 * disk, so a process killed at any point leaves the file either before or after the change, never torn,
 * and a change reported as done is never lost. Temporary files of killed writers are deleted by the next
 * update.
 *
 * <p><b>Reads</b> take the file. A file that is not valid (torn or emptied by something other than this
 * class, or damaged) is replaced by its last good copy, with a warning in the log, and the next update
 * keeps the damaged bytes as {@code <name>.damaged} before writing the repaired file. Only when neither
 * is valid does reading fail with {@link DamagedFileException}. A missing file is the empty store: that is
 * how a person resets it. Parsed content is cached until the file changes (every write replaces the
 * file, so its identity, time or size changes).
 *
 * @param <T> the parsed content, an immutable value with {@code equals}
 */
public final class StoreFile<T> {

    private static final Logger LOG = LoggerFactory.getLogger(StoreFile.class);

    /** The file is not a valid store (thrown by parsers, and by reads when no good copy is left). */
    public static final class DamagedFileException extends IOException {
        private static final long serialVersionUID = 1L;

        /** A damaged file, with a reason for the log. */
        public DamagedFileException(String reason) {
            super(reason);
        }
    }

    /** Parses the bytes of a file. */
    @FunctionalInterface
    public interface Parser<T> {
        /**
         * Parses a store.
         *
         * @throws DamagedFileException if the bytes are not a valid store
         */
        T parse(byte[] bytes) throws DamagedFileException;
    }

    /** Writes a new version of the store, durably, before returning. */
    @FunctionalInterface
    public interface Commit<T> {
        /** Writes {@code content} (the last good copy, then the file). */
        void write(T content) throws IOException;
    }

    /** A change made under the lock: reads {@code current}, may commit once or more, returns a result. */
    @FunctionalInterface
    public interface Transaction<T, R> {
        /** Runs the change. */
        R run(T current, Commit<T> commit) throws IOException;
    }

    private record Snapshot<T>(Object fileKey, FileTime modified, long size, T content) {
        boolean matches(BasicFileAttributes a) {
            return Objects.equals(fileKey, a.fileKey()) && modified.equals(a.lastModifiedTime()) && size == a.size();
        }
    }

    /** What a read found: the content, and the damaged bytes of the file when the copy stood in for it. */
    private record Loaded<T>(T content, byte[] damaged) {
    }

    private final Path file;
    private final Path backup;
    private final Path damaged;
    private final Parser<T> parser;
    private final Function<T, byte[]> serializer;
    private final T empty;
    private final Predicate<String> ownedFiles;
    private volatile Snapshot<T> snapshot;

    /**
     * A store in {@code file}.
     *
     * @param parser reads the file (empty bytes included)
     * @param serializer writes it
     * @param empty the content when the file does not exist
     * @param otherFiles names of other files in the same directory written under this store's lock, whose
     *     temporary files updates may delete as well (none: {@code name -> false})
     */
    public StoreFile(Path file, Parser<T> parser, Function<T, byte[]> serializer, T empty, Predicate<String> otherFiles) {
        this.file = file.toAbsolutePath().normalize();
        String name = this.file.getFileName().toString();
        this.backup = this.file.resolveSibling(name + ".bak");
        this.damaged = this.file.resolveSibling(name + ".damaged");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.empty = Objects.requireNonNull(empty, "empty");
        Predicate<String> own = n -> n.equals(name) || n.equals(name + ".bak") || n.equals(name + ".damaged");
        this.ownedFiles = own.or(Objects.requireNonNull(otherFiles, "otherFiles"));
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The last good copy beside it ({@code <name>.bak}). */
    public Path backup() {
        return backup;
    }

    /**
     * The store as on disk (cached until the file changes).
     *
     * @throws DamagedFileException if neither the file nor its last good copy is valid
     */
    public T read() throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return empty;
        }
        Snapshot<T> s = snapshot;
        if (s != null && s.matches(attrs)) {
            return s.content();
        }
        Loaded<T> loaded = load();
        snapshot = new Snapshot<>(attrs.fileKey(), attrs.lastModifiedTime(), attrs.size(), loaded.content());
        return loaded.content();
    }

    /**
     * Runs {@code change} under the lock on the store as on disk (never the cache: another process may have
     * written it), after deleting the temporary files of writers that died.
     *
     * @throws DamagedFileException if neither the file nor its last good copy is valid (nothing is written)
     */
    public <R> R update(Transaction<T, R> change) throws IOException {
        return SecureFiles.withLock(file, () -> {
            int removed = SecureFiles.removeTemporaries(file.getParent(), ownedFiles);
            if (removed > 0) {
                LOG.info("Removed {} temporary file(s) left beside {} by an interrupted write", removed, file.getFileName());
            }
            Loaded<T> current = load();
            boolean[] keptDamaged = {current.damaged() == null};
            return change.run(current.content(), content -> {
                byte[] bytes = serializer.apply(content);
                if (!keptDamaged[0]) {
                    SecureFiles.writeAtomically(damaged, current.damaged());
                    keptDamaged[0] = true;
                }
                SecureFiles.writeAtomically(backup, bytes);
                SecureFiles.writeAtomically(file, bytes);
                snapshot = null;
            });
        });
    }

    private Loaded<T> load() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Loaded<>(empty, null);
        }
        DamagedFileException problem = null;
        if (bytes.length > 0) {
            try {
                return new Loaded<>(parser.parse(bytes), null);
            } catch (DamagedFileException e) {
                problem = e;
            }
        }
        // an empty file is what a torn write leaves; this class never writes one
        T good = lastGoodCopy();
        if (good != null) {
            if (problem == null) {
                LOG.warn("{} is empty; using its last good copy {}", file.getFileName(), backup.getFileName());
                return new Loaded<>(good, null);
            }
            LOG.warn("{} is damaged ({}); using its last good copy {} (the damaged file is kept as {} at the next change)",
                    file.getFileName(), problem.getMessage(), backup.getFileName(), damaged.getFileName());
            return new Loaded<>(good, bytes);
        }
        if (problem != null) {
            throw problem;
        }
        return new Loaded<>(parser.parse(bytes), null);
    }

    private T lastGoodCopy() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(backup);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (bytes.length == 0) {
            return null;
        }
        try {
            return parser.parse(bytes);
        } catch (DamagedFileException e) {
            LOG.warn("{} is damaged too ({})", backup.getFileName(), e.getMessage());
            return null;
        }
    }
}
