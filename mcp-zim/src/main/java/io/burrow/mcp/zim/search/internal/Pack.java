package io.burrow.mcp.zim.search.internal;

import io.burrow.mcp.zim.search.IndexFormatException;

/**
 * A cursor over a byte range decoding Xapian's packed integers and strings ({@code common/pack.h}).
 * Every read is bounds-checked; malformed input raises {@link IndexFormatException}.
 */
public final class Pack {

    private final byte[] buf;
    private int pos;
    private final int end;

    public Pack(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public Pack(byte[] buf, int pos, int end) {
        if (pos < 0 || end > buf.length || pos > end) {
            throw new IndexFormatException("bad packed range");
        }
        this.buf = buf;
        this.pos = pos;
        this.end = end;
    }

    public int pos() {
        return pos;
    }

    public int end() {
        return end;
    }

    public boolean atEnd() {
        return pos >= end;
    }

    public int remaining() {
        return end - pos;
    }

    public void skip(int n) {
        if (n < 0 || n > end - pos) {
            throw new IndexFormatException("data ran out");
        }
        pos += n;
    }

    /** {@code pack_uint}: 7 bits a byte, least significant group first. Values up to 2^63-1. */
    public long uint() {
        if (pos < end && buf[pos] >= 0) {
            return buf[pos++]; // one byte: the common case of gaps, wdfs and lengths
        }
        long result = 0;
        int shift = 0;
        while (true) {
            if (pos >= end) {
                throw new IndexFormatException("data ran out reading an integer");
            }
            int b = buf[pos++] & 0xFF;
            if (shift >= 63 || (shift == 56 && (b & 0x7F) > 0x7F)) {
                throw new IndexFormatException("integer too large");
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (result < 0) {
                    throw new IndexFormatException("integer too large");
                }
                return result;
            }
            shift += 7;
        }
    }

    /** {@code pack_uint} checked to fit in an int (docids, counts, lengths). */
    public int uint32() {
        long v = uint();
        if (v > 0xFFFF_FFFFL) {
            throw new IndexFormatException("integer too large");
        }
        return (int) v;
    }

    /** {@code pack_uint} checked to be a non-negative int (lengths, sizes). */
    public int uintLen() {
        long v = uint();
        if (v > Integer.MAX_VALUE) {
            throw new IndexFormatException("length too large");
        }
        return (int) v;
    }

    /** {@code pack_bool}: ASCII '0' or '1'. */
    public boolean bool() {
        if (pos >= end) {
            throw new IndexFormatException("data ran out reading a flag");
        }
        byte b = buf[pos++];
        if (b == '1') {
            return true;
        }
        if (b == '0') {
            return false;
        }
        throw new IndexFormatException("bad flag byte");
    }

    /** {@code pack_string}: length then bytes. */
    public byte[] string() {
        int len = uintLen();
        if (len > end - pos) {
            throw new IndexFormatException("string runs past the end of its data");
        }
        byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + len);
        pos += len;
        return out;
    }

    /** Skips a {@code pack_string}. */
    public void skipString() {
        int len = uintLen();
        skip(len);
    }

    /** {@code pack_uint_preserving_sort} (glass variant). */
    public long uintPreservingSort() {
        if (pos >= end) {
            throw new IndexFormatException("data ran out reading a key integer");
        }
        int lenByte = buf[pos++] & 0xFF;
        if (lenByte < 0x80) {
            if (pos >= end) {
                throw new IndexFormatException("data ran out reading a key integer");
            }
            return ((long) lenByte << 8) | (buf[pos++] & 0xFF);
        }
        if (lenByte == 0xFF) {
            throw new IndexFormatException("bad key integer");
        }
        int len = 2;
        for (int m = 0x40; (lenByte & m) != 0; m >>= 1) {
            len++;
        }
        if (end - pos < len) {
            throw new IndexFormatException("data ran out reading a key integer");
        }
        int mask = (0xFF << (9 - len)) & 0xFF;
        lenByte &= ~mask;
        if (len > 8) {
            throw new IndexFormatException("key integer too large");
        }
        long r = lenByte;
        for (int i = 0; i < len; i++) {
            r = (r << 8) | (buf[pos++] & 0xFF);
        }
        if (r < 0) {
            throw new IndexFormatException("key integer too large");
        }
        return r;
    }

    /**
     * {@code unpack_string_preserving_sort}: bytes up to an unescaped NUL (NUL is escaped as 00 FF);
     * the terminator is consumed.
     */
    public byte[] stringPreservingSort() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        while (pos < end) {
            byte ch = buf[pos++];
            if (ch == 0) {
                if (pos == end || buf[pos] != (byte) 0xFF) {
                    break;
                }
                pos++;
            }
            out.write(ch);
        }
        return out.toByteArray();
    }

    // ---- encoders used to build keys ----

    /** A new array: {@code prefix} followed by {@code pack_uint_preserving_sort(v)} (a key, built in one piece). */
    public static byte[] withUintPreservingSort(byte[] prefix, long v) {
        int p = prefix.length;
        if (v < 0x8000) {
            byte[] out = java.util.Arrays.copyOf(prefix, p + 2);
            out[p] = (byte) (v >> 8);
            out[p + 1] = (byte) v;
            return out;
        }
        int len = 3;
        for (long x = v >>> 22; x != 0; x >>>= 7) {
            len++;
        }
        byte[] out = java.util.Arrays.copyOf(prefix, p + len);
        int mask = 0xFF << (10 - len);
        long value = v;
        for (int i = 1; i != len; i++) {
            out[p + len - i] = (byte) value;
            value >>>= 8;
        }
        out[p] = (byte) (value | mask);
        return out;
    }

    /** Appends {@code pack_uint(v)}. */
    public static void appendUint(java.io.ByteArrayOutputStream out, long v) {
        while (v >= 128) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** Appends {@code pack_string_preserving_sort(s, last)}. */
    public static void appendStringPreservingSort(java.io.ByteArrayOutputStream out, byte[] s, boolean last) {
        for (byte b : s) {
            out.write(b);
            if (b == 0) {
                out.write(0xFF);
            }
        }
        if (!last) {
            out.write(0);
        }
    }
}
