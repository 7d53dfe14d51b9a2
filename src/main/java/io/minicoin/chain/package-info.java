/**
 * Consensus and what serves it: {@link io.minicoin.chain.Blockchain} accepts blocks through three
 * tiers of checks ({@link io.minicoin.chain.BlockRules} for the block alone and against its parent,
 * {@link io.minicoin.chain.TransactionRules} against the UTXO set), keeps every valid block, and
 * follows the branch with the most work. {@link io.minicoin.chain.Mempool} holds validated
 * transactions; {@link io.minicoin.chain.Miner} and {@link io.minicoin.chain.NonceSearch} make
 * blocks. Every failure is a {@link io.minicoin.chain.VerificationException} carrying Bitcoin
 * Core's reject name.
 */
package io.minicoin.chain;
