/**
 * SQL text shared by the MySQL and PostgreSQL parsers: {@link io.wirespan.engine.protocol.sql.SqlTokenizer}
 * splits a statement into tokens by a {@link io.wirespan.engine.protocol.sql.Dialect}'s lexical
 * rules (quotes, escapes, comments, dollar quoting, numbers), and
 * {@link io.wirespan.engine.protocol.sql.SqlMasker} replaces its literals by {@code ?} when
 * obfuscation is on ({@code tag_extraction.obfuscate_protocols}; DeepFlow behaviour:
 * {@code ../shared/spec/deepflow-l7-reference.md} §8).
 *
 * <pre>
 *   "SELECT * FROM t WHERE a IN (1, 2) AND b = 'x' -- c"
 *     ─► SqlTokenizer: WORD ␣ OPERATOR ␣ WORD ␣ WORD ␣ WORD ␣ WORD ␣ WORD ␣ ( NUMBER , ␣ NUMBER ) ... STRING ␣ LINE_COMMENT
 *     ─► SqlMasker:    "SELECT * FROM t WHERE a IN (?) AND b = ? -- c"
 * </pre>
 */
package io.wirespan.engine.protocol.sql;
