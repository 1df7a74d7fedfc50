package io.wirespan.engine.capture.live;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.wirespan.engine.capture.PacketSource;
import io.wirespan.engine.capture.RawPacket;
import io.wirespan.engine.capture.live.LiveCaptureException.Reason;
import io.wirespan.engine.decode.IpAddress;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * Frames from a live interface through libpcap. {@link #next} blocks until a frame arrives or
 * {@link #stop} is called from another thread; a read returns to check for a stop at least every
 * {@link LiveOptions#timeoutMillis}. The frame's bytes are copied out of libpcap's buffer into one
 * reused array, as a file reader's frames are views of its buffer.
 */
public final class LiveCapture implements PacketSource {
    private static final int AF_INET = 2, AF_INET6 = 10;
    private static final int LINKTYPE_RAW = 101;

    private final Libpcap pcap;
    private final String name;
    private final MemorySegment handle;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment headerOut = arena.allocate(ADDRESS);
    private final MemorySegment dataOut = arena.allocate(ADDRESS);
    private final MemorySegment stat = arena.allocate(Libpcap.STAT_SIZE);
    private final int linkType;
    private final byte[] frame;
    private final long tickIntervalMicros;
    private LongConsumer clock = now -> {};
    /** Written by the reading thread, read by the waker. */
    private volatile long lastTickMicros;
    private Thread waker;
    private volatile boolean stopping;
    private volatile boolean closed;
    private long bytes;

    private LiveCapture(Libpcap pcap, String name, MemorySegment handle, LiveOptions options) {
        this.pcap = pcap;
        this.name = name;
        this.handle = handle;
        this.linkType = linkType(pcap.datalink(handle));
        this.frame = new byte[options.snapLength()];
        this.tickIntervalMicros = options.timeoutMillis() * 1000L;
    }

    /** libpcap's version text, e.g. {@code libpcap version 1.10.3 (with TPACKET_V3)}. */
    public static String libraryVersion() throws LiveCaptureException {
        return Libpcap.load().libVersion();
    }

    /** The interfaces libpcap can capture on, in its order. */
    public static List<PcapInterface> interfaces() throws LiveCaptureException {
        Libpcap pcap = Libpcap.load();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment errbuf = call.allocate(Libpcap.ERRBUF_SIZE);
            MemorySegment first = call.allocate(ADDRESS);
            if (pcap.findAllDevs(first, errbuf) != 0) {
                throw new LiveCaptureException(Reason.FAILED, "cannot list interfaces: " + errbuf.getString(0));
            }
            MemorySegment devices = first.get(ADDRESS, 0);
            try {
                List<PcapInterface> found = new ArrayList<>();
                for (MemorySegment d = devices; !d.equals(MemorySegment.NULL); ) {
                    MemorySegment device = d.reinterpret(Libpcap.IF_SIZE);
                    int flags = device.get(JAVA_INT, Libpcap.IF_FLAGS);
                    found.add(new PcapInterface(Libpcap.text(device.get(ADDRESS, Libpcap.IF_NAME)),
                            Libpcap.text(device.get(ADDRESS, Libpcap.IF_DESCRIPTION)),
                            addresses(device.get(ADDRESS, Libpcap.IF_ADDRESSES)),
                            (flags & Libpcap.IF_LOOPBACK) != 0, (flags & Libpcap.IF_UP) != 0,
                            (flags & Libpcap.IF_RUNNING) != 0));
                    d = device.get(ADDRESS, Libpcap.IF_NEXT);
                }
                return found;
            } finally {
                if (!devices.equals(MemorySegment.NULL)) pcap.freeAllDevs(devices);
            }
        }
    }

    /** The interfaces whose whole name matches {@code regex} (DeepFlow's {@code interface_regex}). */
    public static List<PcapInterface> interfacesMatching(Pattern regex) throws LiveCaptureException {
        return interfaces().stream().filter(i -> regex.matcher(i.name()).matches()).toList();
    }

    /**
     * Opens {@code interfaceName} for capture.
     *
     * @param filter a BPF filter in tcpdump's syntax, or null or blank for every frame
     * @throws LiveCaptureException naming the cause: no libpcap, no such interface, no permission
     *     (root or CAP_NET_RAW is needed), an interface that is down, a filter that does not compile
     */
    public static LiveCapture open(String interfaceName, LiveOptions options, String filter) throws LiveCaptureException {
        Libpcap pcap = Libpcap.load();
        try (Arena call = Arena.ofConfined()) {
            MemorySegment errbuf = call.allocate(Libpcap.ERRBUF_SIZE);
            MemorySegment handle = pcap.create(call.allocateFrom(interfaceName), errbuf);
            if (handle.equals(MemorySegment.NULL)) {
                throw new LiveCaptureException(Reason.FAILED, interfaceName + ": " + errbuf.getString(0));
            }
            try {
                pcap.setSnapLen(handle, options.snapLength());
                pcap.setPromisc(handle, options.promiscuous() ? 1 : 0);
                pcap.setImmediateMode(handle, options.immediate() ? 1 : 0);
                pcap.setBufferSize(handle, options.bufferBytes());
                pcap.setTimeout(handle, options.timeoutMillis());
                int status = pcap.activate(handle);
                if (status < 0) throw activationFailed(pcap, handle, interfaceName, status);
                if (filter != null && !filter.isBlank()) setFilter(pcap, handle, call, interfaceName, filter);
                return new LiveCapture(pcap, interfaceName, handle, options);
            } catch (LiveCaptureException | RuntimeException e) {
                pcap.close(handle);
                throw e;
            }
        }
    }

    private static LiveCaptureException activationFailed(Libpcap pcap, MemorySegment handle, String name, int status) {
        String detail = pcap.geterr(handle);
        if (detail == null || detail.isBlank()) detail = pcap.statusToStr(status);
        return switch (status) {
            case Libpcap.ERROR_PERM_DENIED, Libpcap.ERROR_PROMISC_PERM_DENIED -> new LiveCaptureException(Reason.NO_PERMISSION,
                    "capturing on " + name + " needs root or the CAP_NET_RAW capability (libpcap: " + detail + ")");
            case Libpcap.ERROR_NO_SUCH_DEVICE -> new LiveCaptureException(Reason.NO_SUCH_INTERFACE,
                    "no interface named " + name + " (libpcap: " + detail + ")");
            case Libpcap.ERROR_IFACE_NOT_UP -> new LiveCaptureException(Reason.INTERFACE_DOWN, name + " is down");
            default -> new LiveCaptureException(Reason.FAILED, name + ": " + detail);
        };
    }

    private static void setFilter(Libpcap pcap, MemorySegment handle, Arena call, String name, String filter)
            throws LiveCaptureException {
        MemorySegment program = call.allocate(Libpcap.BPF_PROGRAM_SIZE);
        if (pcap.compile(handle, program, call.allocateFrom(filter), 1, Libpcap.NETMASK_UNKNOWN) != 0) {
            throw new LiveCaptureException(Reason.BAD_FILTER, "BPF filter \"" + filter + "\": " + pcap.geterr(handle));
        }
        try {
            if (pcap.setFilter(handle, program) != 0) {
                throw new LiveCaptureException(Reason.FAILED, name + ": cannot set the BPF filter: " + pcap.geterr(handle));
            }
        } finally {
            pcap.freeCode(program);
        }
    }

    @Override
    public boolean next(RawPacket packet) throws LiveCaptureException {
        while (!stopping) {
            int status = pcap.nextEx(handle, headerOut, dataOut);
            if (status == Libpcap.NEXT_PACKET) {
                MemorySegment header = headerOut.get(ADDRESS, 0).reinterpret(Libpcap.HDR_SIZE);
                int captured = Math.min(header.get(JAVA_INT, Libpcap.HDR_CAPLEN), frame.length);
                int original = header.get(JAVA_INT, Libpcap.HDR_LEN);
                MemorySegment.copy(dataOut.get(ADDRESS, 0).reinterpret(captured), JAVA_BYTE, 0, frame, 0, captured);
                long micros = header.get(JAVA_LONG, Libpcap.HDR_SEC) * 1_000_000 + header.get(JAVA_LONG, Libpcap.HDR_USEC);
                packet.set(frame, 0, captured, original, micros, linkType, 0);
                bytes += captured;
                if (micros - lastTickMicros >= tickIntervalMicros) tick(micros);
                return true;
            }
            if (status == Libpcap.NEXT_TIMEOUT || status == Libpcap.ERROR_BREAK && !stopping) {
                tick(System.currentTimeMillis() * 1000); // a quiet moment, or the waker's nudge
                continue;
            }
            if (status == Libpcap.ERROR_BREAK) return false;
            throw new LiveCaptureException(Reason.FAILED, name + ": " + pcap.geterr(handle));
        }
        return false;
    }

    /**
     * Tells {@code listener} the time, on the reading thread inside {@link #next}, at least every
     * {@link LiveOptions#timeoutMillis} while reading: with a frame when that long passed since the
     * last time, and in quiet moments. A pipeline moves its packet time on with it
     * ({@code Pipeline.advanceTime}), so requests time out and flows expire when the link is quiet too.
     * On a quiet link libpcap's read may not return at all (Linux hands frames over in blocks and
     * retires no empty one), so a waker thread interrupts it with {@code pcap_breakloop} when a
     * tick is due.
     */
    public synchronized void onClock(LongConsumer listener) {
        this.clock = listener;
        if (waker == null) waker = Thread.ofPlatform().name("wirespan-clock-" + name).daemon().start(this::wakeWhenDue);
    }

    private void wakeWhenDue() {
        long intervalMillis = Math.max(1, tickIntervalMicros / 1000);
        while (!stopping && !closed) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (!closed && System.currentTimeMillis() * 1000 - lastTickMicros >= tickIntervalMicros) pcap.breakLoop(handle);
            }
        }
    }

    private void tick(long nowMicros) {
        lastTickMicros = nowMicros;
        clock.accept(nowMicros);
    }

    /** Ends {@link #next} soon, from any thread: the read in progress returns false. Nothing once closed. */
    public synchronized void stop() {
        stopping = true;
        if (!closed) pcap.breakLoop(handle);
    }

    /** The kernel's counts since the handle opened. */
    public LiveStats stats() throws LiveCaptureException {
        if (pcap.stats(handle, stat) != 0) throw new LiveCaptureException(Reason.FAILED, name + ": " + pcap.geterr(handle));
        return new LiveStats(Integer.toUnsignedLong(stat.get(JAVA_INT, Libpcap.STAT_RECV)),
                Integer.toUnsignedLong(stat.get(JAVA_INT, Libpcap.STAT_DROP)),
                Integer.toUnsignedLong(stat.get(JAVA_INT, Libpcap.STAT_IFDROP)));
    }

    /** The link type of the interface's frames, a LINKTYPE_* value. */
    public int linkType() {
        return linkType;
    }

    @Override
    public String name() {
        return name;
    }

    /** Frame bytes captured so far. */
    @Override
    public long position() {
        return bytes;
    }

    @Override
    public long size() {
        return -1;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        pcap.close(handle);
        arena.close();
    }

    /** DLT_RAW is 12 on Linux (14 on OpenBSD) but LINKTYPE_RAW in files; the common others are equal. */
    private static int linkType(int dlt) {
        return dlt == 12 || dlt == 14 ? LINKTYPE_RAW : dlt;
    }

    private static List<String> addresses(MemorySegment first) {
        List<String> addresses = new ArrayList<>();
        for (MemorySegment a = first; !a.equals(MemorySegment.NULL); ) {
            MemorySegment entry = a.reinterpret(Libpcap.ADDR_SIZE);
            MemorySegment sockaddr = entry.get(ADDRESS, Libpcap.ADDR_ADDR);
            if (!sockaddr.equals(MemorySegment.NULL)) {
                MemorySegment s = sockaddr.reinterpret(28); // sizeof(struct sockaddr_in6)
                int family = Short.toUnsignedInt(s.get(JAVA_SHORT, 0));
                if (family == AF_INET) {
                    int v4 = s.get(JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN), 4);
                    addresses.add(IpAddress.format(0, IpAddress.v4Lo(v4)));
                } else if (family == AF_INET6) {
                    long hi = s.get(JAVA_LONG.withOrder(ByteOrder.BIG_ENDIAN), 8);
                    long lo = s.get(JAVA_LONG.withOrder(ByteOrder.BIG_ENDIAN), 16);
                    addresses.add(IpAddress.format(hi, lo));
                }
            }
            a = entry.get(ADDRESS, Libpcap.ADDR_NEXT);
        }
        return addresses;
    }
}
