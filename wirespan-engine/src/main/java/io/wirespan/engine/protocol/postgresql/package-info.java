/**
 * PostgreSQL, frontend/backend protocol version 3.0 (PostgreSQL manual, chapter "Frontend/Backend
 * Protocol": "Message Flow" and "Message Formats"), as DeepFlow's "PostgreSQL" parser reports it.
 *
 * <pre>
 *  bytes ─► PostgresqlFramer (one per direction)            ─► PostgresqlParser ─► L7Message
 *           HEADER ─► body prefix (≤ 64 KiB) ─► SKIP rest        groups up to Sync / Query,
 *             ▲  bad tag/length, gap                              answers up to ReadyForQuery
 *             └──────── RESYNC (known tag, bounded length, valid body)
 * </pre>
 *
 * <p>{@link io.wirespan.engine.protocol.postgresql.PostgresqlProtocol} is the entry. A request is
 * logged per simple Query ({@code simple query}) and per extended-protocol group ending in Sync
 * that holds a Parse ({@code parse}) or an Execute ({@code execute}, with the statement its portal
 * was bound to); the answer is the server's messages up to ReadyForQuery: CommandComplete's row
 * count, or an ErrorResponse whose SQLSTATE becomes {@code response_result}, its condition name
 * {@code response_exception} and its message the attribute {@code message}; the status follows the
 * SQLSTATE class ({@code PostgresqlSqlState}). When obfuscation is on, the SQL of Query and
 * Parse is masked by the shared {@link io.wirespan.engine.protocol.sql.SqlMasker} with
 * PostgreSQL's lexical rules (dollar quoting, {@code E''} strings, nested comments). After an SSLRequest or GSSENCRequest that
 * the server accepts, the connection is encrypted and no longer read.
 */
package io.wirespan.engine.protocol.postgresql;
