package io.minicoin.net.wire;

import io.minicoin.crypto.Sha256Hash;

/** One inventory entry: a block or a transaction, by hash. */
public record InvVector(InvType type, Sha256Hash hash) {}
