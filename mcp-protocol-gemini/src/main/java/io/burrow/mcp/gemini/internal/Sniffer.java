package io.burrow.mcp.gemini.internal;

/** Recognises common binary formats by their first bytes, for responses whose MIME type is unusable. */
public final class Sniffer {

    private Sniffer() {
    }

    /** The MIME type of a known binary signature, or {@code null}. */
    public static String binaryType(byte[] b) {
        if (b == null || b.length < 4) {
            return null;
        }
        if (starts(b, 0x89, 'P', 'N', 'G')) {
            return "image/png";
        }
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(b, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (starts(b, '%', 'P', 'D', 'F')) {
            return "application/pdf";
        }
        if (starts(b, 'P', 'K', 3, 4)) {
            return "application/zip";
        }
        if (starts(b, 0x1F, 0x8B)) {
            return "application/gzip";
        }
        if (b.length >= 12 && starts(b, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        if (starts(b, 0x7F, 'E', 'L', 'F')) {
            return "application/x-elf";
        }
        for (int i = 0; i < Math.min(b.length, 512); i++) {
            if (b[i] == 0) {
                return "application/octet-stream";
            }
        }
        return null;
    }

    private static boolean starts(byte[] b, int... sig) {
        if (b.length < sig.length) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if ((b[i] & 0xFF) != sig[i]) {
                return false;
            }
        }
        return true;
    }
}
