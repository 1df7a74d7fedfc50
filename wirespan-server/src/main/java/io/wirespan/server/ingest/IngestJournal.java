package io.wirespan.server.ingest;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batches acknowledged but not yet in the store, on disk: an append-only log of segment
 * files, each record written and forced to disk before the sender hears "stored". A segment is
 * deleted once every batch in it is in the store; the segments left at a start are read back
 * whole and stored then, so a crash loses nothing acknowledged (batches of theirs stored already
 * are known to the store by their ids).
 *
 * <p>A record is {@code [length int][CRC-32C int][body]}, the body being the request's body as
 * received (see {@link Body}). Concurrent appends share one {@code fsync}: whoever forces the file
 * forces everything written before it, as databases commit groups.
 */
public final class IngestJournal implements AutoCloseable {
    /** A segment this large is closed and a new one begun. */
    static final long SEGMENT_BYTES = 32 << 20;
    private static final String SUFFIX = ".journal";
    private static final int HEADER = 8;
    private static final Logger log = LoggerFactory.getLogger(IngestJournal.class);

    /** A request body as received: the encoding byte then the bytes. */
    public record Body(boolean gzip, byte[] bytes) {}

    /** A record read back at start, with the segment it holds a place in. */
    public record Replayed(Body body, Entry entry) {}

    /** A batch's place in the journal; {@link #release} it once the batch is in the store. */
    public static final class Entry {
        private final Segment segment;

        private Entry(Segment segment) {
            this.segment = segment;
        }
    }

    private final Path dir;
    private final long segmentBytes;
    /** Held while open: two servers writing one journal would delete each other's batches. */
    private final FileChannel lockFile;
    private final ReentrantLock appending = new ReentrantLock();
    private final ReentrantLock forcing = new ReentrantLock();
    private long nextSequence;
    private Segment current;
    private List<Replayed> leftOver = List.of();
    private volatile IOException failure;

    private IngestJournal(Path dir, long segmentBytes, long nextSequence, FileChannel lockFile) throws IOException {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
        this.lockFile = lockFile;
        this.nextSequence = nextSequence;
        this.current = newSegment();
    }

    /**
     * Opens the journal in {@code dir} (created when missing) and reads back what the last run
     * left; a record cut short by a crash ends its segment, damaged bytes are kept aside.
     */
    public static IngestJournal open(Path dir) throws IOException {
        return open(dir, SEGMENT_BYTES);
    }

    /** {@link #open(Path)} with segments of about {@code segmentBytes}. */
    static IngestJournal open(Path dir, long segmentBytes) throws IOException {
        Files.createDirectories(dir);
        FileChannel lockFile = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (!locked(lockFile)) throw new IOException(dir + " is the journal of another running server");
            List<Path> segments;
            try (Stream<Path> files = Files.list(dir)) {
                segments = files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
            }
            long next = 0;
            List<Replayed> read = new ArrayList<>();
            for (Path file : segments) {
                next = Math.max(next, sequence(file) + 1);
                Segment segment = new Segment(file, null);
                List<Body> bodies = readBack(file);
                for (Body body : bodies) read.add(new Replayed(body, new Entry(segment)));
                segment.pending.set(bodies.size());
                segment.seal();
            }
            IngestJournal journal = new IngestJournal(dir, segmentBytes, next, lockFile);
            journal.leftOver = read;
            return journal;
        } catch (IOException | RuntimeException e) {
            lockFile.close();
            throw e;
        }
    }

    private static boolean locked(FileChannel lockFile) throws IOException {
        try {
            return lockFile.tryLock() != null;
        } catch (OverlappingFileLockException e) {
            return false; // held by this process
        }
    }

    /** What the last run left unstored, once: the caller stores it and releases each entry. */
    public List<Replayed> takeLeftOver() {
        List<Replayed> taken = leftOver;
        leftOver = List.of();
        return taken;
    }

    /** Writes {@code body} and forces it to disk: once this returns, a crash cannot lose it. */
    public Entry append(Body body) throws IOException {
        ByteBuffer[] record = {header(body), ByteBuffer.wrap(body.bytes())};
        long length = HEADER + 1 + body.bytes().length;
        Segment segment;
        long end;
        appending.lock();
        try {
            if (failure != null) throw new IOException("the journal failed earlier and takes nothing more until a restart", failure);
            if (current.written + length > segmentBytes && current.written > 0) rotate();
            segment = current;
            try {
                while (record[0].hasRemaining() || record[1].hasRemaining()) segment.channel.write(record);
            } catch (IOException e) {
                undoPartialWrite(segment, e);
                throw e;
            }
            segment.written += length;
            segment.pending.incrementAndGet();
            end = segment.written;
        } finally {
            appending.unlock();
        }
        force(segment, end);
        return new Entry(segment);
    }

    /** A half-written record would hide every later one from the read-back: it goes, or the journal stops. */
    private void undoPartialWrite(Segment segment, IOException cause) {
        try {
            segment.channel.truncate(segment.written);
            segment.channel.position(segment.written);
        } catch (IOException e) {
            cause.addSuppressed(e);
            failure = cause;
        }
    }

    /** The batch is in the store: its segment goes once none of its batches is left. */
    public void release(Entry entry) {
        if (entry.segment.pending.decrementAndGet() == 0 && entry.segment.sealed) entry.segment.delete();
    }

    @Override
    public void close() throws IOException {
        appending.lock();
        forcing.lock();
        try {
            current.channel.force(false);
            current.channel.close();
            if (current.pending.get() == 0) current.delete();
        } finally {
            forcing.unlock();
            appending.unlock();
            lockFile.close();
        }
    }

    /** The length, the checksum and the encoding byte; the body follows. */
    private static ByteBuffer header(Body body) {
        byte encoding = (byte) (body.gzip() ? 1 : 0);
        CRC32C crc = new CRC32C();
        crc.update(encoding);
        crc.update(body.bytes());
        return ByteBuffer.allocate(HEADER + 1).putInt(1 + body.bytes().length).putInt((int) crc.getValue()).put(encoding).flip();
    }

    /** One fsync for everything written so far to the segment, unless someone else's covered {@code end}. */
    private void force(Segment segment, long end) throws IOException {
        forcing.lock();
        try {
            if (segment.forced >= end) return;
            if (failure != null) throw new IOException("the journal failed earlier and takes nothing more until a restart", failure);
            long written = segment.written;
            try {
                segment.channel.force(false);
            } catch (IOException e) {
                // after a failed fsync nothing written since the last one is known to be on disk
                failure = e;
                throw e;
            }
            segment.forced = written;
        } finally {
            forcing.unlock();
        }
    }

    /** Under the append lock: the full segment is forced and sealed, and a new one begun. */
    private void rotate() throws IOException {
        forcing.lock();
        try {
            current.channel.force(false);
            current.forced = current.written;
            current.channel.close();
        } finally {
            forcing.unlock();
        }
        Segment full = current;
        current = newSegment();
        full.seal();
    }

    private Segment newSegment() throws IOException {
        Path file = dir.resolve("%016x%s".formatted(nextSequence++, SUFFIX));
        return new Segment(file, FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    private static long sequence(Path file) {
        String name = file.getFileName().toString();
        try {
            return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The records of a segment up to the first that cannot be read. One cut short at the end of
     * the file is a crash mid-write, never acknowledged: it is cut off. Anything else is damage,
     * and the file is kept as {@code .damaged} for a person to look at.
     */
    private static List<Body> readBack(Path file) throws IOException {
        List<Body> bodies = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size(), position = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            while (position < size) {
                if (size - position < HEADER) {
                    cutShort(channel, file, position);
                    return bodies;
                }
                header.clear();
                readFully(channel, header, position);
                int length = header.getInt(0), checksum = header.getInt(4);
                if (length < 1) {
                    damaged(file, position, "a record length of " + length);
                    return bodies;
                }
                if (position + HEADER + length > size) {
                    cutShort(channel, file, position);
                    return bodies;
                }
                ByteBuffer body = ByteBuffer.allocate(length);
                readFully(channel, body, position + HEADER);
                CRC32C crc = new CRC32C();
                crc.update(body.array());
                if ((int) crc.getValue() != checksum || body.get(0) > 1) {
                    damaged(file, position, "a record whose checksum does not match");
                    return bodies;
                }
                bodies.add(new Body(body.get(0) == 1, Arrays.copyOfRange(body.array(), 1, length)));
                position += HEADER + length;
            }
        }
        return bodies;
    }

    private static void readFully(FileChannel channel, ByteBuffer into, long position) throws IOException {
        while (into.hasRemaining()) {
            if (channel.read(into, position + into.position()) < 0) throw new EOFException();
        }
    }

    private static void cutShort(FileChannel channel, Path file, long position) throws IOException {
        log.info("{}: the last record was cut short by a crash before it was acknowledged; cut off at byte {}", file, position);
        channel.truncate(position);
    }

    private static void damaged(Path file, long position, String what) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".damaged");
        Files.copy(file, aside, StandardCopyOption.REPLACE_EXISTING);
        log.error("{}: {} at byte {}; the records before it are stored, the file is kept as {}", file, what, position, aside);
    }

    /** One file of the journal and how many of its batches are not yet in the store. */
    private static final class Segment {
        final Path file;
        final FileChannel channel;
        final AtomicInteger pending = new AtomicInteger();
        volatile long written, forced;
        volatile boolean sealed;

        Segment(Path file, FileChannel channel) {
            this.file = file;
            this.channel = channel;
        }

        void seal() {
            sealed = true;
            if (pending.get() == 0) delete();
        }

        void delete() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("{}: cannot delete a journal segment whose batches are all stored: {}", file, e.getMessage());
            }
        }
    }
}
