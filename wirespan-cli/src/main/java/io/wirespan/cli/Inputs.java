package io.wirespan.cli;

import io.wirespan.engine.capture.CaptureFiles;
import io.wirespan.engine.capture.PacketSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The capture files named on the command line; {@code -} is standard input. */
record Inputs(List<String> names) {
    static final String STDIN = "-";

    PacketSource open(String name) throws IOException {
        if (name.equals(STDIN)) return CaptureFiles.open("<stdin>", System.in);
        return CaptureFiles.open(Path.of(name));
    }

    /** Total size of the regular files, for the progress bar (a pipe counts as 0). */
    long knownBytes() {
        long total = 0;
        for (String name : names) {
            if (name.equals(STDIN)) continue;
            try {
                Path path = Path.of(name);
                if (Files.isRegularFile(path)) total += Files.size(path);
            } catch (IOException | RuntimeException e) {
                // Unreadable files are reported when they are opened.
            }
        }
        return total;
    }
}
