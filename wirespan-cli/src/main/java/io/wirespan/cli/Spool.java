package io.wirespan.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Batches a server did not take yet, as files of one directory, oldest first: a request body each,
 * named by its sequence number and how many call logs it holds. Bounded in bytes: when a new batch
 * would pass the bound, the oldest are deleted and their call logs counted as dropped. The files
 * outlive the process, so an agent started again sends what the last one could not.
 * Single-threaded: the shipper's writer owns it.
 */
final class Spool {
    private static final Pattern NAME = Pattern.compile("(\\d{16})\\.(\\d+)\\.batch");

    /** One spooled batch. */
    record Entry(Path file, long bytes, int callLogs) {}

    private final Path dir;
    private final long maxBytes;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private long bytes;
    private long nextSequence;
    private long droppedCallLogs;

    /** Opens {@code dir}, creating it, and takes up the batches a previous run left there. */
    Spool(Path dir, long maxBytes) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.maxBytes = maxBytes;
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> NAME.matcher(f.getFileName().toString()).matches()).sorted().toList();
        }
        for (Path file : files) {
            Matcher name = NAME.matcher(file.getFileName().toString());
            if (!name.matches()) continue;
            entries.add(new Entry(file, Files.size(file), Integer.parseInt(name.group(2))));
            bytes += Files.size(file);
            nextSequence = Long.parseLong(name.group(1)) + 1;
        }
    }

    Path dir() { return dir; }
    boolean isEmpty() { return entries.isEmpty(); }
    int batches() { return entries.size(); }

    long callLogs() {
        return entries.stream().mapToLong(Entry::callLogs).sum();
    }

    long droppedCallLogs() {
        return droppedCallLogs;
    }

    /** Keeps a batch's body; the oldest batches go if the bound is passed (never the new one). */
    void add(byte[] body, int callLogs) throws IOException {
        String name = String.format("%016d.%d.batch", nextSequence++, callLogs);
        Path written = Files.write(dir.resolve(name + ".tmp"), body);
        Path file = dir.resolve(name);
        try {
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING);
        }
        entries.add(new Entry(file, body.length, callLogs));
        bytes += body.length;
        while (bytes > maxBytes && entries.size() > 1) {
            Entry oldest = entries.removeFirst();
            delete(oldest);
            droppedCallLogs += oldest.callLogs();
        }
    }

    Entry oldest() {
        return entries.peekFirst();
    }

    byte[] read(Entry entry) throws IOException {
        return Files.readAllBytes(entry.file());
    }

    /** The oldest batch was delivered. */
    void removeOldest() {
        delete(entries.removeFirst());
    }

    private void delete(Entry entry) {
        bytes -= entry.bytes();
        try {
            Files.deleteIfExists(entry.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
