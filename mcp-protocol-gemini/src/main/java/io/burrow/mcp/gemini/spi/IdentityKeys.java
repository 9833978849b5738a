package io.burrow.mcp.gemini.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * The private key and certificate of a client identity, encoded: what an {@link IdentityStorage} keeps. The arrays
 * are copied in and out.
 *
 * @param privateKeyPkcs8 the private key, PKCS#8 DER
 * @param certificateDer the X.509 certificate, DER
 */
public record IdentityKeys(byte[] privateKeyPkcs8, byte[] certificateDer) {

    public IdentityKeys {
        privateKeyPkcs8 = Objects.requireNonNull(privateKeyPkcs8, "privateKeyPkcs8").clone();
        certificateDer = Objects.requireNonNull(certificateDer, "certificateDer").clone();
    }

    @Override
    public byte[] privateKeyPkcs8() {
        return privateKeyPkcs8.clone();
    }

    @Override
    public byte[] certificateDer() {
        return certificateDer.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdentityKeys k && Arrays.equals(privateKeyPkcs8, k.privateKeyPkcs8)
                && Arrays.equals(certificateDer, k.certificateDer);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(privateKeyPkcs8) + Arrays.hashCode(certificateDer);
    }

    /** Never shows the private key. */
    @Override
    public String toString() {
        return "IdentityKeys[privateKey=(" + privateKeyPkcs8.length + " bytes), certificate=(" + certificateDer.length
                + " bytes)]";
    }
}
