package io.burrow.mcp.zim;

import io.burrow.mcp.zim.internal.Storage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The header and the MIME type list, read and checked when an archive is opened. */
final class HeaderReader {

    private HeaderReader() {
    }

    /** Reads and validates the header as libzim does (magic, version 5 or 6, section positions, checksum). */
    static ZimHeader read(Storage s) {
        if (s.size() < ZimHeader.SIZE) {
            throw new ZimFormatException("file is too small to contain a ZIM header (" + s.size() + " bytes)");
        }
        if ((int) s.u32(0) != ZimHeader.MAGIC) {
            throw new ZimFormatException("invalid magic number: not a ZIM archive");
        }
        int major = s.u16(4);
        if (major != 5 && major != 6) {
            throw new ZimException(ZimErrors.UNSUPPORTED, "unsupported ZIM major version " + major
                    + " (5 and 6 are supported)");
        }
        byte[] u = s.bytes(8, 16);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (u[i] & 0xFF);
            lsb = (lsb << 8) | (u[8 + i] & 0xFF);
        }
        long mimeListPos = s.u64(56);
        ZimHeader h = new ZimHeader(major, s.u16(6), new UUID(msb, lsb), s.u32(24), s.u32(28), s.u64(32),
                s.u64(40), s.u64(48), mimeListPos, s.u32(64), s.u32(68), mimeListPos >= 80 ? s.u64(72) : 0);
        if ((h.entryCount() == 0) != (h.clusterCount() == 0)) {
            throw new ZimFormatException("invalid header: no entries <=> no clusters");
        }
        if (mimeListPos != ZimHeader.SIZE && mimeListPos != 72) {
            throw new ZimFormatException("invalid header: MIME list position " + mimeListPos + " (must be 80)");
        }
        if (Long.compareUnsigned(h.pathPtrPos(), mimeListPos) < 0 || h.pathPtrPos() < 0) {
            throw new ZimFormatException("invalid header: path pointer position before the MIME list");
        }
        if (h.titleIdxPos() != -1 && (h.titleIdxPos() < mimeListPos)) {
            throw new ZimFormatException("invalid header: title index position before the MIME list");
        }
        if (h.clusterPtrPos() < mimeListPos) {
            throw new ZimFormatException("invalid header: cluster pointer position before the MIME list");
        }
        if (h.clusterCount() > h.entryCount()) {
            throw new ZimFormatException("invalid header: more clusters than entries");
        }
        if (h.checksumPos() != 0 && h.checksumPos() < mimeListPos) {
            throw new ZimFormatException("invalid header: checksum position before the MIME list");
        }
        if (h.hasChecksum() && h.checksumPos() != s.size() - 16) {
            throw new ZimFormatException("invalid header: checksum position " + h.checksumPos()
                    + " is not 16 bytes before the end of the file (" + s.size() + " bytes); truncated?");
        }
        if (h.entryCount() > Integer.MAX_VALUE - 8) {
            throw new ZimFormatException("invalid header: too many entries");
        }
        return h;
    }

    /** Reads the MIME type list (bounded by the first section after it, at most 0xFFFD types). */
    static List<String> mimeTypes(Storage storage, ZimHeader header) {
        int entryCount = (int) header.entryCount();
        long start = header.mimeListPos();
        long limit = header.pathPtrPos();
        if (header.titleIdxPos() != -1) {
            limit = Math.min(limit, header.titleIdxPos());
        }
        limit = Math.min(limit, header.clusterPtrPos());
        if (entryCount > 0) {
            limit = Math.min(limit, storage.u64(header.pathPtrPos()));
            limit = Math.min(limit, storage.u64(header.clusterPtrPos()));
        }
        if (limit <= start) {
            throw new ZimFormatException("invalid MIME type list: no room before the first section");
        }
        limit = Math.min(limit, storage.size());
        List<String> types = new ArrayList<>();
        long p = start;
        while (true) {
            if (p >= limit) {
                throw new ZimFormatException("unterminated MIME type list");
            }
            long z = storage.indexOfNul(p, limit);
            if (z < 0) {
                throw new ZimFormatException("unterminated MIME type list");
            }
            if (z == p) {
                break;
            }
            if (types.size() >= 0xFFFD) {
                throw new ZimFormatException("too many MIME types");
            }
            types.add(new String(storage.bytes(p, (int) (z - p)), StandardCharsets.UTF_8));
            p = z + 1;
        }
        return List.copyOf(types);
    }
}
