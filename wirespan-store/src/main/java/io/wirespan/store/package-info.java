/**
 * Stores of call logs and RED metrics behind {@link io.wirespan.store.CallLogStore}: the tables
 * {@code l7_flow_log} and {@code application} with call-log.md's columns. {@link
 * io.wirespan.store.DuckDbStore} is the embedded default.
 */
package io.wirespan.store;
