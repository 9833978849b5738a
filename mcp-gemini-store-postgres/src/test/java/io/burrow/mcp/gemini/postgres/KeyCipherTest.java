package io.burrow.mcp.gemini.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burrow.mcp.gemini.postgres.internal.KeyCipher;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

final class KeyCipherTest {

    private static final byte[] RAW = HexFormat.of().parseHex(
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final byte[] SECRET = "PKCS#8 bytes of a private key".getBytes(StandardCharsets.US_ASCII);

    @Test
    void encrypt_thenDecrypt_withTheSameKeyAndContext_roundTrips() throws Exception {
        KeyCipher c = KeyCipher.fromSetting(Base64.getEncoder().encodeToString(RAW));
        byte[] sealed = c.encrypt(SECRET, "me\0fp");
        assertThat(sealed).hasSize(1 + 12 + SECRET.length + 16);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("private key");
        assertThat(c.decrypt(sealed, "me\0fp")).isEqualTo(SECRET);
        assertThat(c.encrypt(SECRET, "me\0fp")).as("a fresh nonce each time").isNotEqualTo(sealed);
    }

    @Test
    void decrypt_refusesAnotherContext_anotherKey_andDamagedBytes() {
        KeyCipher c = KeyCipher.fromSetting(HexFormat.of().formatHex(RAW));
        byte[] sealed = c.encrypt(SECRET, "me\0fp");
        assertThatThrownBy(() -> c.decrypt(sealed, "you\0fp")).isInstanceOf(KeyCipher.UndecryptableException.class);
        byte[] other = RAW.clone();
        other[0] ^= 1;
        KeyCipher d = KeyCipher.fromSetting(Base64.getEncoder().encodeToString(other));
        assertThat(d.keyId()).isNotEqualTo(c.keyId()).hasSize(16);
        assertThatThrownBy(() -> d.decrypt(sealed, "me\0fp")).isInstanceOf(KeyCipher.UndecryptableException.class);
        byte[] damaged = sealed.clone();
        damaged[damaged.length - 1] ^= 1;
        assertThatThrownBy(() -> c.decrypt(damaged, "me\0fp")).isInstanceOf(KeyCipher.UndecryptableException.class);
        assertThatThrownBy(() -> c.decrypt(new byte[3], "me\0fp")).isInstanceOf(KeyCipher.UndecryptableException.class);
    }

    @Test
    void keySetting_mustBe32Bytes_andErrorsNeverShowIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> KeyCipher.fromSetting(shortKey)).hasMessageContaining("32 bytes")
                .hasMessageContaining("has 16").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> KeyCipher.fromSetting("not base64 at all!")).hasMessage("must be base64 or hex");
        KeyCipher c = KeyCipher.fromSetting(Base64.getUrlEncoder().encodeToString(RAW));
        assertThat(c.toString()).doesNotContain(HexFormat.of().formatHex(RAW)).contains(c.keyId());
        assertThat(c.keyId()).isEqualTo(KeyCipher.fromSetting(HexFormat.of().formatHex(RAW)).keyId());
    }
}
