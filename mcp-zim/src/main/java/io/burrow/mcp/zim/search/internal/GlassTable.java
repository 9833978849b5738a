package io.burrow.mcp.zim.search.internal;

import io.burrow.mcp.zim.search.IndexFormatException;
import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One read-only B-tree of a glass database ({@code backends/glass/glass_table.cc}): binary search in branch and
 * leaf blocks, forward iteration, and reassembly of tags split over several items (raw-deflate compressed or
 * not). Every offset read from a block is checked; damage raises {@link IndexFormatException}.
 */
public final class GlassTable {

    static final int DIR_START = 11;
    /** Largest tag reassembled (guards against hostile component counts). */
    static final int MAX_TAG = 64 << 20;
    /** One raw-deflate decoder per thread, reset for every tag. */
    private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(() -> new Inflater(true));

    private final String name;
    private final BlockStore store;
    private final GlassVersion.RootInfo root;
    private final int blockSize;

    public GlassTable(String name, BlockStore store, GlassVersion.RootInfo root) {
        this.name = name;
        this.store = store;
        this.root = root;
        this.blockSize = root.blockSize();
    }

    public String name() {
        return name;
    }

    /** True when the table holds nothing (a fake root). */
    public boolean isEmpty() {
        return root.rootIsFake() || root.numEntries() == 0;
    }

    /** The tag stored under {@code key}, or {@code null}. */
    public byte[] get(byte[] key) {
        if (isEmpty()) {
            return null;
        }
        Cursor c = cursor();
        if (!c.find(key)) {
            return null;
        }
        return c.tag();
    }

    /** A cursor for lookups: every block it reads is cached. */
    public Cursor cursor() {
        return new Cursor(false);
    }

    /**
     * A cursor for a scan (a posting list, a value stream, position lists in docid order): it keeps its leaf
     * while the keys sought stay in it, and the leaves it reads do not push the lookups' blocks out of the cache.
     */
    public Cursor scanCursor() {
        return new Cursor(true);
    }

    // ---- block helpers ----

    private byte[] loadBlock(long n, int expectedLevel, boolean keep) {
        byte[] b = store.block(n, blockSize, keep);
        int level = b[4] & 0xFF;
        if (level != expectedLevel) {
            throw new IndexFormatException("B-tree block at unexpected level in table " + name);
        }
        int dirEnd = u16(b, 9);
        if (dirEnd < DIR_START || dirEnd > blockSize || ((dirEnd - DIR_START) & 1) != 0) {
            throw new IndexFormatException("bad B-tree block directory in table " + name);
        }
        return b;
    }

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    static long u32(byte[] b, int off) {
        return ((long) (b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8)
                | (b[off + 3] & 0xFF);
    }

    private int itemCount(byte[] b) {
        return (u16(b, 9) - DIR_START) / 2;
    }

    /** Offset of item {@code i} in block {@code b}, checked. */
    private int itemOffset(byte[] b, int i, boolean leaf) {
        int off = u16(b, DIR_START + 2 * i);
        int min = leaf ? 3 : 7;
        if (off < DIR_START || off + min > blockSize) {
            throw new IndexFormatException("B-tree item offset out of range in table " + name);
        }
        if (leaf) {
            int size = (u16(b, off) & 0x1FFF) + 3;
            int keyLen = b[off + 2] & 0xFF;
            if (off + size > blockSize || 3 + keyLen > size) {
                throw new IndexFormatException("B-tree item overruns its block in table " + name);
            }
        } else {
            int keyLen = b[off + 4] & 0xFF;
            if (off + 4 + 1 + keyLen + 2 > blockSize) {
                throw new IndexFormatException("B-tree item overruns its block in table " + name);
            }
        }
        return off;
    }

    /** Compares the leaf item at {@code off} with (key, component 1). */
    private static int compareLeaf(byte[] b, int off, byte[] key) {
        int klen = b[off + 2] & 0xFF;
        int c = compareBytes(b, off + 3, klen, key);
        if (c != 0) {
            return c;
        }
        boolean first = (b[off] & 0x20) != 0;
        int comp = first ? 1 : u16(b, off + 3 + klen);
        return comp - 1;
    }

    /** Compares the branch item at {@code off} with (key, component 1). */
    private static int compareBranch(byte[] b, int off, byte[] key) {
        int klen = b[off + 4] & 0xFF;
        int c = compareBytes(b, off + 5, klen, key);
        if (c != 0) {
            return c;
        }
        return u16(b, off + 5 + klen) - 1;
    }

    static int compareBytes(byte[] b, int off, int len, byte[] key) {
        int n = Math.min(len, key.length);
        for (int i = 0; i < n; i++) {
            int d = (b[off + i] & 0xFF) - (key[i] & 0xFF);
            if (d != 0) {
                return d;
            }
        }
        return len - key.length;
    }

    /**
     * A position in the table. After {@link #find} or {@link #next} the cursor is on the first component of a
     * tag (or before the first item / after the last).
     */
    public final class Cursor {
        private final byte[][] blocks = new byte[root.level() + 1][];
        private final long[] blockNos = new long[root.level() + 1];
        private final int[] idx = new int[root.level() + 1];
        private final boolean scan;
        private boolean valid;
        private boolean atEnd;

        private Cursor(boolean scan) {
            this.scan = scan;
        }

        /**
         * Positions on the last tag whose key is ≤ {@code key}; returns true on an exact match. If every key is
         * greater, the cursor is before the first item and {@link #next()} moves to the first one.
         */
        public boolean find(byte[] key) {
            atEnd = false;
            if (isEmpty()) {
                valid = false;
                atEnd = true;
                return false;
            }
            if (blocks[0] == null || !leafHolds(key)) {
                descend(key);
            }
            byte[] leaf = blocks[0];
            int n = itemCount(leaf);
            int lo = -1;
            int hi = n;
            boolean exact = false;
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                int c = compareLeaf(leaf, itemOffset(leaf, mid, true), key);
                if (c <= 0) {
                    lo = mid;
                    if (c == 0) {
                        exact = true;
                        break;
                    }
                } else {
                    hi = mid;
                }
            }
            idx[0] = lo;
            valid = true;
            if (lo < 0) {
                // before the leaf's first item but not before the divider above it (glass shortens dividers to the
                // bytes that tell two leaves apart): the last item <= key ends the leaf before, if there is one
                valid = stepBack();
            }
            if (valid && !firstComponent()) {
                // on a continuation of a tag with a smaller key: back to that tag's first component
                exact = false;
                while (!firstComponent()) {
                    if (!stepBack()) {
                        throw new IndexFormatException("B-tree tag without its first component in table " + name);
                    }
                }
            }
            return exact;
        }

        /**
         * Moves back one leaf item, crossing blocks; false, and nothing moved, when the cursor is before the
         * table's first item.
         */
        private boolean stepBack() {
            if (idx[0] > 0) {
                idx[0]--;
                return true;
            }
            int level = 1;
            while (level <= root.level() && idx[level] == 0) {
                level++;
            }
            if (level > root.level()) {
                return false;
            }
            idx[level]--;
            for (int l = level; l > 0; l--) {
                long child = u32(blocks[l], itemOffset(blocks[l], idx[l], false));
                int n = itemCount(block(l - 1, child));
                if (n == 0) {
                    throw new IndexFormatException("empty B-tree block in table " + name);
                }
                idx[l - 1] = n - 1;
            }
            return true;
        }

        /**
         * True when {@code key} lies between the first and the last item of the leaf the cursor is in, so that a
         * descent from the root would come back to it: the common case of keys sought in ascending order.
         */
        private boolean leafHolds(byte[] key) {
            byte[] leaf = blocks[0];
            int n = itemCount(leaf);
            return n > 0 && compareLeaf(leaf, itemOffset(leaf, 0, true), key) <= 0
                    && compareLeaf(leaf, itemOffset(leaf, n - 1, true), key) >= 0;
        }

        /** Walks from the root to the leaf that would hold {@code key}, keeping the blocks it already holds. */
        private void descend(byte[] key) {
            long blockNo = root.rootBlock();
            for (int level = root.level(); level > 0; level--) {
                byte[] b = block(level, blockNo);
                int n = itemCount(b);
                if (n == 0) {
                    throw new IndexFormatException("empty B-tree branch block in table " + name);
                }
                // item 0 acts as minus infinity
                int lo = 0;
                int hi = n;
                while (hi - lo > 1) {
                    int mid = (lo + hi) >>> 1;
                    if (compareBranch(b, itemOffset(b, mid, false), key) <= 0) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                idx[level] = lo;
                blockNo = u32(b, itemOffset(b, lo, false));
            }
            block(0, blockNo);
        }

        /** Block {@code n} at {@code level}, made the cursor's block there (not looked up again if it already is). */
        private byte[] block(int level, long n) {
            if (blocks[level] != null && blockNos[level] == n) {
                return blocks[level];
            }
            byte[] b = loadBlock(n, level, level > 0 || !scan);
            blocks[level] = b;
            blockNos[level] = n;
            return b;
        }

        private boolean firstComponent() {
            int off = itemOffset(blocks[0], idx[0], true);
            return (blocks[0][off] & 0x20) != 0;
        }

        /** Moves to the next tag's first component; false at the end of the table. */
        public boolean next() {
            if (atEnd) {
                return false;
            }
            do {
                if (!stepItem()) {
                    atEnd = true;
                    valid = false;
                    return false;
                }
            } while (!firstComponent());
            valid = true;
            return true;
        }

        /** Advances one leaf item, crossing blocks; false at the end. */
        private boolean stepItem() {
            if (blocks[0] == null) {
                return false;
            }
            if (idx[0] + 1 < itemCount(blocks[0])) {
                idx[0]++;
                return true;
            }
            int level = 1;
            while (level <= root.level()) {
                if (idx[level] + 1 < itemCount(blocks[level])) {
                    idx[level]++;
                    break;
                }
                level++;
            }
            if (level > root.level()) {
                return false;
            }
            for (int l = level; l > 0; l--) {
                long child = u32(blocks[l], itemOffset(blocks[l], idx[l], false));
                if (itemCount(block(l - 1, child)) == 0) {
                    throw new IndexFormatException("empty B-tree block in table " + name);
                }
                idx[l - 1] = 0;
            }
            return true;
        }

        /** True when positioned on an item. */
        public boolean valid() {
            return valid;
        }

        /** The current key. */
        public byte[] key() {
            if (!valid) {
                throw new IllegalStateException("cursor not on an item");
            }
            byte[] b = blocks[0];
            int off = itemOffset(b, idx[0], true);
            int klen = b[off + 2] & 0xFF;
            return java.util.Arrays.copyOfRange(b, off + 3, off + 3 + klen);
        }

        /** True if the current key starts with {@code prefix}. */
        public boolean keyStartsWith(byte[] prefix) {
            if (!valid) {
                return false;
            }
            byte[] b = blocks[0];
            int off = itemOffset(b, idx[0], true);
            int klen = b[off + 2] & 0xFF;
            if (klen < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (b[off + 3 + i] != prefix[i]) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The current tag, reassembled from its components and inflated if compressed. The cursor stays on the
         * tag's first component (the components are read with a copy of the position).
         */
        public byte[] tag() {
            if (!valid) {
                throw new IllegalStateException("cursor not on an item");
            }
            byte[] b = blocks[0];
            int off = itemOffset(b, idx[0], true);
            if ((b[off] & 0x40) != 0) {
                // the only component: no need to move
                int size = (u16(b, off) & 0x1FFF) + 3;
                byte[] raw = java.util.Arrays.copyOfRange(b, off + 3 + (b[off + 2] & 0xFF), off + size);
                return (b[off] & 0x80) != 0 ? inflate(raw) : raw;
            }
            byte[][] saveBlocks = blocks.clone();
            long[] saveNos = blockNos.clone();
            int[] saveIdx = idx.clone();
            try {
                return readTag();
            } finally {
                System.arraycopy(saveBlocks, 0, blocks, 0, blocks.length);
                System.arraycopy(saveNos, 0, blockNos, 0, blockNos.length);
                System.arraycopy(saveIdx, 0, idx, 0, idx.length);
            }
        }

        private byte[] readTag() {
            ByteArrayOutputStream out = new ByteArrayOutputStream(2 * blockSize);
            byte[] b = blocks[0];
            int off = itemOffset(b, idx[0], true);
            boolean compressed = (b[off] & 0x80) != 0;
            int klen = b[off + 2] & 0xFF;
            byte[] key = java.util.Arrays.copyOfRange(b, off + 3, off + 3 + klen);
            int component = 1;
            while (true) {
                int size = (u16(b, off) & 0x1FFF) + 3;
                int cd = 3 + klen + (component == 1 ? 0 : 2);
                if (cd > size) {
                    throw new IndexFormatException("B-tree item too short in table " + name);
                }
                out.write(b, off + cd, size - cd);
                if (out.size() > MAX_TAG) {
                    throw new IndexFormatException("B-tree tag too large in table " + name);
                }
                if ((b[off] & 0x40) != 0) {
                    break;
                }
                if (!stepItem()) {
                    throw new IndexFormatException("B-tree tag truncated in table " + name);
                }
                component++;
                b = blocks[0];
                off = itemOffset(b, idx[0], true);
                int kl = b[off + 2] & 0xFF;
                if ((b[off] & 0x20) != 0 || kl != klen || compareBytes(b, off + 3, kl, key) != 0
                        || u16(b, off + 3 + kl) != component) {
                    throw new IndexFormatException("B-tree tag components out of order in table " + name);
                }
            }
            byte[] raw = out.toByteArray();
            return compressed ? inflate(raw) : raw;
        }

        private byte[] inflate(byte[] raw) {
            Inflater inf = INFLATER.get();
            inf.reset();
            try {
                inf.setInput(raw);
                ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length * 3);
                byte[] buf = new byte[8192];
                while (!inf.finished()) {
                    int n = inf.inflate(buf);
                    if (n == 0) {
                        if (inf.needsInput() || inf.needsDictionary()) {
                            // raw deflate without a final block: accept what we have if input is exhausted
                            if (inf.getRemaining() == 0 && out.size() > 0) {
                                break;
                            }
                            throw new IndexFormatException("truncated compressed tag in table " + name);
                        }
                    }
                    out.write(buf, 0, n);
                    if (out.size() > MAX_TAG) {
                        throw new IndexFormatException("compressed tag too large in table " + name);
                    }
                }
                return out.toByteArray();
            } catch (DataFormatException e) {
                throw new IndexFormatException("bad compressed tag in table " + name, e);
            }
        }
    }
}
