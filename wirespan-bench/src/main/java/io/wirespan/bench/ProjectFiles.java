package io.wirespan.bench;

import java.nio.file.Files;
import java.nio.file.Path;

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

    /** DeepFlow's test captures, beside the project. */
    static Path corpus() {
        return root().resolveSibling("shared").resolve("corpus/deepflow");
    }
}
