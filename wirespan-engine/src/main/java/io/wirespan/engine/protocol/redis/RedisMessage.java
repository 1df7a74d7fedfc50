package io.wirespan.engine.protocol.redis;

/** One complete RESP value as {@link RedisFramer} reports it: a client command or a server reply. */
sealed interface RedisMessage permits RedisMessage.Command, RedisMessage.Reply {

    /** Payload bytes of the value on the wire. */
    long wireBytes();

    /**
     * A command: an array of bulk strings or an inline line. A view of the framer's buffer, to be
     * read before the framer's next step: the kept arguments, each cut to what the capture budget
     * allowed, are {@code text} up to {@link #length}, separated by single spaces.
     *
     * @param argEnds where each kept argument ends in {@code text}
     * @param args how many arguments were kept, the name first
     * @param argCount every argument, including those not kept
     */
    record Command(byte[] text, int[] argEnds, int args, int argCount, long wireBytes) implements RedisMessage {
        int argStart(int i) {
            return i == 0 ? 0 : argEnds[i - 1] + 1;
        }

        int argEnd(int i) {
            return argEnds[i];
        }

        /** The end of the last kept argument. */
        int length() {
            return argEnds[args - 1];
        }

        /** Whether argument {@code i} is {@code upperCaseWord} in any case. */
        boolean argIs(int i, String upperCaseWord) {
            if (i >= args) return false;
            int from = argStart(i);
            if (argEnd(i) - from != upperCaseWord.length()) return false;
            for (int k = 0; k < upperCaseWord.length(); k++) {
                int b = text[from + k];
                if (b >= 'a' && b <= 'z') b -= 32;
                if (b != upperCaseWord.charAt(k)) return false;
            }
            return true;
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
