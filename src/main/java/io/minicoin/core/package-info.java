/**
 * Bitcoin's data formats as immutable value types: {@link io.minicoin.core.Amount}, {@link
 * io.minicoin.core.Address}, {@link io.minicoin.core.Transaction} in the legacy serialization, the
 * 80-byte {@link io.minicoin.core.BlockHeader}, {@link io.minicoin.core.Block}, the Merkle root and
 * compact targets. Every type writes itself with {@link io.minicoin.core.ByteWriter} and reads
 * itself with {@link io.minicoin.core.ByteReader}, which caps every count before allocating and
 * rejects leftover bytes. Nothing here knows about storage, validation or the network.
 */
package io.minicoin.core;
