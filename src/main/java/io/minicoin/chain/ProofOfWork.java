package io.minicoin.chain;

import io.minicoin.core.BlockHeader;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** PLACEHOLDER: replaced by the multi-threaded midstate solver. */
public final class ProofOfWork {
  private ProofOfWork() {}

  public static Optional<BlockHeader> solve(BlockHeader template, int threads, BooleanSupplier cancelled) {
    for (long n = template.nonce() & 0xffffffffL; n <= 0xffffffffL; n++) {
      BlockHeader h = template.withNonce((int) n);
      if (h.meetsOwnTarget()) {
        return Optional.of(h);
      }
      if ((n & 0xffff) == 0 && cancelled.getAsBoolean()) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
