package io.minicoin.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The signature checks of a block, run on all cores. Connecting a block looks its inputs up in
 * order (a transaction may spend an output of an earlier one in the same block) but collects each
 * input's signature check here instead of running it; then they run in parallel, since no check
 * depends on another. Verifying signatures is most of the work of connecting a block. Bitcoin Core
 * does the same with its script-check queue.
 *
 * <p>When several checks fail, the block is refused for the first failing input in block order, so
 * every node names the same reason whatever the thread timing.
 */
final class SignatureChecks {
  /** One input's check: computes its signature hash and verifies the signature. */
  interface Check {
    void run() throws VerificationException;
  }

  /** Below this many checks, handing them to other threads costs more than it saves. */
  private static final int PARALLEL_FROM = 4;

  private final List<Check> checks = new ArrayList<>();

  void add(Check check) {
    checks.add(check);
  }

  int size() {
    return checks.size();
  }

  /** Runs every check; throws the failure of the first failing one in the order added. */
  void runAll() throws VerificationException {
    int n = checks.size();
    if (n < PARALLEL_FROM || Runtime.getRuntime().availableProcessors() < 2) {
      for (Check check : checks) {
        check.run();
      }
      return;
    }
    VerificationException[] failures = new VerificationException[n];
    // The common fork-join pool plus this thread: one thread per core.
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i -> {
              try {
                checks.get(i).run();
              } catch (VerificationException e) {
                failures[i] = e;
              }
            });
    for (VerificationException failure : failures) {
      if (failure != null) {
        throw failure;
      }
    }
  }
}
