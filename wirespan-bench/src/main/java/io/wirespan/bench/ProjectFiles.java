package io.wirespan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The project's folders, found from wherever a benchmark runs inside the checkout. */
final class ProjectFiles {
    private ProjectFiles() {}

    /** The checkout's root: the nearest folder up from the working directory that holds {@code samples/}. */
    static Path root() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("samples"))) root = root.getParent();
        if (root == null) throw new IllegalStateException("run from the project: samples/ not found");
        return root;
    }

    /** Deletes a benchmark's temporary folder and everything in it. */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(path);
        }
    }

    /** DeepFlow's test captures, beside the project. */
    static Path corpus() {
        return root().resolveSibling("shared").resolve("corpus/deepflow");
    }
}
