/**
 * OpenTelemetry export of call logs: each call log becomes one span, with the semantic
 * conventions' attributes for HTTP, RPC, database, messaging and DNS calls and the call log's own
 * fields as {@code wirespan.*}. The mapping is described in {@code docs/architecture.md} (the agent).
 */
package io.wirespan.cli.otlp;
