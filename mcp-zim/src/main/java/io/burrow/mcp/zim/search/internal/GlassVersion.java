package io.burrow.mcp.zim.search.internal;

import io.burrow.mcp.zim.search.IndexBlob;
import io.burrow.mcp.zim.search.IndexFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The version record of a single-file glass database (block 0): magic, format version, uuid, revision,
 * one {@link RootInfo} per table and the database statistics ({@code backends/glass/glass_version.cc}).
 */
public record GlassVersion(
        long revision,
        RootInfo postlist,
        RootInfo docdata,
        RootInfo termlist,
        RootInfo position,
        RootInfo spelling,
        RootInfo synonym,
        long doccount,
        long lastDocid,
        long doclenLowerBound,
        long wdfUpperBound,
        long doclenUpperBound,
        long totalDoclen) {

    /** Glass format version supported (DATE_TO_VERSION(2016,03,14)). */
    public static final int FORMAT = 1134;
    static final byte[] MAGIC = "\u000f\rXapian Glass".getBytes(StandardCharsets.ISO_8859_1);

    /** One table's root: block number, level, sizes and flags. */
    public record RootInfo(long rootBlock, int level, boolean sequential, boolean rootIsFake, long numEntries,
                           int blockSize, int compressMin) {
    }

    /** Reads and validates the version record at the start of {@code src}. */
    public static GlassVersion read(IndexBlob src) {
        int n = (int) Math.min(src.length(), 65536);
        if (n < MAGIC.length + 2 + 16 + 1) {
            throw new IndexFormatException("Xapian index too small");
        }
        byte[] buf = new byte[n];
        try {
            src.read(0, buf, 0, n);
        } catch (IOException e) {
            throw new IndexFormatException("cannot read the Xapian index header", e);
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (buf[i] != MAGIC[i]) {
                throw new IndexFormatException("not a Xapian glass database");
            }
        }
        int version = ((buf[MAGIC.length] & 0xFF) << 8) | (buf[MAGIC.length + 1] & 0xFF);
        if (version != FORMAT) {
            throw new IndexFormatException("unsupported glass format version " + version);
        }
        Pack p = new Pack(buf, MAGIC.length + 2 + 16, n);
        long revision = p.uint();
        RootInfo[] roots = new RootInfo[6];
        for (int i = 0; i < 6; i++) {
            long root = p.uint();
            long val = p.uint();
            long entries = p.uint();
            long bs = p.uint();
            long cmin = p.uint();
            p.skipString();
            if (bs > 32 || bs < 1 || Long.bitCount(bs) != 1) {
                throw new IndexFormatException("bad block size in the index header");
            }
            int level = (int) (val >> 2);
            if (level > 32) {
                throw new IndexFormatException("bad B-tree level in the index header");
            }
            if (cmin == 4) {
                cmin = 18;
            }
            roots[i] = new RootInfo(root, level, (val & 2) != 0, (val & 1) != 0, entries, (int) (bs << 11),
                    (int) Math.min(cmin, Integer.MAX_VALUE));
        }
        long doccount = p.uint();
        long lastDocid = p.uint() + doccount;
        long doclenLb = p.uint();
        long wdfUb = p.uint();
        long doclenUb = p.uint() + wdfUb;
        p.uint(); // oldest changeset
        long totalDoclen = p.atEnd() ? 0 : p.uint();
        return new GlassVersion(revision, roots[0], roots[1], roots[2], roots[3], roots[4], roots[5], doccount,
                lastDocid, doclenLb, wdfUb, doclenUb, totalDoclen);
    }
}
