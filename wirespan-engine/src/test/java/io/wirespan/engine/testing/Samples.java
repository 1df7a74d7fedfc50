package io.wirespan.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The project's sample captures ({@code samples/*.pcap}, made from real servers by {@code samples/make-samples}). */
public final class Samples {
    private Samples() {}

    /** Every sample capture, sorted; an {@link AssertionError} when the folder is not found or empty. */
    public static List<Path> allPcaps() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path samples = dir.resolve("samples");
            if (!Files.isRegularFile(samples.resolve("make-samples"))) continue;
            try (Stream<Path> files = Files.list(samples)) {
                List<Path> pcaps = files.filter(f -> f.getFileName().toString().endsWith(".pcap")).sorted().toList();
                if (pcaps.isEmpty()) throw new AssertionError("no sample capture in " + samples);
                return pcaps;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new AssertionError("samples/make-samples not found in " + start + " or any of its ancestors");
    }
}
