package io.burrow.mcp.gemini.internal;

import io.burrow.mcp.core.InvalidRequestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-256 fingerprints of DER certificates as lower-case hex without colons. */
public final class Fingerprints {

    private Fingerprints() {
    }

    /** The fingerprint of a certificate. */
    public static String of(X509Certificate certificate) {
        try {
            return of(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    /** The fingerprint of DER bytes. */
    public static String of(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /**
     * Canonicalises a fingerprint typed by a person: drops a {@code sha256:} prefix, colons and spaces,
     * lower-cases.
     *
     * @throws InvalidRequestException if the result is not 64 hex digits
     */
    public static String canonical(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("sha256:")) {
            t = t.substring(7);
        } else if (t.startsWith("sha-256:")) {
            t = t.substring(8);
        }
        t = t.replace(":", "").replace(" ", "");
        if (!t.matches("[0-9a-f]{64}")) {
            throw new InvalidRequestException("Fingerprint must be a SHA-256 hash: 64 hex digits",
                    "Copy error.fingerprint from the CERTIFICATE_CHANGED error.");
        }
        return t;
    }

    /** Constant-time comparison. */
    public static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                b.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
