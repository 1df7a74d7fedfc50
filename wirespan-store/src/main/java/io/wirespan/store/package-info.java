/**
 * Stores of call logs and RED metrics behind {@link io.wirespan.store.CallLogStore}: the tables
 * {@code l7_flow_log} and {@code application} with call-log.md's columns. {@link
 * io.wirespan.store.DuckDbStore} is the embedded default; {@link io.wirespan.store.ClickHouseStore}
 * keeps them in a ClickHouse server, or a cluster, over its HTTP interface.
 */
package io.wirespan.store;
