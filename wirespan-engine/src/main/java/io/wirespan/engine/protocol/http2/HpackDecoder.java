package io.wirespan.engine.protocol.http2;

import io.wirespan.engine.protocol.ParserCounters;
import java.util.Arrays;

/**
 * Decodes HPACK header blocks (RFC 7541) for one direction of one connection.
 *
 * <p><b>Joined mid-stream.</b> An observer that did not see a connection from its start does not
 * know the entries the peer's encoder inserted before. Then the table is "known entries + an
 * unknown tail": a reference past the known entries is a placeholder (the header is skipped and
 * counted) instead of an error, and literals with incremental indexing still insert, so indexes
 * line up again once the unknown entries age out. Keeping an entry longer than the peer does is
 * harmless (eviction only removes the oldest, so newer indexes never shift), so in that state the
 * table is sized to its cap. A gap or a malformed block puts the decoder back in that state, since
 * the inserts it missed shift every index.
 *
 * <p><b>Bounds.</b> The table holds at most {@link #MAX_TABLE_CAPACITY} octets whatever the peer
 * announces; headers past {@code maxHeaderListSize} (§4.1 sizes) are decoded for the table but not
 * delivered. Strings longer than the block, integers past 2^31 - 1 and bad Huffman codes end the
 * block as malformed.
 */
final class HpackDecoder {
    /** The most octets of dynamic table kept, per direction. */
    static final int MAX_TABLE_CAPACITY = 65536;
    /** SETTINGS_HEADER_TABLE_SIZE's initial value (RFC 9113 §6.5.2). */
    static final int DEFAULT_TABLE_SIZE = 4096;

    /** Receives the decoded header list of a block, in order. */
    interface Sink {
        /** A header; the value is a view valid during the call. */
        void header(String name, byte[] value, int offset, int length);

        /** A header this observer cannot name: it refers to a table entry it never saw. */
        void unknownHeader();
    }

    /** A preallocated, stackless failure: malformed input is common enough not to pay for traces. */
    static final class HpackException extends Exception {
        private HpackException(String message) {
            super(message, null, false, false);
        }
    }

    static final HpackException TRUNCATED = new HpackException("HPACK - representation runs past the block");
    static final HpackException BAD_INTEGER = new HpackException("HPACK - integer past 2^31 - 1");
    static final HpackException BAD_HUFFMAN = new HpackException("HPACK - invalid Huffman code");
    static final HpackException ZERO_INDEX = new HpackException("HPACK - index 0");

    private final HpackDynamicTable table;
    private final int maxHeaderListSize;
    private final ParserCounters<Http2Counter> counters;
    private int declaredMaxSize;
    /** The receiving endpoint's SETTINGS_HEADER_TABLE_SIZE: the most a size update may ask for (§6.3). */
    private int settingsMaxSize;
    private boolean unknownTail;

    private byte[] block;
    private int pos;
    private int end;
    private byte[] nameBuf = new byte[64];
    private byte[] valueBuf = new byte[256];
    private int nameLen;
    private int valueLen;

    private boolean decodedABlock;

    /** A decoder for a connection seen from its start, with the given table size. */
    HpackDecoder(int tableSize, int maxHeaderListSize, ParserCounters<Http2Counter> counters) {
        this.counters = counters;
        this.settingsMaxSize = tableSize;
        this.declaredMaxSize = Math.min(tableSize, MAX_TABLE_CAPACITY);
        this.table = new HpackDynamicTable(declaredMaxSize);
        this.maxHeaderListSize = maxHeaderListSize;
    }

    /** The table may lack entries the peer inserted (joined mid-stream, after a gap or an error). */
    void markDesynced() {
        table.clear();
        table.setCapacity(MAX_TABLE_CAPACITY);
        unknownTail = true;
    }

    /** The connection starts here (its preface was seen): the table is empty and complete. */
    void markSynced() {
        table.clear();
        settingsMaxSize = DEFAULT_TABLE_SIZE;
        declaredMaxSize = DEFAULT_TABLE_SIZE;
        table.setCapacity(DEFAULT_TABLE_SIZE);
        unknownTail = false;
    }

    boolean isDesynced() {
        return unknownTail;
    }

    HpackDynamicTable table() {
        return table;
    }

    /** Whether a header block was given to {@link #decode}, well formed or not. */
    boolean decodedABlock() {
        return decodedABlock;
    }

    /**
     * Decodes one whole header block. Returns false when it was malformed: the headers before the
     * fault were delivered, and the table is marked desynced since later inserts were lost.
     */
    boolean decode(byte[] data, int offset, int length, Sink sink) {
        decodedABlock = true;
        counters.increment(Http2Counter.HEADER_BLOCKS);
        block = data;
        pos = offset;
        end = offset + length;
        long listSize = 0;
        boolean delivering = true;
        try {
            while (pos < end) {
                int b = block[pos] & 0xFF;
                if ((b & 0x80) != 0) { // §6.1 indexed header field
                    int index = readInteger(7);
                    if (index == 0) throw ZERO_INDEX;
                    if (index <= StaticTable.LENGTH) {
                        listSize += StaticTable.nameBytes(index).length + StaticTable.valueBytes(index).length + 32;
                        if (delivering &= listSize <= maxHeaderListSize) {
                            byte[] value = StaticTable.valueBytes(index);
                            sink.header(StaticTable.name(index), value, 0, value.length);
                        }
                    } else {
                        HpackDynamicTable.Entry entry = dynamicEntry(index);
                        listSize += entry == null ? 32 : entry.size;
                        if (delivering &= listSize <= maxHeaderListSize) {
                            if (entry == null || entry.name == null) {
                                sink.unknownHeader();
                            } else {
                                sink.header(entry.name, entry.value, 0, entry.value.length);
                            }
                        }
                    }
                } else if ((b & 0xE0) == 0x20) { // §6.3 dynamic table size update
                    sizeUpdate(readInteger(5));
                } else {
                    // §6.2.1 with incremental indexing (01), §6.2.2 without (0000), §6.2.3 never indexed (0001)
                    boolean indexing = (b & 0x40) != 0;
                    int nameIndex = readInteger(indexing ? 6 : 4);
                    String name;
                    byte[] nameBytes;
                    if (nameIndex == 0) {
                        nameLen = readString(true);
                        name = StaticTable.internName(nameBuf, 0, nameLen);
                        nameBytes = null; // copied below only if inserted
                    } else if (nameIndex <= StaticTable.LENGTH) {
                        name = StaticTable.name(nameIndex);
                        nameBytes = StaticTable.nameBytes(nameIndex);
                    } else {
                        HpackDynamicTable.Entry entry = dynamicEntry(nameIndex);
                        name = entry == null ? null : entry.name;
                        nameBytes = entry == null ? null : entry.nameBytes;
                    }
                    valueLen = readString(false);
                    if (indexing) {
                        if (nameIndex == 0) nameBytes = Arrays.copyOf(nameBuf, nameLen);
                        table.add(new HpackDynamicTable.Entry(name, nameBytes, Arrays.copyOf(valueBuf, valueLen)));
                    }
                    listSize += (name == null ? 0 : name.length()) + valueLen + 32;
                    if (delivering &= listSize <= maxHeaderListSize) {
                        if (name == null) {
                            sink.unknownHeader();
                        } else {
                            sink.header(name, valueBuf, 0, valueLen);
                        }
                    }
                }
            }
            if (!delivering) counters.increment(Http2Counter.TRUNCATED_HEADER_LISTS);
            return true;
        } catch (HpackException e) {
            counters.increment(Http2Counter.MALFORMED_HEADER_BLOCKS);
            markDesynced();
            return false;
        } finally {
            block = null;
        }
    }

    /** A reference past the static table: the entry, or null (counted) when this observer does not know it. */
    private HpackDynamicTable.Entry dynamicEntry(int index) {
        HpackDynamicTable.Entry entry = table.get(index - StaticTable.LENGTH);
        if (entry == null) {
            counters.increment(Http2Counter.UNKNOWN_TABLE_REFERENCES);
            if (!unknownTail) {
                // A peer never names an entry it does not have: an insert was missed after all.
                markDesynced();
            }
        }
        return entry;
    }

    private void sizeUpdate(int size) {
        if (size > settingsMaxSize && !unknownTail) counters.increment(Http2Counter.TABLE_SIZE_VIOLATIONS);
        if (size == 0) {
            // The peer's table is now empty too: from here on this one is complete.
            unknownTail = false;
            table.clear();
        }
        declaredMaxSize = Math.min(size, MAX_TABLE_CAPACITY);
        if (!unknownTail) table.setCapacity(declaredMaxSize);
    }

    /** The receiving side's SETTINGS_HEADER_TABLE_SIZE; the encoder confirms it with a size update. */
    void settingsTableSize(int size) {
        settingsMaxSize = size;
        if (size < declaredMaxSize && !unknownTail) {
            // The encoder must shrink to this; apply it now in case its size update is missed.
            declaredMaxSize = size;
            table.setCapacity(size);
        }
    }

    /** §5.1: an integer with an N-bit prefix. */
    private int readInteger(int prefixBits) throws HpackException {
        int mask = (1 << prefixBits) - 1;
        int value = block[pos++] & mask;
        if (value < mask) return value;
        long acc = value;
        for (int shift = 0; ; shift += 7) {
            if (pos >= end) throw TRUNCATED;
            if (shift > 28) throw BAD_INTEGER;
            int b = block[pos++] & 0xFF;
            acc += (long) (b & 0x7F) << shift;
            if (acc > Integer.MAX_VALUE) throw BAD_INTEGER;
            if ((b & 0x80) == 0) return (int) acc;
        }
    }

    /** §5.2: a string literal into the name or value buffer; returns its decoded length. */
    private int readString(boolean intoName) throws HpackException {
        if (pos >= end) throw TRUNCATED;
        boolean huffman = (block[pos] & 0x80) != 0;
        int length = readInteger(7);
        if (length > end - pos) throw TRUNCATED;
        int needed = huffman ? Huffman.maxDecodedLength(length) : length;
        byte[] dst = intoName ? nameBuf : valueBuf;
        if (dst.length < needed) {
            dst = new byte[Math.max(needed, dst.length * 2)];
            if (intoName) nameBuf = dst; else valueBuf = dst;
        }
        int decoded;
        if (huffman) {
            decoded = Huffman.decode(block, pos, length, dst, 0);
            if (decoded < 0) throw BAD_HUFFMAN;
        } else {
            System.arraycopy(block, pos, dst, 0, length);
            decoded = length;
        }
        pos += length;
        return decoded;
    }
}
