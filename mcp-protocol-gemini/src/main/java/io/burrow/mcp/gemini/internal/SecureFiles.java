package io.burrow.mcp.gemini.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Private files: directories 0700, files 0600, written atomically (temporary file in the same directory,
 * fsync, atomic rename, directory fsync) and updated under an exclusive lock that holds across threads and
 * processes (a {@code .lock} file beside the data file, locked with {@link FileChannel#lock()}; the
 * operating system releases it when a process dies, however it dies).
 *
 * <p>A writer killed before its rename leaves its temporary file ({@code .<name>.<uuid>.tmp}) behind and
 * the target untouched; {@link #removeTemporaries} deletes such files, called by a later writer holding the
 * same lock (so that no live writer's file is removed).
 */
public final class SecureFiles {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();
    private static final String TEMPORARY_SUFFIX = ".tmp";
    /** {@code .<target name>.<random UUID>.tmp}, the name {@link #writeAtomically} writes first. */
    private static final Pattern TEMPORARY =
            Pattern.compile("\\.(.+)\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");

    private SecureFiles() {
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Creates a directory (and parents) with mode 0700 if it does not exist. */
    public static void ensureDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix(dir)) {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                ensureDirectory(parent);
            }
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR));
            } catch (FileAlreadyExistsException e) {
                // created concurrently
            }
        } else {
            Files.createDirectories(dir);
        }
    }

    /** An action run under a lock. */
    @FunctionalInterface
    public interface LockedAction<T> {
        /** Runs the action. */
        T run() throws IOException;
    }

    /**
     * Runs {@code action} holding the exclusive lock of {@code file} (in this JVM and across processes).
     */
    public static <T> T withLock(Path file, LockedAction<T> action) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        ensureDirectory(abs.getParent());
        ReentrantLock local = LOCKS.computeIfAbsent(abs, k -> new ReentrantLock());
        local.lock();
        try {
            Path lockFile = abs.resolveSibling(abs.getFileName() + ".lock");
            try (FileChannel ch = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    attributes(lockFile, FILE)); FileLock ignored = ch.lock()) {
                return action.run();
            }
        } finally {
            local.unlock();
        }
    }

    /** Writes {@code content} to {@code target} atomically with mode 0600. */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        ensureDirectory(dir);
        Path tmp = dir.resolve("." + abs.getFileName() + "." + UUID.randomUUID() + TEMPORARY_SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    attributes(tmp, FILE))) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            fsyncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Deletes the temporary files that writers of the files named by {@code targets} left in {@code dir}
     * when they died before renaming them. Call it holding the lock under which those files are written.
     *
     * @param targets which target file names (in {@code dir}) the caller's lock covers
     * @return how many files were deleted
     */
    public static int removeTemporaries(Path dir, Predicate<String> targets) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + TEMPORARY_SUFFIX)) {
            for (Path entry : entries) {
                Matcher m = TEMPORARY.matcher(entry.getFileName().toString());
                if (m.matches() && targets.test(m.group(1)) && Files.deleteIfExists(entry)) {
                    removed++;
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        }
        return removed;
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can open or sync a directory; the rename is still atomic
        }
    }

    private static FileAttribute<?>[] attributes(Path p, Set<PosixFilePermission> perms) {
        return posix(p) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(perms)} : new FileAttribute<?>[0];
    }
}
