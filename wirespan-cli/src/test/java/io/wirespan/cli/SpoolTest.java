package io.wirespan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's spool: bounded, oldest dropped and counted, oldest sent first, and left for the next start. */
class SpoolTest {
    @TempDir
    Path dir;

    @Test
    void keepsBatchesInOrderWithinItsBoundDroppingTheOldest() throws Exception {
        Spool spool = new Spool(dir, 250);
        for (int i = 0; i < 5; i++) spool.add(body(i), 10 + i); // 100 bytes each: the bound keeps two
        assertThat(spool.batches()).isEqualTo(2);
        assertThat(spool.callLogs()).isEqualTo(13 + 14);
        assertThat(spool.droppedCallLogs()).isEqualTo(10 + 11 + 12);
        assertThat(new String(spool.read(spool.oldest()), StandardCharsets.US_ASCII)).startsWith("batch 3");
        spool.removeOldest();
        assertThat(new String(spool.read(spool.oldest()), StandardCharsets.US_ASCII)).startsWith("batch 4");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void whatARunLeftIsTakenUpByTheNextInOrder() throws Exception {
        Spool first = new Spool(dir, 1 << 20);
        for (int i = 0; i < 3; i++) first.add(body(i), 7);
        first.removeOldest();

        Spool next = new Spool(dir, 1 << 20);
        assertThat(next.batches()).isEqualTo(2);
        assertThat(next.callLogs()).isEqualTo(14);
        assertThat(new String(next.read(next.oldest()), StandardCharsets.US_ASCII)).startsWith("batch 1");
        next.add(body(9), 1); // numbered after what it found
        next.removeOldest();
        next.removeOldest();
        assertThat(new String(next.read(next.oldest()), StandardCharsets.US_ASCII)).startsWith("batch 9");
    }

    @Test
    void aBatchLargerThanTheBoundIsStillKept() throws Exception {
        Spool spool = new Spool(dir, 10);
        spool.add(body(1), 3);
        assertThat(spool.batches()).isEqualTo(1);
        assertThat(spool.droppedCallLogs()).isZero();
    }

    private static byte[] body(int i) {
        return ("batch " + i + " " + "x".repeat(100)).substring(0, 100).getBytes(StandardCharsets.US_ASCII);
    }
}
