package io.wirespan.cli.live;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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

    /**
     * A program of Debian's PostgreSQL server packages, which keep them off PATH in
     * {@code /usr/lib/postgresql/<major>/bin}: the newest major's, else an AssertionError.
     */
    static String requirePostgres(String name) {
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (var majors = Files.list(versions)) {
                var newest = majors.filter(p -> p.getFileName().toString().matches("\\d+"))
                        .filter(p -> Files.isExecutable(p.resolve("bin").resolve(name)))
                        .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString())));
                if (newest.isPresent()) return newest.get().resolve("bin").resolve(name).toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new AssertionError(name + " is missing from " + versions + "/<major>/bin: the live-traffic tests need it"
                + " (apt-get install postgresql; .ci/run installs it)");
    }
}
