package io.wirespan.engine.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Rewrites a little-endian pcapng file in big-endian order, field by field, because no tool at
 * hand writes big-endian pcapng. It knows the blocks and options that editcap and mergecap write
 * and fails on anything else rather than guess.
 */
final class BigEndianPcapng {
    private static final int SECTION_HEADER = 0x0A0D0D0A;
    private static final int INTERFACE_DESCRIPTION = 1;
    private static final int INTERFACE_STATISTICS = 5;
    private static final int ENHANCED_PACKET = 6;
    private static final int TEXT = 0;
    private static final int UNKNOWN = -1;

    private BigEndianPcapng() {}

    static byte[] from(byte[] littleEndianFile) {
        ByteBuffer in = ByteBuffer.wrap(littleEndianFile).order(ByteOrder.LITTLE_ENDIAN);
        byte[] result = littleEndianFile.clone();
        ByteBuffer out = ByteBuffer.wrap(result).order(ByteOrder.BIG_ENDIAN);
        int block = 0;
        while (block < littleEndianFile.length) {
            int type = in.getInt(block);
            int length = in.getInt(block + 4);
            swapInts(in, out, block, 2);
            swapInts(in, out, block + length - 4, 1);
            int optionsStart = switch (type) {
                case SECTION_HEADER -> {
                    if (in.getInt(block + 8) != 0x1A2B3C4D) {
                        throw new AssertionError("section at " + block + " is not little-endian");
                    }
                    swapInts(in, out, block + 8, 1);
                    out.putShort(block + 12, in.getShort(block + 12));
                    out.putShort(block + 14, in.getShort(block + 14));
                    out.putLong(block + 16, in.getLong(block + 16));
                    yield block + 24;
                }
                case INTERFACE_DESCRIPTION -> {
                    out.putShort(block + 8, in.getShort(block + 8));
                    out.putShort(block + 10, in.getShort(block + 10));
                    swapInts(in, out, block + 12, 1);
                    yield block + 16;
                }
                case ENHANCED_PACKET -> {
                    swapInts(in, out, block + 8, 5);
                    yield block + 28 + ((in.getInt(block + 20) + 3) & ~3);
                }
                case INTERFACE_STATISTICS -> {
                    swapInts(in, out, block + 8, 3);
                    yield block + 20;
                }
                default -> throw new AssertionError("block type " + type + " at " + block + " is not handled");
            };
            swapOptions(in, out, type, optionsStart, block + length - 4);
            block += length;
        }
        return result;
    }

    private static void swapOptions(ByteBuffer in, ByteBuffer out, int blockType, int from, int end) {
        int option = from;
        while (option < end) {
            int code = in.getShort(option) & 0xFFFF;
            int length = in.getShort(option + 2) & 0xFFFF;
            out.putShort(option, (short) code);
            out.putShort(option + 2, (short) length);
            if (code == 0) {
                return;
            }
            int width = valueWidth(blockType, code);
            if (width == UNKNOWN || (width > 1 && length % width != 0)) {
                throw new AssertionError("option " + code + " of block type " + blockType + " is not handled");
            }
            for (int unit = 0; width > 1 && unit < length; unit += width) {
                int at = option + 4 + unit;
                switch (width) {
                    case 4 -> out.putInt(at, in.getInt(at));
                    case 8 -> out.putLong(at, in.getLong(at));
                    default -> throw new AssertionError("width " + width);
                }
            }
            option += 4 + ((length + 3) & ~3);
        }
    }

    /** Bytes per number in an option's value; {@link #TEXT} or 1 when no swap is needed. */
    private static int valueWidth(int blockType, int code) {
        if (code == 1) {
            return TEXT; // opt_comment, in every block
        }
        return switch (blockType) {
            case SECTION_HEADER -> code <= 4 ? TEXT : UNKNOWN; // shb_hardware, shb_os, shb_userappl
            case INTERFACE_DESCRIPTION -> switch (code) {
                case 2, 3, 12, 15 -> TEXT; // if_name, if_description, if_os, if_hardware
                case 9 -> 1; // if_tsresol
                case 8, 14 -> 8; // if_speed, if_tsoffset
                default -> UNKNOWN;
            };
            case ENHANCED_PACKET -> switch (code) {
                case 2 -> 4; // epb_flags
                case 4 -> 8; // epb_dropcount
                default -> UNKNOWN;
            };
            case INTERFACE_STATISTICS -> switch (code) {
                case 2, 3 -> 4; // isb_starttime, isb_endtime: two 32-bit halves
                case 4, 5, 6, 7, 8 -> 8; // packet counters
                default -> UNKNOWN;
            };
            default -> UNKNOWN;
        };
    }

    private static void swapInts(ByteBuffer in, ByteBuffer out, int at, int count) {
        for (int i = 0; i < count; i++) {
            out.putInt(at + 4 * i, in.getInt(at + 4 * i));
        }
    }
}
