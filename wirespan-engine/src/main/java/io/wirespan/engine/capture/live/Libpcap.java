package io.wirespan.engine.capture.live;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The libpcap functions Wirespan calls, bound by hand with {@code java.lang.foreign}. Names and
 * signatures are libpcap's; pointers are {@link MemorySegment}s, {@code NULL} for none.
 */
final class Libpcap {
    static final String LIBRARY = "libpcap.so.0.8";
    /** {@code PCAP_ERRBUF_SIZE}. */
    static final int ERRBUF_SIZE = 256;
    /** {@code PCAP_NETMASK_UNKNOWN}: a filter that tests broadcast addresses cannot be compiled. */
    static final int NETMASK_UNKNOWN = 0xFFFF_FFFF;

    // pcap_next_ex results and pcap_activate errors
    static final int NEXT_PACKET = 1, NEXT_TIMEOUT = 0, ERROR = -1, ERROR_BREAK = -2;
    static final int ERROR_NO_SUCH_DEVICE = -5, ERROR_PERM_DENIED = -8, ERROR_IFACE_NOT_UP = -9,
            ERROR_PROMISC_PERM_DENIED = -11;

    // struct pcap_if: next, name, description, addresses, flags
    static final long IF_NEXT = 0, IF_NAME = 8, IF_DESCRIPTION = 16, IF_ADDRESSES = 24, IF_FLAGS = 32, IF_SIZE = 40;
    static final int IF_LOOPBACK = 0x1, IF_UP = 0x2, IF_RUNNING = 0x4;
    // struct pcap_addr: next, addr, netmask, broadaddr, dstaddr
    static final long ADDR_NEXT = 0, ADDR_ADDR = 8, ADDR_SIZE = 40;
    // struct pcap_pkthdr on LP64: struct timeval {long tv_sec; long tv_usec}, bpf_u_int32 caplen, len
    static final long HDR_SEC = 0, HDR_USEC = 8, HDR_CAPLEN = 16, HDR_LEN = 20, HDR_SIZE = 24;
    // struct bpf_program: u_int bf_len, struct bpf_insn *bf_insns
    static final long BPF_PROGRAM_SIZE = 16;
    // struct pcap_stat: u_int ps_recv, ps_drop, ps_ifdrop (platforms may add more: room for them)
    static final long STAT_RECV = 0, STAT_DROP = 4, STAT_IFDROP = 8, STAT_SIZE = 32;

    private final MethodHandle libVersion, findAllDevs, freeAllDevs, create, setSnapLen, setPromisc, setImmediateMode,
            setBufferSize, setTimeout, activate, geterr, statusToStr, compile, setFilter, freeCode, nextEx, datalink,
            stats, breakLoop, close;

    private Libpcap(SymbolLookup lib) {
        Linker linker = Linker.nativeLinker();
        libVersion = bind(linker, lib, "pcap_lib_version", FunctionDescriptor.of(ADDRESS));
        findAllDevs = bind(linker, lib, "pcap_findalldevs", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        freeAllDevs = bind(linker, lib, "pcap_freealldevs", FunctionDescriptor.ofVoid(ADDRESS));
        create = bind(linker, lib, "pcap_create", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        setSnapLen = bind(linker, lib, "pcap_set_snaplen", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        setPromisc = bind(linker, lib, "pcap_set_promisc", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        setImmediateMode = bind(linker, lib, "pcap_set_immediate_mode", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        setBufferSize = bind(linker, lib, "pcap_set_buffer_size", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        setTimeout = bind(linker, lib, "pcap_set_timeout", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        activate = bind(linker, lib, "pcap_activate", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        geterr = bind(linker, lib, "pcap_geterr", FunctionDescriptor.of(ADDRESS, ADDRESS));
        statusToStr = bind(linker, lib, "pcap_statustostr", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        compile = bind(linker, lib, "pcap_compile",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
        setFilter = bind(linker, lib, "pcap_setfilter", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        freeCode = bind(linker, lib, "pcap_freecode", FunctionDescriptor.ofVoid(ADDRESS));
        nextEx = bind(linker, lib, "pcap_next_ex", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        datalink = bind(linker, lib, "pcap_datalink", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        stats = bind(linker, lib, "pcap_stats", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        breakLoop = bind(linker, lib, "pcap_breakloop", FunctionDescriptor.ofVoid(ADDRESS));
        close = bind(linker, lib, "pcap_close", FunctionDescriptor.ofVoid(ADDRESS));
    }

    /** Loads libpcap; a clear error when it is not installed. */
    static Libpcap load() throws LiveCaptureException {
        SymbolLookup lib;
        try {
            lib = SymbolLookup.libraryLookup(LIBRARY, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new LiveCaptureException(LiveCaptureException.Reason.NO_LIBPCAP, "live capture needs libpcap (" + LIBRARY + ", Debian package libpcap0.8): "
                    + e.getMessage());
        }
        return new Libpcap(lib);
    }

    private static MethodHandle bind(Linker linker, SymbolLookup lib, String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = lib.find(name).orElseThrow(() -> new IllegalStateException(LIBRARY + " lacks " + name));
        return linker.downcallHandle(symbol, descriptor);
    }

    /** The NUL-terminated text at {@code pointer}, or null for NULL. */
    static String text(MemorySegment pointer) {
        return pointer.equals(MemorySegment.NULL) ? null : pointer.reinterpret(Integer.MAX_VALUE).getString(0);
    }

    String libVersion() {
        try {
            return text((MemorySegment) libVersion.invokeExact());
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    int findAllDevs(MemorySegment devicesOut, MemorySegment errbuf) {
        try {
            return (int) findAllDevs.invokeExact(devicesOut, errbuf);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    void freeAllDevs(MemorySegment devices) {
        try {
            freeAllDevs.invokeExact(devices);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    MemorySegment create(MemorySegment source, MemorySegment errbuf) {
        try {
            return (MemorySegment) create.invokeExact(source, errbuf);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    int setSnapLen(MemorySegment pcap, int value) { return setInt(setSnapLen, pcap, value); }
    int setPromisc(MemorySegment pcap, int value) { return setInt(setPromisc, pcap, value); }
    int setImmediateMode(MemorySegment pcap, int value) { return setInt(setImmediateMode, pcap, value); }
    int setBufferSize(MemorySegment pcap, int value) { return setInt(setBufferSize, pcap, value); }
    int setTimeout(MemorySegment pcap, int value) { return setInt(setTimeout, pcap, value); }

    private static int setInt(MethodHandle setter, MemorySegment pcap, int value) {
        try {
            return (int) setter.invokeExact(pcap, value);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    int activate(MemorySegment pcap) { return onHandle(activate, pcap); }
    int datalink(MemorySegment pcap) { return onHandle(datalink, pcap); }

    private static int onHandle(MethodHandle function, MemorySegment pcap) {
        try {
            return (int) function.invokeExact(pcap);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /** The handle's last error message. */
    String geterr(MemorySegment pcap) {
        try {
            return text((MemorySegment) geterr.invokeExact(pcap));
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    /** libpcap's text for a status or error code. */
    String statusToStr(int status) {
        try {
            return text((MemorySegment) statusToStr.invokeExact(status));
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    int compile(MemorySegment pcap, MemorySegment program, MemorySegment filter, int optimize, int netmask) {
        try {
            return (int) compile.invokeExact(pcap, program, filter, optimize, netmask);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    int setFilter(MemorySegment pcap, MemorySegment program) {
        try {
            return (int) setFilter.invokeExact(pcap, program);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    void freeCode(MemorySegment program) { onPointer(freeCode, program); }
    void breakLoop(MemorySegment pcap) { onPointer(breakLoop, pcap); }
    void close(MemorySegment pcap) { onPointer(close, pcap); }

    private static void onPointer(MethodHandle function, MemorySegment pointer) {
        try {
            function.invokeExact(pointer);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    int nextEx(MemorySegment pcap, MemorySegment headerOut, MemorySegment dataOut) {
        try {
            return (int) nextEx.invokeExact(pcap, headerOut, dataOut);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    int stats(MemorySegment pcap, MemorySegment stat) {
        try {
            return (int) stats.invokeExact(pcap, stat);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    private static RuntimeException failed(Throwable t) {
        if (t instanceof RuntimeException e) return e;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }
}
