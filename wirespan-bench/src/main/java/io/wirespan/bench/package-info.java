/** Benchmarks: JMH per stage and whole-pipeline runs against peers. */
package io.wirespan.bench;
