package io.wirespan.engine.protocol.mongodb;

/**
 * A wire-protocol opcode: an open value type, so an unknown number still has a name. The names
 * are those of the MongoDB wire protocol reference and become the call log's {@code request_type}.
 */
record MongoOpcode(int code) {
    static final MongoOpcode OP_REPLY = new MongoOpcode(1);
    static final MongoOpcode OP_UPDATE = new MongoOpcode(2001);
    static final MongoOpcode OP_INSERT = new MongoOpcode(2002);
    static final MongoOpcode OP_QUERY = new MongoOpcode(2004);
    static final MongoOpcode OP_GET_MORE = new MongoOpcode(2005);
    static final MongoOpcode OP_DELETE = new MongoOpcode(2006);
    static final MongoOpcode OP_KILL_CURSORS = new MongoOpcode(2007);
    static final MongoOpcode OP_COMMAND = new MongoOpcode(2010);
    static final MongoOpcode OP_COMMANDREPLY = new MongoOpcode(2011);
    static final MongoOpcode OP_COMPRESSED = new MongoOpcode(2012);
    static final MongoOpcode OP_MSG = new MongoOpcode(2013);

    /** Whether the opcode is one this parser frames (unknown opcodes mark a false frame start). */
    static boolean isKnown(int code) {
        return switch (code) {
            case 1, 2001, 2002, 2004, 2005, 2006, 2007, 2010, 2011, 2012, 2013 -> true;
            default -> false;
        };
    }

    /** Opcodes only a server sends: their {@code responseTo} names the request they answer. */
    boolean isReplyOnly() {
        return code == 1 || code == 2011;
    }

    String mnemonic() {
        return switch (code) {
            case 1 -> "OP_REPLY";
            case 2001 -> "OP_UPDATE";
            case 2002 -> "OP_INSERT";
            case 2004 -> "OP_QUERY";
            case 2005 -> "OP_GET_MORE";
            case 2006 -> "OP_DELETE";
            case 2007 -> "OP_KILL_CURSORS";
            case 2010 -> "OP_COMMAND";
            case 2011 -> "OP_COMMANDREPLY";
            case 2012 -> "OP_COMPRESSED";
            case 2013 -> "OP_MSG";
            default -> "OP_" + Integer.toUnsignedString(code);
        };
    }
}
