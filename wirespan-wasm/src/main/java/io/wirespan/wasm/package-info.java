/**
 * The WebAssembly plugin host: runs plugins built for DeepFlow's Wasm plugin ABI
 * ({@code shared/spec/deepflow-wasm-abi.md}) in a Chicory sandbox with time and memory limits.
 */
package io.wirespan.wasm;
