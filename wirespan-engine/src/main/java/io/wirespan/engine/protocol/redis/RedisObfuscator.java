package io.wirespan.engine.protocol.redis;

import io.wirespan.engine.protocol.redis.RedisMessage.Command;

/**
 * Masks the values of a command with {@code ?}, command by command, as DeepFlow's Redis
 * obfuscation does (spec §3.8, §8): passwords, stored values, hash and MSET values, sorted-set
 * scores, configuration values. Keys, field names and options stay readable.
 */
final class RedisObfuscator {
    private static final byte MASK = '?';

    /** The arguments a command's values are: {@code single}, and {@code from} on every {@code step}-th. */
    private record Values(int single, int from, int step) {
        static final Values NONE = new Values(-1, Integer.MAX_VALUE, 1);

        static Values one(int index) { return new Values(index, Integer.MAX_VALUE, 1); }
        static Values from(int index) { return new Values(-1, index, 1); }
        static Values everySecond(int index) { return new Values(-1, index, 2); }

        boolean covers(int i) {
            return i == single || i >= from && (i - from) % step == 0;
        }
    }

    private RedisObfuscator() {}

    /**
     * The command's line, its arguments separated by spaces, with its values masked.
     *
     * @param name the command's upper-case name, or null for an unknown command (left as is)
     */
    static String line(String name, Command command) {
        Values values = name == null ? Values.NONE : values(name, command);
        byte[] text = command.text();
        if (values == Values.NONE) return RedisText.string(text, 0, command.length());
        byte[] masked = new byte[command.length() + command.args()];
        int n = 0;
        for (int i = 0; i < command.args(); i++) {
            if (i > 0) masked[n++] = ' ';
            if (values.covers(i)) {
                masked[n++] = MASK;
            } else {
                int from = command.argStart(i), length = command.argEnd(i) - from;
                System.arraycopy(text, from, masked, n, length);
                n += length;
            }
        }
        return RedisText.string(masked, 0, n);
    }

    private static Values values(String name, Command command) {
        return switch (name) {
            case "AUTH" -> Values.from(1);
            case "ECHO" -> Values.one(1);
            case "SET", "SETNX", "GETSET", "APPEND", "SISMEMBER", "PUBLISH", "SPUBLISH", "ZINCRBY" -> Values.one(2);
            case "SETEX", "PSETEX", "SETRANGE", "LSET", "LREM", "HSETNX" -> Values.one(3);
            case "LINSERT" -> Values.one(4);
            case "LPUSH", "RPUSH", "LPUSHX", "RPUSHX", "SADD", "SREM", "SMISMEMBER", "PFADD" -> Values.from(2);
            case "MSET", "MSETNX" -> Values.everySecond(2);
            case "HSET", "HMSET" -> Values.everySecond(3);
            case "CONFIG" -> command.argIs(1, "SET") ? Values.everySecond(3) : Values.NONE;
            case "HELLO" -> {
                for (int i = 1; i + 2 < command.args(); i++) {
                    if (command.argIs(i, "AUTH")) yield Values.one(i + 2);
                }
                yield Values.NONE;
            }
            case "ZADD" -> {
                int i = 2;
                while (i < command.args() && isZaddOption(command, i)) i++;
                yield Values.everySecond(i);
            }
            default -> Values.NONE;
        };
    }

    private static boolean isZaddOption(Command command, int i) {
        return command.argIs(i, "NX") || command.argIs(i, "XX") || command.argIs(i, "GT") || command.argIs(i, "LT")
                || command.argIs(i, "CH") || command.argIs(i, "INCR");
    }
}
