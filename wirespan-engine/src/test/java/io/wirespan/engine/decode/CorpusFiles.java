package io.wirespan.engine.decode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds DeepFlow's capture corpus in {@code shared/corpus/deepflow} beside the project (or any
 * ancestor of the working directory). Missing corpus is a failure, never a skip.
 */
final class CorpusFiles {
    private static final String CORPUS = "shared/corpus/deepflow";

    private CorpusFiles() {}

    static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(CORPUS);
            if (Files.isDirectory(candidate)) return candidate;
        }
        throw new IllegalStateException("no " + CORPUS + " beside " + start + " or any of its ancestors");
    }

    static Path file(String relative) {
        Path file = root().resolve(relative);
        if (!Files.isRegularFile(file)) throw new IllegalStateException("corpus file missing: " + file);
        return file;
    }

    /** Every {@code .pcap} of the corpus, sorted by path. */
    static List<Path> allPcaps() {
        try (Stream<Path> files = Files.walk(root())) {
            List<Path> pcaps = files.filter(p -> p.getFileName().toString().endsWith(".pcap")).sorted().toList();
            if (pcaps.isEmpty()) throw new IllegalStateException("no pcap in " + root());
            return pcaps;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
