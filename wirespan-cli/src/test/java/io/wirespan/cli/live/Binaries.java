package io.wirespan.cli.live;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the real programs the live tests run; a missing one fails the test (never skips it). */
final class Binaries {
    private Binaries() {}

    /** The absolute path of {@code name} on PATH (or in the sbin folders), else an AssertionError naming the Debian package. */
    static String require(String name, String debianPackage) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) dirs.addAll(List.of(path.split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"));
        for (String dir : dirs) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) return candidate.toString();
        }
        throw new AssertionError(name + " is missing: the live-traffic tests need it (apt-get install "
                + debianPackage + "; .ci/run installs it)");
    }
}
