/**
 * The node's chain file: a transactional key-value store ({@link io.minicoin.store.LmdbStore} on
 * disk, {@link io.minicoin.store.MemoryStore} for tests) and, on top, {@link
 * io.minicoin.store.ChainStore}, which documents every stored byte layout. Knows how blocks and
 * coins are kept, not whether they are valid.
 */
package io.minicoin.store;
