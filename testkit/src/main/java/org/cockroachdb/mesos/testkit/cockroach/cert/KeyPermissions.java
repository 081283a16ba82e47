package org.cockroachdb.mesos.testkit.cockroach.cert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * cockroach's refusal to use a private key others can read. The rule played is v21.1's (and older):
 * a key may have no group or world bits at all, {@code -rwx------} at most. (v21.2+ also lets a
 * root-owned key in the process's group be {@code -rwxr-----}; the stand-in does not model that.)
 * {@code COCKROACH_SKIP_KEY_PERMISSION_CHECK=true} turns the check off, as on the real binary.
 */
public final class KeyPermissions {
    public static final String SKIP_CHECK_ENV = "COCKROACH_SKIP_KEY_PERMISSION_CHECK";
    private static final Set<PosixFilePermission> MAX_KEY_PERMISSIONS = PosixFilePermissions.fromString("rwx------");

    private final Function<String, String> env;

    /** {@code env} looks up environment variables; tests pass a map's {@code get}. */
    public KeyPermissions(Function<String, String> env) {
        this.env = env;
    }

    public static KeyPermissions fromEnvironment() {
        return new KeyPermissions(System::getenv);
    }

    /**
     * What stops {@code cockroach start} from using {@code node.key} in {@code certsDir}, worded as
     * cockroach does: {@code problem with node certificate: key file <path> has permissions -rw-r--r--,
     * exceeds -rwx------}. Empty when the key is private enough, absent (another check's business) or
     * the check is skipped.
     */
    public Optional<String> problem(Path certsDir) {
        return keyFileProblem(new CertsDir(certsDir).nodeKey()).map(p -> "problem with node certificate: " + p);
    }

    /**
     * The bare complaint about one key file ({@code key file <path> has permissions ..., exceeds ...}),
     * as {@code cert list} shows it and as client commands wrap it. Empty if the file is missing.
     */
    public Optional<String> keyFileProblem(Path keyFile) {
        if (checkSkipped()) {
            return Optional.empty();
        }
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(keyFile); // follows symlinks, as Go's os.Stat
        } catch (IOException e) {
            return Optional.empty();
        }
        Set<PosixFilePermission> excess = EnumSet.noneOf(PosixFilePermission.class);
        excess.addAll(mode);
        excess.removeAll(MAX_KEY_PERMISSIONS);
        if (excess.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("key file " + keyFile + " has permissions " + goModeString(mode)
                + ", exceeds " + goModeString(MAX_KEY_PERMISSIONS));
    }

    /** Go's strconv.ParseBool truth values; anything else leaves the check on. */
    public boolean checkSkipped() {
        String value = env.apply(SKIP_CHECK_ENV);
        return value != null && switch (value) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            default -> false;
        };
    }

    /** Go's {@code os.FileMode.String()} for a regular file, e.g. {@code -rw-r--r--}. */
    static String goModeString(Set<PosixFilePermission> mode) {
        return "-" + PosixFilePermissions.toString(mode);
    }
}
