package io.burrow.mcp.zim.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What identifies one version of a file: its size, modification and change (status) times, and file key
 * (device and inode). Replacing a file by renaming changes the key; rewriting it in place (even with
 * {@code cp -p}, which restores the modification time) changes the change time.
 */
public record FileStamp(long size, Object modified, Object changed, Object key) {

    /** The stamp of {@code file} now (links followed). */
    public static FileStamp of(Path file) throws IOException {
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,ino,dev");
            return new FileStamp((Long) a.get("size"), a.get("lastModifiedTime"), a.get("ctime"),
                    a.get("dev") + ":" + a.get("ino"));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            BasicFileAttributes b = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(b.size(), b.lastModifiedTime(), null, b.fileKey());
        }
    }

    /** The stamps of {@code files}, in order. */
    public static List<FileStamp> of(List<Path> files) throws IOException {
        List<FileStamp> out = new ArrayList<>(files.size());
        for (Path f : files) {
            out.add(of(f));
        }
        return List.copyOf(out);
    }
}
