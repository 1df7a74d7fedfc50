package io.wirespan.engine.protocol.redis;

/**
 * Masks the values of a command with {@code ?}, command by command, as DeepFlow's Redis
 * obfuscation does (spec §3.8, §8): passwords, stored values, hash and MSET values, sorted-set
 * scores, configuration values. Keys, field names and options stay readable.
 */
final class RedisObfuscator {
    static final String MASK = "?";

    private RedisObfuscator() {}

    /**
     * Masks {@code args} in place.
     *
     * @param name the command's upper-case name, or null for an unknown command (left as is)
     */
    static void mask(String name, String[] args) {
        if (name == null) return;
        switch (name) {
            case "AUTH" -> from(args, 1);
            case "ECHO" -> one(args, 1);
            case "SET", "SETNX", "GETSET", "APPEND", "SISMEMBER", "PUBLISH", "SPUBLISH", "ZINCRBY" -> one(args, 2);
            case "SETEX", "PSETEX", "SETRANGE", "LSET", "LREM", "HSETNX" -> one(args, 3);
            case "LINSERT" -> one(args, 4);
            case "LPUSH", "RPUSH", "LPUSHX", "RPUSHX", "SADD", "SREM", "SMISMEMBER", "PFADD" -> from(args, 2);
            case "MSET", "MSETNX" -> everySecond(args, 2);
            case "HSET", "HMSET" -> everySecond(args, 3);
            case "CONFIG" -> {
                if (args.length > 1 && "SET".equalsIgnoreCase(args[1])) everySecond(args, 3);
            }
            case "HELLO" -> {
                for (int i = 1; i + 2 < args.length; i++) {
                    if ("AUTH".equalsIgnoreCase(args[i])) one(args, i + 2);
                }
            }
            case "ZADD" -> {
                int i = 2;
                while (i < args.length && isZaddOption(args[i])) i++;
                everySecond(args, i);
            }
            default -> { }
        }
    }

    private static boolean isZaddOption(String arg) {
        return switch (arg.toUpperCase(java.util.Locale.ROOT)) {
            case "NX", "XX", "GT", "LT", "CH", "INCR" -> true;
            default -> false;
        };
    }

    private static void one(String[] args, int index) {
        if (index < args.length) args[index] = MASK;
    }

    private static void from(String[] args, int index) {
        for (int i = index; i < args.length; i++) args[i] = MASK;
    }

    private static void everySecond(String[] args, int index) {
        for (int i = index; i < args.length; i += 2) args[i] = MASK;
    }
}
