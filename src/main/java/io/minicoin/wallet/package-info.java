/**
 * The user's keys and payments: the wallet file (WIF keys, written atomically, owner-only) and
 * {@link io.minicoin.wallet.TransactionBuilder}, which picks coins, adds change and signs.
 */
package io.minicoin.wallet;
