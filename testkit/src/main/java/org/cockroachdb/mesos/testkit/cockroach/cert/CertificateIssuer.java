package org.cockroachdb.mesos.testkit.cockroach.cert;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes keys and certificates with the fields cockroach's {@code security/x509.go} sets: subject
 * {@code O=Cockroach, CN=...}, valid from a day ago (clock skew), a random 128-bit serial, key usage
 * digitalSignature+keyEncipherment (plus certSign+contentCommitment on the CA), CA path length 1,
 * node certificates for serverAuth+clientAuth with every host in the SAN, client certificates for
 * clientAuth only, and nothing that outlives its CA.
 */
final class CertificateIssuer {
    static final String CA_COMMON_NAME = "Cockroach CA";
    private static final Duration VALID_FROM_BEFORE_NOW = Duration.ofHours(24);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** Go writes a name as PrintableString when it can, UTF8String otherwise. */
    private static final BCStyle GO_NAME_STYLE = new BCStyle() {
        @Override
        protected ASN1Encodable encodeStringValue(ASN1ObjectIdentifier oid, String value) {
            return DERPrintableString.isPrintableString(value)
                    ? new DERPrintableString(value)
                    : super.encodeStringValue(oid, value);
        }
    };

    private final SecureRandom random = new SecureRandom();

    KeyPair newRsaKey(int bits) throws CertFailure {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CertFailure(String.valueOf(e.getMessage()));
        }
    }

    X509Certificate ca(KeyPair key, Duration lifetime) throws CertFailure {
        Instant now = Instant.now();
        X500Name subject = subject(CA_COMMON_NAME);
        JcaX509ExtensionUtils extensions = extensionUtils();
        try {
            X509v3CertificateBuilder builder = template(subject, subject, now, lifetime, key.getPublic())
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                            | KeyUsage.nonRepudiation | KeyUsage.keyEncipherment | KeyUsage.keyCertSign))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(1))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(key.getPublic()));
            return sign(builder, key.getPrivate());
        } catch (CertIOException e) {
            throw new CertFailure(String.valueOf(e.getMessage()));
        }
    }

    /** The node's certificate, used both as server and as client (CN {@code node}). */
    X509Certificate node(X509Certificate ca, PrivateKey caKey, PublicKey nodeKey, Duration lifetime,
            String user, List<String> hosts) throws CertFailure {
        Instant now = Instant.now();
        checkLifetimeAgainstCa(now, lifetime, ca);
        try {
            X509v3CertificateBuilder builder = issuedTemplate(ca, user, now, lifetime, nodeKey)
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            addAuthorityKeyId(builder, ca);
            builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(hosts));
            return sign(builder, caKey);
        } catch (CertIOException e) {
            throw new CertFailure(String.valueOf(e.getMessage()));
        }
    }

    X509Certificate client(X509Certificate ca, PrivateKey caKey, PublicKey clientKey, Duration lifetime,
            String user) throws CertFailure {
        Instant now = Instant.now();
        checkLifetimeAgainstCa(now, lifetime, ca);
        try {
            X509v3CertificateBuilder builder = issuedTemplate(ca, user, now, lifetime, clientKey)
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            addAuthorityKeyId(builder, ca);
            return sign(builder, caKey);
        } catch (CertIOException e) {
            throw new CertFailure(String.valueOf(e.getMessage()));
        }
    }

    private X509v3CertificateBuilder issuedTemplate(X509Certificate ca, String commonName, Instant now,
            Duration lifetime, PublicKey key) throws CertIOException {
        X500Name issuer = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
        return template(issuer, subject(commonName), now, lifetime, key)
                .addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    }

    private X509v3CertificateBuilder template(X500Name issuer, X500Name subject, Instant now, Duration lifetime,
            PublicKey key) {
        BigInteger serial;
        do {
            serial = new BigInteger(128, random);
        } while (serial.signum() == 0);
        return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(now.minus(VALID_FROM_BEFORE_NOW)),
                Date.from(now.plus(lifetime)), subject, key);
    }

    private static X500Name subject(String commonName) {
        return new X500NameBuilder(GO_NAME_STYLE)
                .addRDN(BCStyle.O, "Cockroach")
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    /** Go copies the issuer's subject key id into the authority key id of what it signs. */
    private static void addAuthorityKeyId(X509v3CertificateBuilder builder, X509Certificate ca)
            throws CertFailure, CertIOException {
        SubjectKeyIdentifier caKeyId;
        try {
            caKeyId = SubjectKeyIdentifier.fromExtensions(new JcaX509CertificateHolder(ca).getExtensions());
        } catch (CertificateException e) {
            throw new CertFailure(String.valueOf(e.getMessage()));
        }
        if (caKeyId != null) {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(caKeyId.getKeyIdentifier()));
        }
    }

    /** As Go's x509: names that parse as IP addresses become IP SANs, everything else a DNS SAN. */
    private static GeneralNames subjectAlternativeNames(List<String> hosts) {
        List<GeneralName> dnsNames = new ArrayList<>();
        List<GeneralName> ipAddresses = new ArrayList<>();
        for (String host : hosts) {
            if (isIpLiteral(host)) {
                ipAddresses.add(new GeneralName(GeneralName.iPAddress, host));
            } else {
                dnsNames.add(new GeneralName(GeneralName.dNSName, host));
            }
        }
        List<GeneralName> all = new ArrayList<>(dnsNames); // Go encodes DNS names before IPs
        all.addAll(ipAddresses);
        return new GeneralNames(all.toArray(GeneralName[]::new));
    }

    private static boolean isIpLiteral(String host) {
        if (IPV4.matcher(host).matches()) {
            for (String part : host.split("\\.")) {
                // Go's net.ParseIP refuses leading zeros (ambiguous octal) and octets over 255.
                if (Integer.parseInt(part) > 255 || (part.length() > 1 && part.startsWith("0"))) {
                    return false;
                }
            }
            return true;
        }
        if (!host.contains(":") || !host.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            InetAddress.getByName(host); // a literal: no lookup happens
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void checkLifetimeAgainstCa(Instant now, Duration lifetime, X509Certificate ca)
            throws CertFailure {
        Instant certNotAfter = now.plus(lifetime);
        Instant caNotAfter = ca.getNotAfter().toInstant();
        if (!caNotAfter.isBefore(certNotAfter)) {
            return;
        }
        double caHours = Duration.between(now, caNotAfter).toNanos() / 3.6e12;
        double certHours = Duration.between(now, certNotAfter).toNanos() / 3.6e12;
        throw new CertFailure(String.format(Locale.ROOT,
                "CA lifetime is %fh, shorter than the requested %fh. "
                        + "Renew CA certificate, or rerun with --lifetime=%dh for a shorter duration.",
                caHours, certHours, (long) caHours));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) throws CertFailure {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signatureAlgorithm(signer)).build(signer)));
        } catch (OperatorCreationException | CertificateException e) {
            throw new CertFailure(String.valueOf(e.getMessage()));
        }
    }

    /** Go's choice for each key type: SHA-256 with RSA; ECDSA's hash follows the curve size. */
    private static String signatureAlgorithm(PrivateKey key) {
        if (key instanceof ECKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits <= 256 ? "SHA256withECDSA" : bits <= 384 ? "SHA384withECDSA" : "SHA512withECDSA";
        }
        return "SHA256withRSA";
    }

    private static JcaX509ExtensionUtils extensionUtils() {
        try {
            return new JcaX509ExtensionUtils();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is always available in the JDK", e);
        }
    }
}
