package io.minicoin.net;

import static io.minicoin.net.TestNetwork.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicoin.chain.Blockchain;
import io.minicoin.core.Amount;
import io.minicoin.core.Transaction;
import io.minicoin.net.wire.FrameCodec;
import io.minicoin.net.wire.Message;
import io.minicoin.testing.PcapWriter;
import io.minicoin.testing.RecordingProxy;
import io.minicoin.wallet.TransactionBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What real nodes say to each other, written to a capture file and read by Wireshark's own Bitcoin
 * dissector (tshark): every frame decodes, none is malformed, and the fields are ours. Skipped
 * where tshark is not installed ({@code apt-get install tshark}).
 */
@SuppressWarnings("try") // nodes are opened in try-with-resources to be closed, often unnamed
class WiresharkDecodesTest {
  /** The port the captured server end is given in the file: what "Decode As" is told. */
  private static final int SERVER_PORT = 3000;

  @TempDir Path dir;

  @Test
  void everyFrameRealNodesExchangeDecodesInWiresharkAndNoneIsMalformed() throws Exception {
    Assumptions.assumeTrue(tsharkInstalled(), "tshark is not installed");
    Blockchain centralChain = newChain(dir.resolve("a.db"));
    extend(centralChain, 2);
    Blockchain walletChain = newChain(dir.resolve("w.db"));
    int a = freePort();
    int w = freePort();
    List<RecordingProxy.Segment> recorded;
    try (Node central = start(a, a, centralChain, Optional.empty());
        RecordingProxy proxy = new RecordingProxy(a);
        Node wallet = start(w, proxy.port(), walletChain, Optional.empty())) {
      await("wallet in sync", () -> walletChain.tip().height() == 2);
      var coin = centralChain.unspentOf(ALICE_ADDR);
      Transaction pay = TransactionBuilder.pay(ALICE, coin, BOB_ADDR, Amount.coins(1), Amount.ZERO);
      Transaction conflict =
          TransactionBuilder.pay(ALICE, coin, BOB_ADDR, Amount.coins(2), Amount.ZERO);
      List<HostPort> via = List.of(new HostPort("127.0.0.1", proxy.port()));
      TransactionSender.submit(pay, via, Duration.ofSeconds(10));
      assertThatThrownBy(() -> TransactionSender.submit(conflict, via, Duration.ofSeconds(10)))
          .hasMessageContaining("txn-mempool-conflict");
      await("payment relayed to the wallet", () -> wallet.mempool.size() == 1);
      recorded = proxy.segments();
    }

    Path pcap = dir.resolve("nodes.pcap");
    new PcapWriter().add(recorded, SERVER_PORT, 50_000).write(pcap);
    Map<String, Integer> sent = commandsIn(recorded);
    assertThat(sent.keySet())
        .contains(
            "version",
            "verack",
            "addr",
            "getblocks",
            "inv",
            "getdata",
            "block",
            "tx",
            "ping",
            "pong",
            "reject");

    String malformed = tshark(pcap, "-Y", "_ws.malformed || _ws.expert.severity >= error");
    assertThat(malformed).as("frames Wireshark finds malformed").isEmpty();

    Map<String, List<String>> f =
        fields(
            pcap,
            "bitcoin.command",
            "bitcoin.version.version",
            "bitcoin.version.services",
            "bitcoin.version.relay",
            "bitcoin.version.start_height",
            "bitcoin.string.value",
            "bitcoin.address.address",
            "bitcoin.address.port");
    Map<String, Integer> decoded = new TreeMap<>();
    f.get("bitcoin.command").forEach(c -> decoded.merge(c, 1, Integer::sum));
    assertThat(decoded).as("Wireshark decoded every frame sent, as what it is").isEqualTo(sent);

    assertThat(f.get("bitcoin.version.version")).containsOnly("70002");
    assertThat(f.get("bitcoin.version.services")).containsOnly("0x0000000000000000");
    assertThat(f.get("bitcoin.version.relay")).contains("1", "0"); // nodes, and send
    assertThat(f.get("bitcoin.version.start_height")).contains("0", "2");
    assertThat(f.get("bitcoin.string.value")).contains("/minicoin:0.1.0/");
    assertThat(f.get("bitcoin.string.value"))
        .as("the reject's reason")
        .anyMatch(r -> r.startsWith("txn-mempool-conflict"));
    assertThat(f.get("bitcoin.address.address")).contains("::ffff:127.0.0.1");
    assertThat(f.get("bitcoin.address.port"))
        .as("the wallet's listening port, in its version and in the central node's addr")
        .contains(Integer.toString(w));
  }

  /** Our own decoder's count of each command in the recorded streams. */
  private static Map<String, Integer> commandsIn(List<RecordingProxy.Segment> segments)
      throws Exception {
    Map<List<Object>, ByteArrayOutputStream> streams = new java.util.LinkedHashMap<>();
    for (RecordingProxy.Segment s : segments) {
      streams
          .computeIfAbsent(
              List.of(s.connection(), s.fromClient()), k -> new ByteArrayOutputStream())
          .writeBytes(s.data());
    }
    Map<String, Integer> count = new TreeMap<>();
    for (ByteArrayOutputStream stream : streams.values()) {
      ByteArrayInputStream in = new ByteArrayInputStream(stream.toByteArray());
      while (true) {
        Message m;
        try {
          m = FrameCodec.read(in);
        } catch (EOFException end) {
          break;
        }
        count.merge(m.command(), 1, Integer::sum);
      }
    }
    return count;
  }

  /** Every value of each field, over all frames that carry Bitcoin messages. */
  private static Map<String, List<String>> fields(Path pcap, String... names) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of("-Y", "bitcoin", "-T", "fields", "-E", "occurrence=a", "-E", "separator=|"));
    args.addAll(List.of("-E", "aggregator=\t"));
    for (String n : names) {
      args.addAll(List.of("-e", n));
    }
    Map<String, List<String>> values = new java.util.HashMap<>();
    for (String n : names) {
      values.put(n, new ArrayList<>());
    }
    for (String line : tshark(pcap, args.toArray(String[]::new)).split("\n", -1)) {
      String[] columns = line.split("\\|", -1);
      for (int i = 0; i < names.length && i < columns.length; i++) {
        for (String v : columns[i].split("\t", -1)) {
          if (!v.isBlank()) {
            values.get(names[i]).add(v.strip());
          }
        }
      }
    }
    return values;
  }

  private static String tshark(Path pcap, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString()));
    cmd.addAll(List.of("-d", "tcp.port==" + SERVER_PORT + ",bitcoin"));
    cmd.addAll(Arrays.asList(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("tshark's exit status").isZero();
    return out.strip();
  }

  private static boolean tsharkInstalled() {
    for (String d :
        System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator, -1)) {
      if (Files.isExecutable(Path.of(d, "tshark"))) {
        return true;
      }
    }
    return false;
  }
}
