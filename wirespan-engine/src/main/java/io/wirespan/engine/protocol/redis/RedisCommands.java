package io.wirespan.engine.protocol.redis;

/**
 * The Redis command names {@code check} accepts as the first element of a request (Redis 7.x
 * {@code COMMAND LIST}, plus a few module and legacy commands), looked up straight from the wire
 * bytes, case-insensitively, without allocating. The table also interns the upper-case names so a
 * request's {@code request_type} is shared when the client sends them upper-case, as most do.
 */
final class RedisCommands {
    /** The longest name in the table, in bytes. */
    static final int MAX_LENGTH = 24;

    private static final String NAMES = """
            ACL APPEND ASKING AUTH BGREWRITEAOF BGSAVE BITCOUNT BITFIELD BITFIELD_RO BITOP BITPOS BLMOVE BLMPOP
            BLPOP BRPOP BRPOPLPUSH BZMPOP BZPOPMAX BZPOPMIN CLIENT CLUSTER COMMAND CONFIG COPY DBSIZE DEBUG DECR
            DECRBY DEL DISCARD DUMP ECHO EVAL EVALSHA EVALSHA_RO EVAL_RO EXEC EXISTS EXPIRE EXPIREAT EXPIRETIME
            FAILOVER FCALL FCALL_RO FLUSHALL FLUSHDB FUNCTION GEOADD GEODIST GEOHASH GEOPOS GEORADIUS
            GEORADIUSBYMEMBER GEORADIUSBYMEMBER_RO GEORADIUS_RO GEOSEARCH GEOSEARCHSTORE GET GETBIT GETDEL GETEX
            GETRANGE GETSET HDEL HELLO HEXISTS HEXPIRE HEXPIREAT HEXPIRETIME HGET HGETALL HINCRBY HINCRBYFLOAT
            HKEYS HLEN HMGET HMSET HPERSIST HPEXPIRE HPEXPIREAT HPEXPIRETIME HPTTL HRANDFIELD HSCAN HSET HSETNX
            HSTRLEN HTTL HVALS INCR INCRBY INCRBYFLOAT INFO KEYS LASTSAVE LATENCY LCS LINDEX LINSERT LLEN LMOVE
            LMPOP LOLWUT LPOP LPOS LPUSH LPUSHX LRANGE LREM LSET LTRIM MEMORY MGET MIGRATE MODULE MONITOR MOVE
            MSET MSETNX MULTI OBJECT PERSIST PEXPIRE PEXPIREAT PEXPIRETIME PFADD PFCOUNT PFDEBUG PFMERGE PFSELFTEST
            PING PSETEX PSUBSCRIBE PSYNC PTTL PUBLISH PUBSUB PUNSUBSCRIBE QUIT RANDOMKEY READONLY READWRITE RENAME
            RENAMENX REPLCONF REPLICAOF RESET RESTORE RESTORE-ASKING ROLE RPOP RPOPLPUSH RPUSH RPUSHX SADD SAVE
            SCAN SCARD SCRIPT SDIFF SDIFFSTORE SELECT SENTINEL SET SETBIT SETEX SETNX SETRANGE SHUTDOWN SINTER
            SINTERCARD SINTERSTORE SISMEMBER SLAVEOF SLOWLOG SMEMBERS SMISMEMBER SMOVE SORT SORT_RO SPOP SPUBLISH
            SRANDMEMBER SREM SSCAN SSUBSCRIBE STRLEN SUBSCRIBE SUBSTR SUNION SUNIONSTORE SUNSUBSCRIBE SWAPDB SYNC
            TIME TOUCH TTL TYPE UNLINK UNSUBSCRIBE UNWATCH WAIT WAITAOF WATCH XACK XADD XAUTOCLAIM XCLAIM XDEL
            XGROUP XINFO XLEN XPENDING XRANGE XREAD XREADGROUP XREVRANGE XSETID XTRIM ZADD ZCARD ZCOUNT ZDIFF
            ZDIFFSTORE ZINCRBY ZINTER ZINTERCARD ZINTERSTORE ZLEXCOUNT ZMPOP ZMSCORE ZPOPMAX ZPOPMIN ZRANDMEMBER
            ZRANGE ZRANGEBYLEX ZRANGEBYSCORE ZRANGESTORE ZRANK ZREM ZREMRANGEBYLEX ZREMRANGEBYRANK
            ZREMRANGEBYSCORE ZREVRANGE ZREVRANGEBYLEX ZREVRANGEBYSCORE ZREVRANK ZSCAN ZSCORE ZUNION ZUNIONSTORE
            JSON.GET JSON.SET JSON.DEL JSON.MGET FT.SEARCH FT.CREATE FT.INFO BF.ADD BF.EXISTS TS.ADD TS.RANGE
            """;

    private static final String[] TABLE = new String[1024];

    static {
        for (String name : NAMES.split("\\s+")) {
            if (name.isEmpty()) continue;
            if (name.length() > MAX_LENGTH) throw new AssertionError(name);
            int slot = slot(hash(name));
            while (TABLE[slot] != null) slot = (slot + 1) & (TABLE.length - 1);
            TABLE[slot] = name;
        }
    }

    private RedisCommands() {}

    /** The upper-case name of a known command spelt by {@code data[from..to)} in any case, or null. */
    static String lookup(byte[] data, int from, int to) {
        int length = to - from;
        if (length <= 0 || length > MAX_LENGTH) return null;
        int h = 0;
        for (int i = from; i < to; i++) h = 31 * h + upper(data[i]);
        for (int slot = slot(h); ; slot = (slot + 1) & (TABLE.length - 1)) {
            String name = TABLE[slot];
            if (name == null) return null;
            if (name.length() == length && sameIgnoringCase(name, data, from)) return name;
        }
    }

    /**
     * The name in {@code data[from..to)} as sent: {@code known} ({@link #lookup}'s answer for the same
     * bytes) when it was sent upper-case, else a new string.
     */
    static String asSent(String known, byte[] data, int from, int to) {
        if (known != null && exactly(known, data, from)) return known;
        return RedisText.string(data, from, to - from);
    }

    private static boolean sameIgnoringCase(String name, byte[] data, int from) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) != upper(data[from + i])) return false;
        }
        return true;
    }

    private static boolean exactly(String name, byte[] data, int from) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) != data[from + i]) return false;
        }
        return true;
    }

    private static int upper(byte b) {
        return b >= 'a' && b <= 'z' ? b - 32 : b & 0xFF;
    }

    private static int hash(String name) {
        int h = 0;
        for (int i = 0; i < name.length(); i++) h = 31 * h + name.charAt(i);
        return h;
    }

    private static int slot(int h) {
        return (h ^ (h >>> 11)) & (TABLE.length - 1);
    }
}
