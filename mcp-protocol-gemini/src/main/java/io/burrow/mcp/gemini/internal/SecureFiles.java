package io.burrow.mcp.gemini.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
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
import java.util.function.Supplier;

/**
 * Private files: directories 0700, files 0600, written atomically (temporary file, fsync, atomic
 * rename, directory fsync) and updated under an exclusive lock that holds across threads and processes
 * (a {@code .lock} file beside the data file, locked with {@link FileChannel#lock()}).
 */
public final class SecureFiles {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

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

    /**
     * Runs {@code action} holding the exclusive lock of {@code file} (in this JVM and across processes).
     */
    public static <T> T withLock(Path file, Supplier<T> action) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        ensureDirectory(abs.getParent());
        ReentrantLock local = LOCKS.computeIfAbsent(abs, k -> new ReentrantLock());
        local.lock();
        try {
            Path lockFile = abs.resolveSibling(abs.getFileName() + ".lock");
            try (FileChannel ch = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    attributes(lockFile, FILE)); FileLock ignored = ch.lock()) {
                return action.get();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            local.unlock();
        }
    }

    /** Writes {@code content} to {@code target} atomically with mode 0600. */
    public static void writeAtomically(Path target, byte[] content) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        ensureDirectory(dir);
        Path tmp = dir.resolve("." + abs.getFileName() + "." + UUID.randomUUID() + ".tmp");
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
