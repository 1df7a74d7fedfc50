package io.wirespan.engine.flow;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared DeepFlow corpus, which is read in place and never copied. */
final class CorpusFiles {
    private CorpusFiles() {}

    /** Walks up from the working directory to the ancestor that has {@code shared/corpus/deepflow}. */
    static Path deepflow() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path corpus = dir.resolve("shared").resolve("corpus").resolve("deepflow");
            if (Files.isDirectory(corpus)) {
                return corpus;
            }
        }
        throw new IllegalStateException("no shared/corpus/deepflow beside any ancestor of " + start);
    }
}
