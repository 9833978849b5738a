package io.burrow.mcp.zim.tools.internal;

import io.burrow.mcp.core.ErrorCode;
import java.nio.file.Path;

/**
 * An archive file that could not be opened (reported by health and to calls naming it, never served).
 *
 * @param name its name
 * @param file its path (never shown)
 * @param stamp the {@link io.burrow.mcp.zim.internal.FileStamp}s of its parts when it failed (it is retried when they change)
 * @param code the error code ({@code ZIM_FORMAT_ERROR}, {@code ZIM_IO_ERROR}, {@code ZIM_UNSUPPORTED},
 *     {@code ARCHIVE_CHANGED})
 * @param message the reader's client-safe message (it names the file only)
 */
public record FailedArchive(String name, Path file, Object stamp, ErrorCode code, String message) {
}
