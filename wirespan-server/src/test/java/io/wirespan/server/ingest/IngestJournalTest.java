package io.wirespan.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wirespan.server.ingest.IngestJournal.Body;
import io.wirespan.server.ingest.IngestJournal.Entry;
import io.wirespan.server.ingest.IngestJournal.Replayed;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestJournalTest {
    @TempDir
    Path dir;

    @Test
    void whatWasNotReleasedIsReadBackAtTheNextOpenInOrder() throws IOException {
        try (IngestJournal journal = IngestJournal.open(dir)) {
            assertThat(journal.takeLeftOver()).isEmpty();
            Entry first = journal.append(body("first", true));
            journal.append(body("second", false));
            journal.append(body("third", true));
            journal.release(first);
        }
        try (IngestJournal journal = IngestJournal.open(dir)) {
            List<Replayed> left = journal.takeLeftOver();
            // a segment goes whole: the batch released comes back too, and the store knows it by its id
            assertThat(left).extracting(r -> text(r.body())).containsExactly("first", "second", "third");
            assertThat(left).extracting(r -> r.body().gzip()).containsExactly(true, false, true);
            assertThat(journal.takeLeftOver()).as("handed over once").isEmpty();
            left.forEach(r -> journal.release(r.entry()));
        }
        try (IngestJournal journal = IngestJournal.open(dir)) {
            assertThat(journal.takeLeftOver()).isEmpty();
        }
        assertThat(segments()).as("a journal whose batches are all stored leaves no segment behind").isEmpty();
    }

    @Test
    void aFullSegmentIsDeletedOnceEveryBatchInItIsReleased() throws IOException {
        try (IngestJournal journal = IngestJournal.open(dir, 1000)) {
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < 5; i++) entries.add(journal.append(body("x".repeat(400), false)));
            assertThat(segments()).hasSize(3);
            journal.release(entries.get(1));
            journal.release(entries.get(2));
            assertThat(segments()).as("the first segment still holds batch 0").hasSize(3);
            journal.release(entries.get(0));
            assertThat(segments()).hasSize(2);
            journal.release(entries.get(3));
            assertThat(segments()).as("the segment being written stays").hasSize(1);
        }
        try (IngestJournal journal = IngestJournal.open(dir, 1000)) {
            assertThat(journal.takeLeftOver()).extracting(r -> text(r.body())).containsExactly("x".repeat(400));
        }
    }

    @Test
    void aRecordCutShortByACrashIsCutOffAndTheOthersAreKept() throws IOException {
        try (IngestJournal journal = IngestJournal.open(dir)) {
            journal.append(body("one", false));
            journal.append(body("two", false));
        }
        Path segment = segments().getFirst();
        long whole = Files.size(segment);
        // a record whose header says 1,000 bytes, of which 10 reached the disk
        append(segment, ByteBuffer.allocate(8 + 10).putInt(1000).putInt(12345).array());
        try (IngestJournal journal = IngestJournal.open(dir)) {
            assertThat(journal.takeLeftOver()).extracting(r -> text(r.body())).containsExactly("one", "two");
        }
        assertThat(Files.size(segment)).isEqualTo(whole);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".damaged"));
        }
    }

    @Test
    void aDamagedRecordEndsTheReadBackAndTheFileIsKeptForAPerson() throws IOException {
        try (IngestJournal journal = IngestJournal.open(dir)) {
            journal.append(body("one", false));
            journal.append(body("two", false));
            journal.append(body("three", false));
        }
        Path segment = segments().getFirst();
        byte[] bytes = Files.readAllBytes(segment);
        int two = indexOf(bytes, "two".getBytes(StandardCharsets.UTF_8));
        bytes[two] ^= 0x20; // a bit flipped on disk
        Files.write(segment, bytes);
        try (IngestJournal journal = IngestJournal.open(dir)) {
            assertThat(journal.takeLeftOver()).extracting(r -> text(r.body())).containsExactly("one");
        }
        assertThat(segment.resolveSibling(segment.getFileName() + ".damaged")).exists().hasBinaryContent(bytes);
    }

    @Test
    void twoServersCannotShareAJournal() throws IOException {
        try (IngestJournal journal = IngestJournal.open(dir)) {
            assertThatThrownBy(() -> IngestJournal.open(dir)).isInstanceOf(IOException.class).hasMessageContaining("another running server");
            journal.append(body("still fine", false));
        }
        try (IngestJournal journal = IngestJournal.open(dir)) {
            assertThat(journal.takeLeftOver()).hasSize(1);
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".journal")).sorted().toList();
        }
    }

    private static Body body(String text, boolean gzip) {
        return new Body(gzip, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Body body) {
        return new String(body.bytes(), StandardCharsets.UTF_8);
    }

    private static void append(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(bytes));
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) return i;
        }
        throw new AssertionError("not found");
    }
}
