package org.cockroachdb.mesos.testkit.cockroach.node;

import org.cockroachdb.mesos.testkit.cockroach.Release;

/** {@code cockroach version}: the real output shape, for the release being played. */
public final class VersionText {
    private VersionText() {}

    public static String buildTime(Release r) {
        return switch (r.family()) {
            case V2_1 -> "2019/01/14 20:52:06";
            case V20_2 -> "2021/01/19 18:14:54";
            case V23_1 -> "2023/09/27 15:41:19";
        };
    }

    public static String full(Release r) {
        String compiler = r.family() == Release.Family.V2_1 ? "gcc 6.3.0" : "gcc 6.5.0";
        return String.format("Build Tag:        %s%n"
                + "Build Time:       %s%n"
                + "Distribution:     CCL%n"
                + "Platform:         linux amd64 (x86_64-pc-linux-gnu)%n"
                + "Go Version:       %s%n"
                + "C Compiler:       %s%n"
                + "Build Commit ID:  %s%n"
                + "Build Type:       release%n", r.tag(), buildTime(r), r.goVersion(), compiler,
                Integer.toHexString(r.tag().hashCode()) + "5a8f0c0d3e1b9f2a7c6e4d1b0a9f8e7d6c5b4a3");
    }
}
