package io.burrow.mcp.gemini.postgres.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the private keys of client identities at rest: AES-256-GCM with a random 96-bit nonce per value and
 * the identity's name and fingerprint as associated data, so that a value copied onto another row does not decrypt.
 * A value is {@code 0x01 || nonce || ciphertext+tag}. The key never leaves this class; {@link #keyId()} is a digest
 * that tells which key encrypted a row without revealing it.
 */
public final class KeyCipher {

    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;
    private final String keyId;

    /** The failure to decrypt a value: another key, or damaged bytes. */
    public static final class UndecryptableException extends Exception {
        private static final long serialVersionUID = 1L;

        UndecryptableException(String reason) {
            super(reason);
        }
    }

    private KeyCipher(byte[] raw) {
        this.key = new SecretKeySpec(raw, "AES");
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(concat(
                    "burrow-gemini-store-key-id\0".getBytes(StandardCharsets.US_ASCII), raw));
            this.keyId = HexFormat.of().formatHex(d, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /**
     * The cipher of a {@code BURROW_GEMINI_STORE_KEY} value.
     *
     * @throws IllegalArgumentException (a message that never shows the value) unless it is 32 bytes in base64 or hex
     */
    public static KeyCipher fromSetting(String text) {
        String t = text.trim();
        byte[] raw;
        try {
            raw = t.matches("(?i)[0-9a-f]{64}") ? HexFormat.of().parseHex(t)
                    : t.contains("-") || t.contains("_") ? Base64.getUrlDecoder().decode(t) : Base64.getDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be base64 or hex");
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("must hold 32 bytes (AES-256), has " + raw.length
                    + " (make one with 'openssl rand -base64 32')");
        }
        return new KeyCipher(raw);
    }

    /** A digest naming the key (16 hex digits). */
    public String keyId() {
        return keyId;
    }

    /** Encrypts {@code plain}, bound to {@code context}. */
    public byte[] encrypt(byte[] plain, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = c.doFinal(plain);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Decrypts a value made by {@link #encrypt} with the same key and context.
     *
     * @throws UndecryptableException if it was made with another key or context, or is damaged
     */
    public byte[] decrypt(byte[] value, String context) throws UndecryptableException {
        if (value.length < 1 + NONCE_BYTES + TAG_BITS / 8 || value[0] != FORMAT) {
            throw new UndecryptableException("not an encrypted key of a known format");
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, value, 1, NONCE_BYTES));
            c.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return c.doFinal(value, 1 + NONCE_BYTES, value.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new UndecryptableException("does not decrypt with this key (another key, or damaged)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "KeyCipher[keyId=" + keyId + "]";
    }
}
