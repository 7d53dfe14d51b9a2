/**
 * The cryptographic primitives Bitcoin is built on: SHA-256 and double SHA-256 ({@link
 * io.minicoin.crypto.Sha256Hash}, {@link io.minicoin.crypto.Hashes}), HASH160, Base58Check, and
 * secp256k1 keys and ECDSA signatures (Bouncy Castle underneath). Knows nothing of transactions or
 * blocks.
 */
package io.minicoin.crypto;
