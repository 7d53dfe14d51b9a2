package io.minicoin.net;

import static io.minicoin.net.TestNetwork.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.chain.Blockchain;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dial that hangs (an address that never answers) does not hold up the node's timers: dials run
 * on their own thread.
 */
class DialerThreadTest {
  @TempDir Path dir;

  private static boolean dialing(StackTraceElement[] stack) {
    for (StackTraceElement e : stack) {
      if (e.getMethodName().contains("connect") && e.getClassName().contains("Socket")) {
        return true;
      }
    }
    return false;
  }

  @Test
  void timersRunWhileADialHangs() throws Exception {
    // A listener that never accepts, its queue filled: further connection attempts get no answer
    // at all (the kernel drops their SYN), as with a dead host.
    InetAddress lo = InetAddress.getLoopbackAddress();
    try (ServerSocket deaf = new ServerSocket(0, 1, lo)) {
      List<Socket> fillers = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Socket s = new Socket();
        try {
          s.connect(new InetSocketAddress(lo, deaf.getLocalPort()), 300);
        } catch (java.io.IOException full) {
          s.close();
          break;
        }
        fillers.add(s);
      }
      Blockchain chain = newChain(dir.resolve("dial.db"));
      int port = freePort();
      NodeConfig config =
          new NodeConfig(
              port,
              "localhost",
              new HostPort("localhost", deaf.getLocalPort()),
              Optional.empty(),
              2,
              3,
              Duration.ofMillis(50));
      Node node = new Node(config, chain);
      try {
        node.start(); // its first dial fails after the connect timeout; retries are scheduled
        await(
            "a retried dial to hang",
            () ->
                Thread.getAllStackTraces().entrySet().stream()
                    .anyMatch(
                        e -> e.getKey().getName().startsWith("node-") && dialing(e.getValue())));
        // The dial waits up to 3 s; a timer stuck behind it (on the same thread) would run only
        // after that, when no other thread is dialing. So the task notes, as it runs, whether
        // another node thread is in a dial at that moment: a fact, not a race against the clock.
        CountDownLatch ran = new CountDownLatch(1);
        AtomicBoolean dialHangingMeanwhile = new AtomicBoolean();
        Future<?> unused =
            node.timers.schedule(
                () -> {
                  Thread timer = Thread.currentThread();
                  dialHangingMeanwhile.set(
                      Thread.getAllStackTraces().entrySet().stream()
                          .anyMatch(
                              e ->
                                  e.getKey() != timer
                                      && e.getKey().getName().startsWith("node-")
                                      && dialing(e.getValue())));
                  ran.countDown();
                },
                0,
                TimeUnit.MILLISECONDS);
        assertThat(ran.await(60, TimeUnit.SECONDS)).as("the timer task ran").isTrue();
        assertThat(dialHangingMeanwhile).as("a timer task runs while the dial hangs").isTrue();
      } finally {
        node.close();
        for (Socket s : fillers) {
          s.close();
        }
      }
    }
  }
}
