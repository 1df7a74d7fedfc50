package io.wirespan.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The DeepFlow capture corpus in {@code shared/corpus/deepflow}, beside the project. It is found by
 * walking up from the working directory, so tests run the same from the root or from a module,
 * and its absence fails the test: a corpus test that skips proves nothing.
 */
public final class Corpus {
    private static final Path RELATIVE = Path.of("shared", "corpus", "deepflow");

    private Corpus() {}

    /** The corpus directory; an {@link AssertionError} when no ancestor has it beside it. */
    public static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("DeepFlow corpus not found: no directory " + RELATIVE
                + " beside " + start + " or any of its ancestors");
    }

    /** A file of the corpus, such as {@code "mysql/mysql.pcap"}; an {@link AssertionError} when missing. */
    public static Path file(String relative) {
        Path file = root().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("corpus file missing: " + file);
        }
        return file;
    }

    /** Every {@code .pcap} file of the corpus, sorted by path; an {@link AssertionError} when there is none. */
    public static List<Path> allPcaps() {
        Path root = root();
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> pcaps = files.filter(p -> p.getFileName().toString().endsWith(".pcap")).sorted().toList();
            if (pcaps.isEmpty()) {
                throw new AssertionError("no .pcap file in " + root);
            }
            return pcaps;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
