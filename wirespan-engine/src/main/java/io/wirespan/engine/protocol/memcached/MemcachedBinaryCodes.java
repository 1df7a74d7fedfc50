package io.wirespan.engine.protocol.memcached;

import io.wirespan.api.ResponseStatus;

/**
 * Names of binary-protocol opcodes and response statuses (memcached {@code protocol_binary.h},
 * "Binary Protocol Revamped"), and the call-log status of a response status, matching the text
 * protocol's: a miss is unknown, bad input a client error, a server's failure a server error.
 */
final class MemcachedBinaryCodes {
    private static final String[] OPCODES = new String[256];
    private static final String[] STATUSES = new String[256];

    static {
        String[] names = {"Get", "Set", "Add", "Replace", "Delete", "Increment", "Decrement", "Quit", "Flush",
            "GetQ", "Noop", "Version", "GetK", "GetKQ", "Append", "Prepend", "Stat", "SetQ", "AddQ", "ReplaceQ",
            "DeleteQ", "IncrementQ", "DecrementQ", "QuitQ", "FlushQ", "AppendQ", "PrependQ", "Verbosity", "Touch",
            "GAT", "GATQ"};
        System.arraycopy(names, 0, OPCODES, 0, names.length);
        OPCODES[0x20] = "SASL List Mechs";
        OPCODES[0x21] = "SASL Auth";
        OPCODES[0x22] = "SASL Step";
        STATUSES[0x00] = "No error";
        STATUSES[0x01] = "Key not found";
        STATUSES[0x02] = "Key exists";
        STATUSES[0x03] = "Value too large";
        STATUSES[0x04] = "Invalid arguments";
        STATUSES[0x05] = "Item not stored";
        STATUSES[0x06] = "Incr/Decr on non-numeric value";
        STATUSES[0x07] = "The vbucket belongs to another server";
        STATUSES[0x08] = "Authentication error";
        STATUSES[0x09] = "Authentication continue";
        STATUSES[0x20] = "Authentication error";
        STATUSES[0x21] = "Authentication continue";
        STATUSES[0x81] = "Unknown command";
        STATUSES[0x82] = "Out of memory";
        STATUSES[0x83] = "Not supported";
        STATUSES[0x84] = "Internal error";
        STATUSES[0x85] = "Busy";
        STATUSES[0x86] = "Temporary failure";
    }

    private MemcachedBinaryCodes() {}

    /** The opcode's name, or null for an unassigned one. */
    static String opcode(int opcode) {
        return OPCODES[opcode & 0xFF];
    }

    static String status(int status) {
        String name = status >= 0 && status < 256 ? STATUSES[status] : null;
        return name != null ? name : "Unknown status";
    }

    static ResponseStatus responseStatus(int status) {
        return switch (status) {
            case 0x00, 0x02, 0x05, 0x09, 0x21 -> ResponseStatus.OK;
            case 0x01 -> ResponseStatus.UNKNOWN;
            case 0x03, 0x82, 0x84, 0x85, 0x86 -> ResponseStatus.SERVER_ERROR;
            default -> ResponseStatus.CLIENT_ERROR;
        };
    }
}
