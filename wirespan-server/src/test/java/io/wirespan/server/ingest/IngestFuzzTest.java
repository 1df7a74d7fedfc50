package io.wirespan.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wirespan.server.ingest.IngestJournal.Body;
import io.wirespan.server.ingest.IngestJournal.Replayed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What strangers and damaged disks hand the server's ingest: arbitrary request bodies through
 * {@link IngestCodec#decode(Body)}, which may refuse them only with an {@link IOException} (not
 * gzip, too large, not protobuf) or an {@link IllegalArgumentException} (a field out of range);
 * and arbitrary journal segments through {@link IngestJournal#open}, which reads back what it can
 * and never fails on their content. Plain {@code mvn test} replays the seeds in
 * {@code src/test/resources/io/wirespan/server/ingest/IngestFuzzTestInputs/}; run with
 * {@code JAZZER_FUZZ=1} to fuzz.
 */
class IngestFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void decodesArbitraryBodies(FuzzedDataProvider data) {
        boolean gzip = data.consumeBoolean();
        try {
            IngestCodec.DecodedBatch batch = IngestCodec.decode(new Body(gzip, data.consumeRemainingAsBytes()));
            assertThat(batch.batchId()).isNotBlank();
        } catch (IOException | IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void readsBackArbitraryJournals(byte[] segment) throws IOException {
        Path dir = Files.createTempDirectory("wirespan-journal-fuzz");
        try {
            Files.write(dir.resolve("0000000000000000.journal"), segment);
            try (IngestJournal journal = IngestJournal.open(dir)) {
                List<Replayed> left = journal.takeLeftOver();
                long bytes = left.stream().mapToLong(r -> 9 + r.body().bytes().length).sum();
                assertThat(bytes).isLessThanOrEqualTo(segment.length);
                journal.append(new Body(false, new byte[] {1, 2, 3})); // and the journal still takes batches
            }
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
