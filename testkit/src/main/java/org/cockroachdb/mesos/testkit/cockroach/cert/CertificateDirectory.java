package org.cockroachdb.mesos.testkit.cockroach.cert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a certs directory as cockroach's certificate loader does: every {@code *.crt} whose name it
 * knows, parsed, with its key found next to it and checked for permissions. A missing directory holds
 * no certificates; one that cannot be read is an error.
 */
final class CertificateDirectory {
    private final CertsDir dir;
    private final KeyPermissions permissions;

    CertificateDirectory(Path dir, KeyPermissions permissions) {
        this.dir = new CertsDir(dir);
        this.permissions = permissions;
    }

    List<CertInfo> load() throws CertFailure {
        List<Path> files;
        try (Stream<Path> entries = Files.list(dir.dir())) {
            files = entries.sorted().toList(); // Go's ReadDir sorts by name
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new CertFailure("problem loading certs directory " + dir.dir() + ": "
                    + PathError.of("open", dir.dir(), e).message());
        }
        List<CertInfo> certificates = new ArrayList<>();
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            if (Files.isDirectory(file)) {
                continue;
            }
            PemUsage.classify(fileName).ifPresent(c -> certificates.add(load(c, fileName)));
        }
        return certificates;
    }

    private CertInfo load(PemUsage.Classified kind, String fileName) {
        byte[] contents;
        try {
            contents = Files.readAllBytes(dir.file(fileName));
        } catch (IOException e) {
            contents = new byte[0]; // cockroach logs the read failure and then finds the file empty
        }
        if (contents.length == 0) {
            return CertInfo.failed(kind.usage(), fileName, kind.name(), "empty certificate file: " + fileName);
        }
        List<X509Certificate> parsed;
        try {
            parsed = Pem.certificates(contents);
        } catch (CertFailure e) {
            return CertInfo.failed(kind.usage(), fileName, kind.name(),
                    "failed to parse certificate file " + fileName + " as PEM: " + e.getMessage());
        }
        if (parsed.isEmpty()) {
            return CertInfo.failed(kind.usage(), fileName, kind.name(), "no certificates found in " + fileName);
        }
        String commonName = CommonName.of(parsed.get(0));
        if (kind.usage() == PemUsage.CLIENT && !commonName.equals(kind.name())) {
            return CertInfo.failed(kind.usage(), fileName, kind.name(), "failed to validate certificate 0 in file "
                    + fileName + ": client certificate has principals [\"" + commonName + "\"], expected \""
                    + kind.name() + "\"");
        }
        if (kind.usage().isCa()) {
            return new CertInfo(kind.usage(), fileName, kind.name(), parsed, "", new byte[0], Optional.empty());
        }
        String keyFileName = fileName.substring(0, fileName.length() - ".crt".length()) + ".key";
        Path keyPath = dir.file(keyFileName);
        Optional<String> keyProblem = keyProblem(keyPath);
        if (keyProblem.isPresent()) {
            return new CertInfo(kind.usage(), fileName, kind.name(), parsed, "", new byte[0], keyProblem);
        }
        try {
            return new CertInfo(kind.usage(), fileName, kind.name(), parsed, keyFileName,
                    Files.readAllBytes(keyPath), Optional.empty());
        } catch (IOException e) {
            return new CertInfo(kind.usage(), fileName, kind.name(), parsed, "", new byte[0], Optional.of(
                    "could not read key file " + keyPath + ": " + PathError.of("open", keyPath, e).message()));
        }
    }

    private Optional<String> keyProblem(Path keyPath) {
        if (!Files.exists(keyPath)) {
            return Optional.of("could not stat key file " + keyPath + ": "
                    + new PathError("stat", keyPath, "no such file or directory").message());
        }
        if (!Files.isRegularFile(keyPath)) {
            return Optional.of("key file " + keyPath + " is not a regular file");
        }
        return permissions.keyFileProblem(keyPath);
    }
}
