package io.burrow.mcp.zim;

import io.burrow.mcp.zim.internal.Dirent;
import io.burrow.mcp.zim.internal.Storage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The checks behind {@link ZimArchive#checkIntegrity(boolean)}. */
final class Integrity {

    private final ZimArchive a;
    private final Storage s;
    private final List<IntegrityReport.Check> checks = new ArrayList<>();

    Integrity(ZimArchive archive, Storage storage) {
        this.a = archive;
        this.s = storage;
    }

    private interface Body {
        String run();
    }

    private void check(String name, Body body) {
        String failure;
        try {
            failure = body.run();
        } catch (ZimException e) {
            failure = e.getMessage();
        }
        checks.add(new IntegrityReport.Check(name, failure == null, failure == null ? "ok" : failure));
    }

    IntegrityReport run(boolean checksum) {
        ZimHeader h = a.header();
        long validEnd = h.hasChecksum() ? h.checksumPos() : s.size();
        int n = a.allEntryCount();
        if (checksum) {
            check("CHECKSUM", () -> !h.hasChecksum() ? "the archive has no checksum"
                    : a.verifyChecksum() ? null : "checksum does not match");
        }
        check("DIRENT_PTRS", () -> {
            for (int i = 0; i < n; i++) {
                long o = s.u64(h.pathPtrPos() + 8L * i);
                if (o < 80 || o + 11 > validEnd) {
                    return "invalid dirent pointer " + i + " (" + o + ")";
                }
            }
            return null;
        });
        check("DIRENT_ORDER", () -> {
            byte[] prev = null;
            for (int i = 0; i < n; i++) {
                Dirent d = a.dirent(i);
                byte[] cur = (d.namespace() + "/" + d.path()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                if (d.namespace() > 0x7F) {
                    cur[0] = (byte) d.namespace();
                }
                if (prev != null && Arrays.compareUnsigned(prev, cur) >= 0) {
                    return "dirent table is not sorted at entry " + i + " ('" + d.namespace() + "/" + d.path() + "')";
                }
                prev = cur;
            }
            return null;
        });
        check("DIRENT_MIMETYPES", () -> {
            int m = a.mimeTypes().size();
            for (int i = 0; i < n; i++) {
                Dirent d = a.dirent(i);
                if (d.isContent() && d.mimeType() >= m) {
                    return "entry " + i + " has invalid MIME type index " + d.mimeType();
                }
            }
            return null;
        });
        check("TITLE_INDEX", () -> {
            if (h.hasTitleIndexV0()) {
                String r = titleListing(h.titleIdxPos(), n, n);
                if (r != null) {
                    return "v0: " + r;
                }
            }
            if (a.hasFrontArticlesIndex()) {
                return titleListingV1();
            }
            return null;
        });
        check("CLUSTER_PTRS", () -> {
            long prev = -1;
            for (int i = 0; i < a.clusterCount(); i++) {
                long o = s.u64(h.clusterPtrPos() + 8L * i);
                if (o < 80 || o + 1 > validEnd) {
                    return "invalid cluster pointer " + i + " (" + o + ")";
                }
                if (o <= prev) {
                    return "cluster offsets decrease at cluster " + i;
                }
                prev = o;
            }
            return null;
        });
        check("CLUSTERS", () -> {
            for (int i = 0; i < a.clusterCount(); i++) {
                a.clusters().decodeCluster(i);
            }
            return null;
        });
        check("DIRENT_TARGETS", () -> {
            for (int i = 0; i < n; i++) {
                Dirent d = a.dirent(i);
                if (d.isRedirect()) {
                    if (d.redirectIndex() >= n) {
                        return "redirect " + i + " points beyond the entries";
                    }
                    a.entryAt(i).item();
                } else if (d.isContent()) {
                    a.clusters().locate(d.cluster(), d.blob());
                }
            }
            return null;
        });
        return new IntegrityReport(checks);
    }

    private String titleListing(long pos, int count, int total) {
        byte[] prev = null;
        for (int t = 0; t < count; t++) {
            long idx = s.u32(pos + 4L * t);
            if (idx >= total) {
                return "invalid title index entry " + t;
            }
            Dirent d = a.dirent((int) idx);
            byte[] cur = (d.namespace() + "/" + d.effectiveTitle()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (prev != null && Arrays.compareUnsigned(prev, cur) > 0) {
                return "title index is not sorted at position " + t;
            }
            prev = cur;
        }
        return null;
    }

    private String titleListingV1() {
        byte[] prev = null;
        for (int t = 0; t < a.titleIndexSize(); t++) {
            Dirent d = a.entryByTitleIndex(t).dirent();
            byte[] cur = (d.namespace() + "/" + d.effectiveTitle()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (prev != null && Arrays.compareUnsigned(prev, cur) > 0) {
                return "v1: title listing is not sorted at position " + t;
            }
            prev = cur;
        }
        return null;
    }
}
