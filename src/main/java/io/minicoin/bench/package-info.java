/** Benchmarks that print figures: mining hash rate, and the cost of {@code getbalance}. */
package io.minicoin.bench;
