package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** {@code nodelocal://}: a directory; objects are files, written whole or not at all. */
final class LocalBackupStore implements BackupStore {
    private final Path root;

    LocalBackupStore(Path root) {
        this.root = root;
    }

    @Override
    public void put(String key, Path file) throws IOException {
        Path target = root.resolve(key);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void put(String key, byte[] bytes) throws IOException {
        Path target = root.resolve(key);
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.write(partial, bytes);
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(root.resolve(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean download(String key, Path file) throws IOException {
        Path source = root.resolve(key);
        if (!Files.isRegularFile(source)) {
            return false;
        }
        Files.copy(source, file, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    @Override
    public List<String> list() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace(File.separatorChar, '/'))
                    .filter(k -> !k.endsWith(".partial"))
                    .sorted()
                    .toList();
        }
    }

    @Override
    public void close() {}
}
