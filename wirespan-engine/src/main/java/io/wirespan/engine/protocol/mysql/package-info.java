/**
 * MySQL client/server protocol, as DeepFlow's MySQL parser reports it.
 *
 * <p>Spec: MySQL Internals, "Client/Server Protocol"
 * (https://dev.mysql.com/doc/dev/mysql-server/latest/PAGE_PROTOCOL.html): packets are a 3-byte
 * little-endian length and a sequence id; the Connection Phase is the server greeting (Protocol::Handshake
 * v10), HandshakeResponse41, auth switch / more data, then OK or ERR; the Command Phase is one
 * {@code COM_*} packet (seq 0) answered by OK, ERR, EOF or a result set (column count, column
 * definitions, rows); COM_STMT_PREPARE is answered by COM_STMT_PREPARE_OK (statement id), and
 * COM_STMT_EXECUTE carries Binary Protocol values. The compressed protocol wraps the stream in frames
 * with a 7-byte header (compressed length, seq, uncompressed length; zlib when the latter is non-zero).
 *
 * <pre>
 *   client seq 0 COM_x ──► pending ──server first packet (ERR | OK | EOF | other)──► SESSION
 *   client seq 1 login ──► pending ──server OK/ERR (0xfe, 0x01 keep waiting)──────► SESSION
 *   next command / flow end while pending ─────────────────────────────────────────► REQUEST alone
 *   server packets with nothing pending (rows, greeting, ...) ─────────────────────► skipped
 * </pre>
 *
 * MariaDB's statement id -1 means the statement prepared last; MariaDB Connector/J runs every new
 * statement so, and may send that COM_STMT_EXECUTE before its COM_STMT_PREPARE is answered. Such an
 * execute waits behind the prepare and takes the next response (the next server packet with
 * sequence id 1); its parameters are decoded once the prepare's answer has given their count.
 *
 * When obfuscation is on ({@code obfuscate_protocols} lists MySQL), the SQL of COM_QUERY,
 * COM_STMT_PREPARE and COM_INIT_DB is masked by the shared
 * {@link io.wirespan.engine.protocol.sql.SqlMasker} with MySQL's lexical rules, and COM_STMT_EXECUTE
 * parameter values are not decoded.
 *
 * <p>DeepFlow behaviour followed: {@code ../shared/spec/deepflow-l7-reference.md} §3.6 and §8.
 */
package io.wirespan.engine.protocol.mysql;
