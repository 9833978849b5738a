package io.burrow.mcp.testkit.gemini;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed server certificate (EC P-256) with its key, for {@link FakeGeminiServer}. Tests choose
 * the validity period to exercise expired and not-yet-valid certificates, and generate a second one to
 * simulate a server whose certificate changed.
 *
 * <pre>{@code
 * ServerCertificate expired = ServerCertificate.generate("localhost",
 *         Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)));
 * }</pre>
 */
public final class ServerCertificate {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private ServerCertificate(KeyPair keyPair, X509Certificate certificate) {
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    /** A certificate for {@code localhost} valid from a day ago for a year. */
    public static ServerCertificate generate() {
        Instant now = Instant.now();
        return generate("localhost", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    /**
     * A certificate with common name {@code commonName} (also a DNS subject alternative name, with
     * {@code 127.0.0.1}) valid from {@code notBefore} to {@code notAfter}.
     */
    public static ServerCertificate generate(String commonName, Instant notBefore, Instant notAfter) {
        Objects.requireNonNull(commonName, "commonName");
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair kp = g.generateKeyPair();
            X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(127, RANDOM).add(BigInteger.ONE),
                    Date.from(notBefore), Date.from(notAfter), name, kp.getPublic());
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, commonName), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            byte[] der = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())).getEncoded();
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return new ServerCertificate(kp, cert);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot generate a certificate", e);
        }
    }

    /** The key pair. */
    public KeyPair keyPair() {
        return keyPair;
    }

    /** The certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** SHA-256 of the DER certificate, lower-case hex without colons (what a Gemini TOFU pin holds). */
    public String fingerprint() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
