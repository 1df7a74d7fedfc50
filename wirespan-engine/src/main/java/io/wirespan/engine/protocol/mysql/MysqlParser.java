package io.wirespan.engine.protocol.mysql;

import io.wirespan.api.Direction;
import io.wirespan.api.L7Message;
import io.wirespan.api.L7Parser;
import io.wirespan.api.MessageSink;
import io.wirespan.api.ParseContext;
import io.wirespan.api.ParserSettings;
import io.wirespan.api.ResponseStatus;
import io.wirespan.engine.protocol.sql.Dialect;
import io.wirespan.engine.protocol.sql.SqlMasker;
import io.wirespan.engine.tags.HeaderTags;
import io.wirespan.engine.tags.TraceHeaders;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One MySQL connection. Frames packets per direction (resumable: a header or a needed payload
 * prefix not yet there is left to the engine; the rest of a packet is skipped as it comes), pairs
 * each response with the pending command itself and emits one {@code SESSION} per exchange, so a
 * response without its command is never sent and a PREPARE's statement id, known only from the
 * response, becomes the call log's request id. A command left unanswered when the next one comes
 * (or the flow ends) is emitted alone as a {@code REQUEST}.
 */
final class MysqlParser implements L7Parser {
    private static final int MAX_STATEMENTS = 256;
    private static final int MAX_CARRY = 1 << 22;
    private static final int INFLATE_STEP = 1 << 16;

    private final MysqlConfig config;
    private final Side client = new Side(), server = new Side();
    private final Map<Long, int[]> statements = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, int[]> eldest) {
            return size() > MAX_STATEMENTS;
        }
    };
    private Boolean compressed;
    private boolean sawGreeting, loginDone, compressAfterLogin, switched, dead;
    private int greetingCaps = -1;
    private Pending pending;
    /**
     * A COM_STMT_EXECUTE of the statement just prepared (id -1), sent with its COM_STMT_PREPARE before
     * the answer (MariaDB Connector/J's pipelining): it is answered by the response after the
     * prepare's, the next one whose first packet has sequence id 1.
     */
    private Pending pipelined;
    private boolean awaitingResponseStart;
    /** The id of the statement prepared last: what an execute of statement id -1 means. */
    private long lastPrepared = -1;
    private TraceHeaders traceRules;
    private ParserSettings traceSettings;

    /** Framing state of one direction. */
    private static final class Side {
        int skip;
        boolean resync;
        boolean dropSegment;
        byte[] carry = new byte[0];
        int carryLen;
    }

    /**
     * A command (or login) waiting for its response; {@code atMicros} is when it was parsed. A
     * pipelined execute keeps its {@code parameters} packet until its statement's types are known.
     */
    private record Pending(int command, boolean login, String type, String resource, String endpoint, boolean dml,
                           long statementId, long bytes, HeaderTags tags, long atMicros, byte[] parameters) {

        Pending withResource(String resource) {
            return new Pending(command, login, type, resource, endpoint, dml, statementId, bytes, tags, atMicros, null);
        }
    }

    /** The statement id MariaDB reads as "the statement prepared last on this connection". */
    private static final long LAST_PREPARED = 0xFFFFFFFFL;

    MysqlParser(MysqlConfig config) {
        this.config = config;
    }

    /** Capture time of the bytes of the current call, for the requests it parses. */
    private long callMicros;

    @Override
    public int parse(Direction direction, byte[] data, int offset, int length, ParseContext context, MessageSink out) {
        if (dead || length == 0) return length;
        callMicros = context.timestampMicros();
        Side side = direction == Direction.CLIENT_TO_SERVER ? client : server;
        if (compressed == null) compressed = MysqlPackets.looksCompressed(data, offset, offset + length);
        switched = false;
        if (!compressed) {
            return packets(direction, side, data, offset, offset + length, context, out) - offset;
        }
        return frames(direction, side, data, offset, offset + length, context, out) - offset;
    }

    @Override
    public void onGap(Direction direction, int missingBytes, ParseContext context) {
        Side side = direction == Direction.CLIENT_TO_SERVER ? client : server;
        side.skip = 0;
        side.carryLen = 0;
        side.resync = true;
        side.dropSegment = true;
    }

    @Override
    public void onFlowEnd(ParseContext context, MessageSink out) {
        displace(out);
    }

    // ---- compressed protocol: 3-byte compressed length, seq, 3-byte uncompressed length ----

    private int frames(Direction direction, Side side, byte[] b, int p, int end, ParseContext ctx, MessageSink out) {
        if (side.dropSegment) {
            side.dropSegment = false;
            return end;
        }
        while (end - p >= 7) {
            int clen = MysqlWire.u24(b, p), ulen = MysqlWire.u24(b, p + 4);
            if (clen == 0 || (ulen > 0 && end - p >= 9 && !MysqlPackets.isZlibHeader(b, p + 7))) {
                side.carryLen = 0; // no frame starts here: drop the segment, the next one starts anew
                side.skip = 0;
                side.resync = direction == Direction.SERVER_TO_CLIENT;
                return end;
            }
            if (end - p - 7 < clen) break;
            int body = p + 7;
            p = body + clen;
            if (ulen == 0) {
                append(side, b, body, clen);
                drain(direction, side, ctx, out);
            } else if (!config.decompressPayload()) {
                if (direction == Direction.SERVER_TO_CLIENT && pending != null) {
                    answer(out, ResponseStatus.PARSE_FAILED, null, null, -1, -1, clen + 7L);
                }
            } else {
                inflate(direction, side, b, body, clen, ulen, ctx, out);
            }
        }
        return p;
    }

    private void inflate(Direction direction, Side side, byte[] b, int from, int len, int ulen, ParseContext ctx,
                         MessageSink out) {
        // One zlib stream per frame; ended at once so no native memory outlives the frame.
        Inflater inflater = new Inflater();
        inflater.setInput(b, from, len);
        long produced = 0;
        try {
            while (!inflater.finished() && produced <= ulen) {
                ensure(side, side.carryLen + INFLATE_STEP);
                int n = inflater.inflate(side.carry, side.carryLen, INFLATE_STEP);
                if (n == 0) break; // needs input or a dictionary: a truncated or foreign stream
                side.carryLen += n;
                produced += n;
                drain(direction, side, ctx, out);
            }
        } catch (DataFormatException e) {
            side.carryLen = 0;
            side.skip = 0;
            if (direction == Direction.SERVER_TO_CLIENT && pending != null) {
                answer(out, ResponseStatus.PARSE_FAILED, null, null, -1, -1, len + 7L);
            }
        } finally {
            inflater.end();
        }
    }

    private static void append(Side side, byte[] b, int from, int len) {
        ensure(side, side.carryLen + len);
        System.arraycopy(b, from, side.carry, side.carryLen, len);
        side.carryLen += len;
    }

    private static void ensure(Side side, int capacity) {
        if (side.carry.length < capacity) side.carry = Arrays.copyOf(side.carry, Math.max(capacity, side.carry.length * 2));
    }

    /** Frames the packets of the decompressed stream; keeps what is not yet whole. */
    private void drain(Direction direction, Side side, ParseContext ctx, MessageSink out) {
        int used = packets(direction, side, side.carry, 0, side.carryLen, ctx, out);
        System.arraycopy(side.carry, used, side.carry, 0, side.carryLen - used);
        side.carryLen -= used;
        if (side.carryLen > MAX_CARRY) {
            side.carryLen = 0;
            side.resync = true;
        }
    }

    // ---- packets: 3-byte length, seq ----

    /** Handles the packets in {@code [p, end)}; returns where the first unhandled one starts. */
    private int packets(Direction direction, Side side, byte[] b, int p, int end, ParseContext ctx, MessageSink out) {
        boolean fromClient = direction == Direction.CLIENT_TO_SERVER;
        while (p < end && !dead && !switched) {
            if (side.skip > 0) {
                int n = Math.min(side.skip, end - p);
                p += n;
                side.skip -= n;
                continue;
            }
            if (side.resync) {
                if (!fromClient) return end; // re-anchored by the next command
                int at = p;
                while (at <= end - 5 && !MysqlPackets.isCommand(b, at, end)) at++;
                if (at > end - 5) return Math.max(p, end - 4);
                p = at;
                side.resync = false;
            }
            if (end - p < 4) break;
            int len = MysqlWire.u24(b, p), seq = b[p + 3] & 0xFF;
            if (fromClient && seq == 0 && (len == 0 || (end - p > 4 && MysqlCommand.name(b[p + 4] & 0xFF) == null))) {
                side.resync = true; // no command starts so: garbage
                p++;
                continue;
            }
            int need = Math.min(len, limit(ctx));
            boolean answering = pending != null && (!awaitingResponseStart || seq == 1);
            if (!fromClient && (!answering || (pending.login && seq == 0)) && (sawGreeting || seq != 0)) need = 0;
            if (end - p - 4 < need) break;
            int body = p + 4;
            p = body + need;
            side.skip = len - need;
            if (fromClient) {
                client(b, body, body + need, len, seq, ctx, out);
            } else if (need > 0) {
                server(b, body, body + need, len, seq, out);
            }
        }
        return p;
    }

    /** How much of a packet's payload is read: enough for a truncated call-log field. */
    private static int limit(ParseContext ctx) {
        return Math.max(1024, Math.min(ctx.settings().payloadTruncation(), 1 << 18) * 4) + 16;
    }

    private void client(byte[] b, int s, int e, int len, int seq, ParseContext ctx, MessageSink out) {
        if (seq == 0 && e > s) {
            command(b, s, e, len, ctx, out);
        } else if (seq == 1 && !loginDone && e - s >= 32) {
            login(b, s, e, len, ctx, out);
        }
    }

    private void command(byte[] b, int s, int e, int len, ParseContext ctx, MessageSink out) {
        if (pipelinedExecute(b, s, e, len)) return;
        displace(out);
        loginDone = true;
        if (server.resync) {
            server.resync = false;
            server.skip = 0;
            server.carryLen = 0;
        }
        int cmd = b[s] & 0xFF;
        if (!MysqlCommand.logged(cmd)) return;
        String type = MysqlCommand.name(cmd);
        long bytes = len + 4L;
        if (MysqlCommand.unanswered(cmd)) {
            if (cmd == MysqlCommand.STMT_CLOSE && e - s >= 5) statements.remove(MysqlWire.u32(b, s + 1));
            out.emit(L7Message.session().requestType(type).responseStatus(ResponseStatus.OK).capturedBytes(bytes).build());
            return;
        }
        String resource = null, endpoint = null;
        boolean dml = false;
        long statementId = -1;
        HeaderTags tags = null;
        var settings = ctx.settings();
        switch (cmd) {
            case MysqlCommand.QUERY, MysqlCommand.STMT_PREPARE -> {
                int from = s + 1;
                if (e - from >= 2 && b[from] == 0 && b[from + 1] == 1) from += 2;
                if (!MysqlSql.startsWithKeyword(b, from, e)) return;
                String sql = settings.truncate(MysqlWire.text(b, from, e));
                if (MysqlTraceComments.mayHave(sql)) {
                    tags = traceRules(settings).newMessage();
                    MysqlTraceComments.scan(sql, tags);
                }
                resource = settings.obfuscate() ? SqlMasker.mask(sql, Dialect.MYSQL) : sql;
                if (!config.endpointDisabled()) endpoint = MysqlSql.endpoint(sql);
                String verb = MysqlSql.firstWord(sql);
                dml = cmd == MysqlCommand.QUERY && (verb.equals("INSERT") || verb.equals("UPDATE") || verb.equals("DELETE"));
            }
            case MysqlCommand.INIT_DB -> {
                String db = settings.truncate(MysqlWire.text(b, s + 1, e));
                resource = settings.obfuscate() ? SqlMasker.mask(db, Dialect.MYSQL) : db;
            }
            case MysqlCommand.STMT_EXECUTE -> {
                if (e - s >= 5) {
                    statementId = MysqlWire.u32(b, s + 1);
                    if (statementId == LAST_PREPARED) statementId = lastPrepared;
                    int[] types = statements.get(statementId);
                    if (!settings.obfuscate() && types != null) {
                        String params = MysqlExecute.render(b, s, e, types.length, types);
                        if (params != null && !params.isEmpty()) resource = settings.truncate(params);
                    }
                }
            }
            default -> { }
        }
        pending = new Pending(cmd, false, type, resource, endpoint, dml, statementId, bytes, tags, callMicros, null);
    }

    /**
     * Queues a COM_STMT_EXECUTE of the statement id -1 that follows a COM_STMT_PREPARE still waiting:
     * its parameters are rendered when the prepare's answer has told their count. Returns false for
     * any other command.
     */
    private boolean pipelinedExecute(byte[] b, int s, int e, int len) {
        if (pending == null || pending.command != MysqlCommand.STMT_PREPARE || pipelined != null) return false;
        if ((b[s] & 0xFF) != MysqlCommand.STMT_EXECUTE || e - s < 5 || MysqlWire.u32(b, s + 1) != LAST_PREPARED) return false;
        pipelined = new Pending(MysqlCommand.STMT_EXECUTE, false, MysqlCommand.name(MysqlCommand.STMT_EXECUTE), null, null,
                false, LAST_PREPARED, len + 4L, null, callMicros, Arrays.copyOfRange(b, s, e));
        return true;
    }

    private void login(byte[] b, int s, int e, int len, ParseContext ctx, MessageSink out) {
        int caps = (int) MysqlWire.u32(b, s);
        if ((caps & MysqlPackets.CLIENT_PROTOCOL_41) == 0 || !MysqlPackets.hasLoginFiller(b, s)) return;
        if (len == 32 && (caps & MysqlPackets.CLIENT_SSL) != 0) {
            dead = true; // TLS follows
            return;
        }
        int userEnd = MysqlWire.nul(b, s + 32, e);
        String user = MysqlWire.text(b, s + 32, userEnd < 0 ? e : userEnd);
        String db = null;
        if (userEnd >= 0 && (caps & MysqlPackets.CLIENT_CONNECT_WITH_DB) != 0) {
            int p = userEnd + 1;
            if (p < e) {
                if ((caps & MysqlPackets.CLIENT_PLUGIN_AUTH_LENENC) != 0) {
                    int size = MysqlWire.lenencSize(b, p);
                    // The length is a u64 off the wire: anything negative or past the packet ends the field.
                    long length = size < 0 || p + size > e ? -1 : MysqlWire.lenenc(b, p);
                    p = length < 0 || p + size + length > e ? e : (int) (p + size + length);
                } else if ((caps & MysqlPackets.CLIENT_SECURE_CONNECTION) != 0) {
                    p = Math.min(e, p + 1 + (b[p] & 0xFF));
                } else {
                    int z = MysqlWire.nul(b, p, e);
                    p = z < 0 ? e : z + 1;
                }
                if (p < e) {
                    int z = MysqlWire.nul(b, p, e);
                    db = MysqlWire.text(b, p, z < 0 ? e : z);
                }
            }
        }
        displace(out);
        String text = ctx.settings().truncate("Login username: " + user + (db == null || db.isEmpty() ? "" : " db: " + db));
        compressAfterLogin = (caps & MysqlPackets.CLIENT_COMPRESS) != 0
                && (greetingCaps < 0 || (greetingCaps & MysqlPackets.CLIENT_COMPRESS) != 0);
        pending = new Pending(0, true, null, text, config.endpointDisabled() ? null : text, false, -1, len + 4L, null,
                callMicros, null);
    }

    private void server(byte[] b, int s, int e, int len, int seq, MessageSink out) {
        int first = b[s] & 0xFF;
        if (pending == null) {
            if (!sawGreeting && seq == 0 && (first == 10 || first == 9)) greeting(b, s, e);
            return;
        }
        if (awaitingResponseStart) {
            if (seq != 1) return; // the rest of the previous response: parameter and column definitions
            awaitingResponseStart = false;
        }
        long bytes = len + 4L;
        if (first == 0xff && e - s >= 3) {
            int code = MysqlWire.u16(b, s + 1);
            int msg = e - s >= 9 && b[s + 3] == '#' ? s + 9 : s + 3;
            ResponseStatus status = code >= 2000 && code <= 2999 ? ResponseStatus.CLIENT_ERROR : ResponseStatus.SERVER_ERROR;
            answer(out, status, code, MysqlWire.text(b, msg, e), -1, -1, bytes);
            return;
        }
        if (pending.login) {
            if (first != 0x00) return; // auth switch or more data: the login goes on
            boolean compress = compressAfterLogin && !compressed;
            answer(out, ResponseStatus.OK, null, null, -1, -1, bytes);
            loginDone = true;
            if (compress) {
                compressed = true;
                switched = true;
            }
            return;
        }
        long affected = -1, statementId = -1;
        if (first == 0x00 && e - s >= 2) {
            int size = MysqlWire.lenencSize(b, s + 1);
            if (size > 0 && s + 1 + size <= e) affected = MysqlWire.lenenc(b, s + 1);
            if (pending.command == MysqlCommand.STMT_PREPARE && e - s >= 9) {
                statementId = MysqlWire.u32(b, s + 1);
                lastPrepared = statementId;
                int params = MysqlWire.u16(b, s + 7);
                if (params > 0 && params <= 4096) {
                    int[] types = new int[params];
                    Arrays.fill(types, -1);
                    statements.put(statementId, types);
                    if (pipelined != null && pipelined.parameters != null) {
                        byte[] execute = pipelined.parameters;
                        String rendered = MysqlExecute.render(execute, 0, execute.length, params, types);
                        pipelined = pipelined.withResource(rendered == null || rendered.isEmpty() ? null : rendered);
                    }
                }
            }
        }
        answer(out, ResponseStatus.OK, null, null, affected, statementId, bytes);
    }

    private void greeting(byte[] b, int s, int e) {
        sawGreeting = true;
        int z = MysqlWire.nul(b, s + 1, e);
        if (z < 0) return;
        int caps = z + 1 + 4 + 8 + 1; // connection id, auth data part 1, filler
        if (caps + 2 <= e) greetingCaps = MysqlWire.u16(b, caps);
        if (caps + 7 <= e) greetingCaps |= MysqlWire.u16(b, caps + 5) << 16;
    }

    private void answer(MessageSink out, ResponseStatus status, Integer code, String error, long affected,
                        long statementId, long bytes) {
        Pending q = pending;
        pending = pipelined;
        pipelined = null;
        awaitingResponseStart = pending != null;
        L7Message.Builder m = L7Message.session()
                .requestType(q.type)
                .requestResource(q.resource)
                .endpoint(q.endpoint)
                .responseStatus(status)
                .responseCode(code)
                .responseException(status.isError() ? error : null)
                .capturedBytes(bytes)
                .requestCapturedBytes(q.bytes)
                .requestTimeMicros(q.atMicros);
        if (q.dml && affected > 0) m.sqlAffectedRows(affected);
        if (q.command == MysqlCommand.STMT_PREPARE && statementId >= 0) m.sessionId(statementId);
        if (q.tags != null) m.traceId(q.tags.traceId()).spanId(q.tags.spanId()).parentSpanId(q.tags.parentSpanId());
        out.emit(m.build());
    }

    /** Commands still waiting when the next one comes (or the flow ends) are sent alone. */
    private void displace(MessageSink out) {
        for (Pending q : new Pending[] {pending, pipelined}) {
            if (q == null) continue;
            L7Message.Builder m = L7Message.request().requestType(q.type).requestResource(q.resource).endpoint(q.endpoint)
                    .capturedBytes(q.bytes);
            if (q.tags != null) m.traceId(q.tags.traceId()).spanId(q.tags.spanId()).parentSpanId(q.tags.parentSpanId());
            out.emit(m.build());
        }
        pending = pipelined = null;
        awaitingResponseStart = false;
    }

    /** The trace rules of the flow's settings, made once. */
    private TraceHeaders traceRules(ParserSettings settings) {
        if (traceRules == null || traceSettings != settings) {
            traceRules = new TraceHeaders(settings.traceIdTypes(), settings.spanIdTypes(), settings.xRequestIdHeaders(),
                    settings.realClientHeaders());
            traceSettings = settings;
        }
        return traceRules;
    }
}
