package io.minicoin.api;

import io.minicoin.net.NodeEvent;
import io.minicoin.net.NodeListener;
import io.minicoin.net.wire.BlockMessage;
import io.minicoin.net.wire.TxMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node's recent events, for the explorer: a ring of at most {@link #capacity} events and {@link
 * #maxBytes} bytes of message frames and the decoded blocks and transactions they hold. The node
 * only ever appends (a few field stores under a lock nobody holds for long); when the ring is full
 * the oldest events go. Readers (the event stream, one per browser) copy what they need out under
 * the same lock and do their slow work outside it, so a slow browser never slows the node: it only
 * finds, next time, that some events it had not read are gone, and is told how many.
 */
public final class EventRing implements NodeListener {
  /** An event and its number; numbers start at 1 and never repeat while the node runs. */
  public record Numbered(long seq, NodeEvent event) {}

  /** What a reader gets: the events after its cursor, and how many it missed before them. */
  public record Batch(List<Numbered> events, long missed, long last) {}

  private final int capacity;
  private final long maxBytes;
  private final Numbered[] ring;
  private long next = 1; // the number the next event gets
  private long oldest = 1; // the oldest number still held
  private long bytes;

  public EventRing(int capacity, long maxBytes) {
    if (capacity < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("capacity and maxBytes must be positive");
    }
    this.capacity = capacity;
    this.maxBytes = maxBytes;
    this.ring = new Numbered[capacity];
  }

  @Override
  public void onEvent(NodeEvent event) {
    long size = sizeOf(event);
    synchronized (this) {
      while (next - oldest >= capacity || (next > oldest && bytes + size > maxBytes)) {
        dropOldest();
      }
      ring[(int) (next % capacity)] = new Numbered(next, event);
      next++;
      bytes += size;
      notifyAll();
    }
  }

  private void dropOldest() {
    int i = (int) (oldest % capacity);
    bytes -= sizeOf(ring[i].event());
    ring[i] = null;
    oldest++;
  }

  /**
   * A decoded block or transaction held beside its frame: its objects take about 3.5 times its
   * bytes (measured on mainnet block 169482, 18,678 bytes, 66 KB decoded), so counted at 4. A block
   * sent from the store is decoded only if someone looks at it, but may be, so it counts the same.
   */
  static final int DECODED_PER_BYTE = 4;

  private static long sizeOf(NodeEvent e) {
    if (!(e instanceof NodeEvent.PeerMessage m)) {
      return 64L;
    }
    long frame = m.frame().length;
    boolean decoded = m.message() instanceof BlockMessage || m.message() instanceof TxMessage;
    return frame + (decoded ? DECODED_PER_BYTE * frame : 0) + 64L;
  }

  /**
   * The events numbered above {@code after}, at most {@code max} of them, oldest first. If some of
   * those were already dropped, {@link Batch#missed} says how many.
   */
  public synchronized Batch after(long after, int max) {
    long from = Math.max(after + 1, oldest);
    long missed = Math.max(0, oldest - (after + 1));
    if (after + 1 >= next) {
      missed = 0;
    }
    List<Numbered> out = new ArrayList<>();
    for (long s = from; s < next && out.size() < max; s++) {
      out.add(ring[(int) (s % capacity)]);
    }
    return new Batch(out, missed, next - 1);
  }

  /** The event numbered {@code seq}, if the ring still holds it. */
  public synchronized Optional<Numbered> get(long seq) {
    if (seq < oldest || seq >= next) {
      return Optional.empty();
    }
    return Optional.of(ring[(int) (seq % capacity)]);
  }

  /** The number of the newest event (0 before the first). */
  public synchronized long last() {
    return next - 1;
  }

  /**
   * Waits until an event numbered above {@code after} exists or {@code millis} pass.
   *
   * @return whether there is one
   */
  public synchronized boolean await(long after, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (next - 1 <= after) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }
}
