package org.cockroachdb.mesos.testkit.cockroach.cert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM as cockroach writes and reads it: {@code CERTIFICATE} blocks, keys as {@code RSA PRIVATE KEY}
 * (PKCS#1) or {@code EC PRIVATE KEY}, and PKCS#8 {@code PRIVATE KEY} accepted on input.
 */
final class Pem {
    private static final String CERTIFICATE = "CERTIFICATE";

    private Pem() {}

    static byte[] encode(X509Certificate... certificates) {
        List<PemObject> blocks = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            try {
                blocks.add(new PemObject(CERTIFICATE, certificate.getEncoded()));
            } catch (CertificateException e) {
                throw new IllegalStateException("a certificate we hold cannot be encoded", e);
            }
        }
        return write(blocks);
    }

    static byte[] encode(PrivateKey key) throws CertFailure {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            byte[] der = info.parsePrivateKey().toASN1Primitive().getEncoded(ASN1Encoding.DER);
            return switch (key.getAlgorithm()) {
                case "RSA" -> write(List.of(new PemObject("RSA PRIVATE KEY", der)));
                case "EC" -> write(List.of(new PemObject("EC PRIVATE KEY", der)));
                default -> throw new CertFailure("unknown key type: " + key.getAlgorithm());
            };
        } catch (IOException e) {
            throw new CertFailure("error marshaling key: " + e.getMessage());
        }
    }

    /** Every block must be a certificate, as in cockroach's {@code PEMToCertificates}. */
    static List<X509Certificate> certificates(byte[] pem) throws CertFailure {
        List<X509Certificate> certificates = new ArrayList<>();
        try (PemReader reader = reader(pem)) {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (PemObject block = reader.readPemObject(); block != null; block = reader.readPemObject()) {
                if (!block.getType().equals(CERTIFICATE)) {
                    throw new CertFailure("block #" + certificates.size() + " is of type " + block.getType()
                            + ", not CERTIFICATE");
                }
                certificates.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(block.getContent())));
            }
        } catch (IOException | CertificateException e) {
            throw new CertFailure(String.valueOf(e.getMessage()));
        }
        return certificates;
    }

    /** The key and its public half: a CA key must match {@code ca.crt} and signs its own certificate. */
    static KeyPair keyPair(byte[] pem) throws CertFailure {
        Object parsed;
        try (PEMParser parser = new PEMParser(new InputStreamReader(new ByteArrayInputStream(pem),
                StandardCharsets.US_ASCII))) {
            parsed = parser.readObject();
        } catch (IOException e) {
            throw new CertFailure(String.valueOf(e.getMessage()));
        }
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (parsed instanceof PEMKeyPair pair && pair.getPublicKeyInfo() != null) {
                return converter.getKeyPair(pair);
            }
            if (parsed instanceof PEMKeyPair pair) {
                return withDerivedPublicKey(converter.getPrivateKey(pair.getPrivateKeyInfo()));
            }
            if (parsed instanceof PrivateKeyInfo info && info.getPrivateKeyAlgorithm().getAlgorithm()
                    .equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                // PKCS#8 EC keys carry their public point inside; RSA keys can be derived below.
                ECPrivateKey ec = ECPrivateKey.getInstance(info.parsePrivateKey());
                if (ec.getPublicKey() != null) {
                    return new KeyPair(converter.getPublicKey(new SubjectPublicKeyInfo(
                            info.getPrivateKeyAlgorithm(), ec.getPublicKey().getBytes())),
                            converter.getPrivateKey(info));
                }
            }
            if (parsed instanceof PrivateKeyInfo info) {
                return withDerivedPublicKey(converter.getPrivateKey(info));
            }
        } catch (IOException e) {
            throw new CertFailure(String.valueOf(e.getMessage()));
        }
        throw new CertFailure(parsed == null ? "no PEM data found" : "unknown private key format");
    }

    private static KeyPair withDerivedPublicKey(PrivateKey key) throws CertFailure {
        if (key instanceof RSAPrivateCrtKey rsa) {
            try {
                PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
                return new KeyPair(publicKey, key);
            } catch (GeneralSecurityException e) {
                throw new CertFailure(String.valueOf(e.getMessage()));
            }
        }
        throw new CertFailure("cannot find the public key of a " + key.getAlgorithm() + " private key");
    }

    private static PemReader reader(byte[] pem) {
        return new PemReader(new InputStreamReader(new ByteArrayInputStream(pem), StandardCharsets.US_ASCII));
    }

    private static byte[] write(List<PemObject> blocks) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            for (PemObject block : blocks) {
                writer.writeObject(block);
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string cannot fail", e);
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
