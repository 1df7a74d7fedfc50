package io.wirespan.engine.protocol.redis;

/** One complete RESP value as {@link RedisFramer} reports it: a client command or a server reply. */
sealed interface RedisMessage permits RedisMessage.Command, RedisMessage.Reply {

    /** Payload bytes of the value on the wire. */
    long wireBytes();

    /**
     * A command: an array of bulk strings or an inline line.
     *
     * @param args the first arguments, the name first, each cut to what the capture budget allowed
     * @param argCount every argument, including those not kept
     */
    record Command(String[] args, int argCount, long wireBytes) implements RedisMessage {
        String name() {
            return args[0];
        }
    }

    /**
     * A reply.
     *
     * @param type the RESP type byte of the value (after any attribute)
     * @param error the error line as sent for {@code -}, the error text for {@code !}, else null
     * @param firstElement the first element of an array or push when it is a short string (pub/sub kinds), else null
     */
    record Reply(byte type, String error, String firstElement, long wireBytes) implements RedisMessage {}
}
