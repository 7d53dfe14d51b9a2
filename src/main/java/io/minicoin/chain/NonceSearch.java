package io.minicoin.chain;

import io.minicoin.core.BlockHeader;
import io.minicoin.core.CompactTarget;
import io.minicoin.core.NonceScanner;
import io.minicoin.crypto.Sha256Midstate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * Multi-threaded proof-of-work search over the 32-bit nonce of a block header.
 *
 * <p>Design: the 2^32 nonces, starting at the template's nonce and wrapping around, are cut into
 * chunks of {@link #CHUNK} consecutive nonces. Worker threads (one per core by default) take the
 * next unclaimed chunk from a shared counter, so chunks are handed out in ascending order, each
 * chunk is searched in ascending order by exactly one thread, and a slow or descheduled thread does
 * not hold up the others. Each worker hashes with its own {@link NonceScanner} (two SHA-256
 * compressions per nonce, no allocation) and compares against the target without {@code
 * BigInteger}.
 *
 * <p>Every nonce of the space is tried unless the search stops early: as soon as one worker finds a
 * nonce, the others stop at the end of their current chunk (at most {@code CHUNK} hashes, about 10
 * ms), and likewise when {@code cancelled} turns true. {@code cancelled} is polled only by the
 * calling thread (every {@value #POLL_MILLIS} ms), so it need not be thread-safe. If the whole
 * space has no solution the result is {@link Outcome#EXHAUSTED}: the caller changes the header
 * (time or the coinbase extra-nonce, hence the Merkle root) and calls again.
 *
 * <p>If several nonces meet the target, any of them may be returned (in practice the first found).
 */
public final class NonceSearch {
  /** Nonces per unit of work handed to a thread; also bounds the reaction time to a stop. */
  public static final int CHUNK = 1 << 16;

  static final long POLL_MILLIS = 5;
  private static final long SPACE = 1L << 32;
  private static final LongAdder TOTAL_HASHES = new LongAdder();

  private NonceSearch() {}

  public enum Outcome {
    /** A nonce meeting the target was found. */
    FOUND,
    /** {@code cancelled} turned true, or the calling thread was interrupted. */
    CANCELLED,
    /** All 2^32 nonces were tried without success: change the time or extra-nonce. */
    EXHAUSTED
  }

  /**
   * The outcome of a search.
   *
   * @param header the solved header (differs from the template only in its nonce), if found
   * @param hashes how many nonces were tried
   * @param nanos how long the search took
   */
  public record Result(
      Outcome outcome, Optional<BlockHeader> header, long hashes, long nanos, int threads) {
    public double hashesPerSecond() {
      return nanos == 0 ? 0 : hashes * 1e9 / nanos;
    }
  }

  /** One thread per available processor. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Hashes tried by all searches in this JVM so far (for hash-rate logs). */
  public static long totalHashes() {
    return TOTAL_HASHES.sum();
  }

  /** Which SHA-256 implementation the search uses (see {@link Sha256Midstate#implementation()}). */
  public static String implementation() {
    return Sha256Midstate.implementation();
  }

  /**
   * Searches for a nonce with {@link #defaultThreads()} threads.
   *
   * @return the solved header, or empty if cancelled or if the nonce space is exhausted
   */
  public static Optional<BlockHeader> solve(BlockHeader template, BooleanSupplier cancelled) {
    return search(template, defaultThreads(), cancelled).header();
  }

  /**
   * Searches for a nonce with {@code threads} threads.
   *
   * @return the solved header, or empty if cancelled or if the nonce space is exhausted
   */
  public static Optional<BlockHeader> solve(
      BlockHeader template, int threads, BooleanSupplier cancelled) {
    return search(template, threads, cancelled).header();
  }

  /**
   * Searches all 2^32 nonces, starting at the template's and ascending (wrapping around), for one
   * whose header hash meets the target of the template's {@code bits}. Blocks until found,
   * cancelled or exhausted.
   *
   * @throws IllegalArgumentException if {@code threads < 1} or the template's bits are invalid
   */
  public static Result search(BlockHeader template, int threads, BooleanSupplier cancelled) {
    return search(template, threads, cancelled, SPACE);
  }

  /**
   * As {@link #search(BlockHeader, int, BooleanSupplier)} over only {@code space} nonces (tests).
   */
  static Result search(BlockHeader template, int threads, BooleanSupplier cancelled, long space) {
    if (space < 1 || space > SPACE) {
      throw new IllegalArgumentException("nonce space out of range: " + space);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    CompactTarget.decode(template.bits()); // invalid bits fail here, not in every worker
    long start = System.nanoTime();
    Search s = new Search(template, threads, space);

    List<Thread> workers = new ArrayList<>(threads);
    for (int t = 0; t < threads; t++) {
      Thread w = new Thread(s::work, "pow-" + t);
      w.setDaemon(true);
      workers.add(w);
    }
    CountDownLatch done = s.done;
    workers.forEach(Thread::start);

    boolean interrupted = false;
    boolean wasCancelled = false;
    try {
      while (!done.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        if (cancelled.getAsBoolean()) {
          wasCancelled = true;
          break;
        }
      }
    } catch (InterruptedException e) {
      interrupted = true;
      wasCancelled = true;
    } finally {
      s.stop = true;
      for (Thread w : workers) {
        while (true) {
          try {
            w.join();
            break;
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    long nanos = System.nanoTime() - start;
    if (s.failure.get() != null) {
      throw new IllegalStateException("proof-of-work worker failed", s.failure.get());
    }
    long hashes = s.hashes.sum();
    Long nonce = s.found.get();
    if (nonce != null) {
      BlockHeader solved = template.withNonce(nonce.intValue());
      if (!solved.meetsOwnTarget()) {
        throw new IllegalStateException(
            "bug: nonce " + nonce + " does not meet the target of " + solved);
      }
      return new Result(Outcome.FOUND, Optional.of(solved), hashes, nanos, threads);
    }
    Outcome outcome = wasCancelled || s.next.get() < space ? Outcome.CANCELLED : Outcome.EXHAUSTED;
    return new Result(outcome, Optional.empty(), hashes, nanos, threads);
  }

  /** State shared by the workers of one search. */
  private static final class Search {
    final BlockHeader template;
    final int firstNonce;

    /** Offset from {@code firstNonce} of the next unclaimed chunk. */
    final AtomicLong next = new AtomicLong();

    final AtomicReference<Long> found = new AtomicReference<>();
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    final LongAdder hashes = new LongAdder();
    volatile boolean stop;
    final CountDownLatch done;
    final long space;

    Search(BlockHeader template, int threads, long space) {
      this.space = space;
      this.template = template;
      this.firstNonce = template.nonce();
      this.done = new CountDownLatch(threads);
    }

    void work() {
      try {
        NonceScanner scanner = NonceScanner.of(template);
        while (!stop) {
          long offset = next.getAndAdd(CHUNK);
          if (offset >= space) {
            break;
          }
          int count = (int) Math.min(CHUNK, space - offset);
          int first = firstNonce + (int) offset;
          int index = scanner.scan(first, count);
          long tried = index < 0 ? count : index + 1;
          hashes.add(tried);
          TOTAL_HASHES.add(tried);
          if (index >= 0) {
            found.compareAndSet(null, (long) (first + index));
            stop = true;
          }
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
        stop = true;
      } finally {
        done.countDown();
      }
    }
  }
}
