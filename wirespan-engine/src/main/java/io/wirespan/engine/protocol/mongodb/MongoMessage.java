package io.wirespan.engine.protocol.mongodb;

import io.wirespan.api.ResponseStatus;

/**
 * One decoded message, with its call-log strings already rendered and truncated.
 *
 * @param opcode the opcode of the message (the original one inside OP_COMPRESSED)
 * @param reply whether a server sent it: OP_REPLY, OP_COMMANDREPLY, OP_MSG with a responseTo
 * @param resource the command or query document as relaxed Extended JSON (request), else null
 * @param result the first reply document as relaxed Extended JSON (reply), else null
 * @param compressor the OP_COMPRESSED compressor name, null when the message was not compressed
 * @param wireLength the message's length on the wire
 */
record MongoMessage(
        MongoOpcode opcode,
        int requestId,
        int responseTo,
        boolean reply,
        String resource,
        String result,
        ResponseStatus status,
        Integer code,
        String exception,
        String compressor,
        int wireLength) {

    static boolean isReply(MongoOpcode opcode, int responseTo) {
        return opcode.isReplyOnly() || (opcode.code() == MongoOpcode.OP_MSG.code() && responseTo != 0);
    }

    /** A message known by its header only: too large to hold, or compressed with zstd. */
    static MongoMessage headerOnly(MongoOpcode opcode, int requestId, int responseTo, String compressor, int wireLength) {
        boolean reply = isReply(opcode, responseTo);
        return new MongoMessage(opcode, requestId, responseTo, reply, null, null, reply ? ResponseStatus.OK : null,
                null, null, compressor, wireLength);
    }
}
