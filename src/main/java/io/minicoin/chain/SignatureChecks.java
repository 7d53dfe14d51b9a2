package io.minicoin.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The signature checks of a block (or of a run of downloaded blocks), run on all cores. Connecting
 * a block looks its inputs up in order (a transaction may spend an output of an earlier one in the
 * same block) but collects each input's signature check here instead of running it, since no check
 * depends on another. Verifying signatures is most of the work of connecting a block. Bitcoin Core
 * does the same with its script-check queue.
 *
 * <p>Checks are handed to the other cores in chunks as they are added, so they run while the
 * connecting thread goes on looking up and writing the rest of the run (during a download that
 * overlapped the two; before, the checks waited for the whole run). {@link #runAll} then runs every
 * chunk no other thread has taken yet on the calling thread, and waits for the rest.
 *
 * <p>When several checks fail, the block is refused for the first failing input in block order, so
 * every node names the same reason whatever the thread timing.
 *
 * <p>Used in a try-with-resources block: a run given up before {@link #runAll} returned (a missing
 * input, BIP 30, a store that must grow and runs the transaction again, a failed check) is
 * cancelled when the block is left, so the chunks already handed off stop at their next check
 * instead of verifying signatures nobody will ask about, on the core the node needs for what it
 * does next. Being structural, the cancel cannot be forgotten by a new caller.
 */
final class SignatureChecks implements AutoCloseable {
  /** One input's check: computes its signature hash and verifies the signature. */
  interface Check {
    void run() throws VerificationException;
  }

  /**
   * Checks per hand-off: a check takes tens of microseconds, handing a chunk over a few, and a
   * block of two payments alone is too small to share.
   */
  static final int CHUNK = 32;

  /**
   * Checks this process has given up, never run (a chunk skips the rest of its checks once its run
   * is cancelled). Counted on the cancel path only, so checking costs nothing more; read by the
   * tests, to see that a caller's abandoned run stops its checks.
   */
  private static final AtomicLong GIVEN_UP = new AtomicLong();

  /** A chunk of checks, run once, by whichever thread takes it first. */
  private static final class Chunk implements Runnable {
    private final List<Check> checks;
    private final AtomicBoolean cancelled;
    private final AtomicBoolean taken = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);

    /**
     * The chunk's first failure (its later checks are not run); read after {@link #done}. Any
     * throwable, errors included: on a pool thread an error that escaped would only end that
     * thread, and the chunk would then count as passed with its signatures never checked.
     */
    private Throwable failure;

    Chunk(List<Check> checks, AtomicBoolean cancelled) {
      this.checks = checks;
      this.cancelled = cancelled;
    }

    @Override
    public void run() {
      if (!taken.compareAndSet(false, true)) {
        return;
      }
      try {
        for (int i = 0; i < checks.size(); i++) {
          if (cancelled.get()) {
            GIVEN_UP.addAndGet(checks.size() - i); // nobody waits for the answer: see close
            break;
          }
          checks.get(i).run();
        }
      } catch (Throwable e) { // errors too: see failure
        failure = e;
      } finally {
        done.countDown();
      }
    }

    /** Waits until the thread that took it is done; true if it passed. */
    void await() {
      boolean interrupted = false;
      while (true) {
        try {
          done.await();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the checks are short: finish them, keep the interrupt
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private final boolean parallel = Runtime.getRuntime().availableProcessors() >= 2;
  private final List<Chunk> chunks = new ArrayList<>();
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private List<Check> filling = new ArrayList<>();
  private int size;
  private boolean passed;

  void add(Check check) {
    filling.add(check);
    size++;
    if (filling.size() == CHUNK) {
      handOff();
    }
  }

  int size() {
    return size;
  }

  private void handOff() {
    Chunk chunk = new Chunk(filling, cancelled);
    filling = new ArrayList<>();
    chunks.add(chunk);
    if (parallel) {
      ForkJoinPool.commonPool().execute(chunk);
    }
  }

  /** {@link #GIVEN_UP}: the checks given up so far, by every run of this process. */
  static long givenUp() {
    return GIVEN_UP.get();
  }

  /**
   * Gives the checks up unless {@link #runAll} returned normally: a chunk not yet taken runs none
   * of its checks, one running stops before its next. Once given up, runAll is refused (it could no
   * longer tell a pass from checks never run).
   */
  @Override
  public void close() {
    if (!passed) {
      cancelled.set(true);
    }
  }

  /** Runs every check; throws the failure of the first failing one in the order added. */
  void runAll() throws VerificationException {
    if (cancelled.get()) {
      throw new IllegalStateException("signature checks were given up");
    }
    if (!filling.isEmpty()) {
      chunks.add(new Chunk(filling, cancelled)); // the tail: run here, below
      filling = new ArrayList<>();
    }
    for (Chunk chunk : chunks) {
      chunk.run(); // does nothing if another thread took it
    }
    for (Chunk chunk : chunks) {
      chunk.await();
      Throwable failure = chunk.failure;
      if (failure instanceof VerificationException e) {
        throw e;
      }
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      if (failure != null) { // a checked exception thrown past the compiler: never a pass
        throw new IllegalStateException("signature check failed", failure);
      }
    }
    passed = true;
  }
}
