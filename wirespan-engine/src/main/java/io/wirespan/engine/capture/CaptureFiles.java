package io.wirespan.engine.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opens a capture as pcap or pcapng, telling them apart by their first four bytes. */
public final class CaptureFiles {
    private static final int MAGIC_LENGTH = 4;

    private CaptureFiles() {}

    /** Opens a file, or a named pipe, which then reports its size as -1. */
    public static PacketSource open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        long size;
        try {
            size = Files.isRegularFile(file) ? channel.size() : -1;
        } catch (IOException | RuntimeException e) {
            closeAfter(channel, e);
            throw e;
        }
        return open(file.toString(), channel, size);
    }

    /**
     * Reads a capture from a stream such as standard input.
     *
     * @param size the bytes the stream will deliver, or -1 when unknown
     * @throws CaptureFormatException when the stream is empty or holds neither format; the
     *     channel is closed then, as on any failure to open
     */
    public static PacketSource open(String name, ReadableByteChannel channel, long size) throws IOException {
        return open(name, channel, size, ChannelInput.capacityFor(size));
    }

    /** Reads a capture from a stream of unknown length, such as {@code System.in}. */
    public static PacketSource open(String name, InputStream in) throws IOException {
        return open(name, Channels.newChannel(in), -1);
    }

    /** With a chosen initial buffer capacity, so tests can make records straddle the buffer. */
    static PacketSource open(String name, ReadableByteChannel channel, long size, int bufferCapacity)
            throws IOException {
        ChannelInput input = new ChannelInput(name, channel, size, bufferCapacity);
        try {
            if (!input.request(MAGIC_LENGTH)) {
                throw new CaptureFormatException(name, 0, input.available() == 0
                        ? "empty file"
                        : "not a pcap or pcapng file (only " + input.available() + " bytes)");
            }
            int magic = Bytes.int32(input.buffer(), input.start(), false);
            if (magic == PcapngReader.SECTION_HEADER) {
                return new PcapngReader(input);
            }
            if (PcapReader.recognizes(magic)) {
                return new PcapReader(input);
            }
            throw new CaptureFormatException(name, 0, "not a pcap or pcapng file (magic "
                    + Bytes.hex32(Bytes.int32(input.buffer(), input.start(), true)) + ")");
        } catch (IOException | RuntimeException e) {
            input.closeAfter(e);
            throw e;
        }
    }

    private static void closeAfter(FileChannel channel, Exception failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
