package io.minicoin.cli;

import static io.minicoin.testing.ChainBuilder.ALICE;
import static io.minicoin.testing.ChainBuilder.BOB;
import static io.minicoin.testing.ChainBuilder.MINER;
import static io.minicoin.testing.ChainBuilder.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import io.minicoin.testing.ChainBuilder;
import io.minicoin.testing.Ports;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The explorer's page-load benchmark: how long each page takes in a real headless Chromium, from
 * the start of the navigation to the page's data drawn (the page's own {@code minicoin-drawn}
 * performance mark), on a real node process serving a long chain with everything at its fullest: an
 * address holding 10,000 coins in 12,000 transactions, a block of 2,000 transactions, a full pool
 * (5,000 transactions) and a full event ring.
 *
 * <p>It prints figures and asserts none (speed is measured, never tested by a timer), so it is off
 * in the normal run. Run it with
 *
 * <pre>mvn -B -o test -Dtest=ExplorerPageLoadBenchmarkTest -Dexplorer.bench=true</pre>
 *
 * and read {@code target/explorer-page-load.txt}; {@code -Dexplorer.bench.blocks=N} changes the
 * chain's length.
 */
@EnabledIfSystemProperty(named = "explorer.bench", matches = "true")
class ExplorerPageLoadBenchmarkTest {
  static final int BLOCKS = Integer.getInteger("explorer.bench.blocks", 10_000);
  static final int BIG_BLOCK_TXS = Integer.getInteger("explorer.bench.bigblock", 2_000);
  static final int POOL_TXS =
      Integer.getInteger("explorer.bench.pool", 5_000); // Mempool.MAX_TRANSACTIONS: a full pool
  static final int WARM_UP = 3;
  static final int LOADS = 9;
  static final Amount FEE = Amount.units(1_000);
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void pageLoadTimes() throws Exception {
    assumeTrue(
        HeadlessChromium.installed(),
        "the benchmark needs Debian's chromium and chromium-driver (.ci/run installs them)");
    Path report = Path.of(System.getProperty("user.dir"), "target", "explorer-page-load.txt");
    Files.createDirectories(report.getParent());
    try (PrintStream out = new PrintStream(Files.newOutputStream(report), true, "UTF-8")) {
      run(new Tee(out, System.out));
    }
  }

  private void run(PrintStream out) throws Exception {
    int port = Ports.free();
    int http = Ports.free();
    long started = System.nanoTime();
    String bigBlock;
    String spendTx;
    List<UnspentOutput> forThePool;
    try (ChainBuilder chain = ChainBuilder.onDisk(dir.resolve("blockchain_" + port + ".db"))) {
      chain.extend(chain.tip(), BLOCKS - 2);
      // The last block: BIG_BLOCK_TXS payments, each spending one of the miner's coinbases.
      List<UnspentOutput> coins = new ArrayList<>(chain.chain().unspentOf(address(MINER)));
      List<Transaction> txs = new ArrayList<>();
      for (UnspentOutput c : coins.subList(0, BIG_BLOCK_TXS)) {
        txs.add(split(c, ALICE));
      }
      Block big = chain.mineOnTip(txs.toArray(Transaction[]::new));
      bigBlock = big.hash().toString();
      spendTx = txs.get(txs.size() / 2).txid().toString();
      forThePool = coins.subList(BIG_BLOCK_TXS, BIG_BLOCK_TXS + POOL_TXS);
    }
    out.printf(
        "Built a chain of %,d blocks in %.0f s%n", BLOCKS, (System.nanoTime() - started) / 1e9);

    NodeProcess node =
        NodeProcess.start(
            dir,
            port,
            dir.resolve("node.log"),
            null,
            "startnode",
            "-central",
            "localhost:" + port,
            "-rpcport",
            Integer.toString(http));
    ChromeDriver browser = null;
    try {
      node.awaitLine("HTTP API", WAIT);
      // A full pool, sent as any wallet sends: each payment added to the pool is also an event,
      // so the event ring fills too.
      HttpClient client = HttpClient.newHttpClient();
      started = System.nanoTime();
      for (UnspentOutput c : forThePool) {
        HttpResponse<String> r =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/api/tx"))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            HexFormat.of().formatHex(split(c, BOB).serialize())))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      }
      out.printf(
          "Sent %,d transactions to its pool in %.0f s%n",
          POOL_TXS, (System.nanoTime() - started) / 1e9);

      Map<String, String> pages = new LinkedHashMap<>();
      pages.put("home", "/");
      pages.put(String.format("block (%,d txs)", BIG_BLOCK_TXS + 1), "/block/" + bigBlock);
      pages.put("block by height", "/block-height/" + (BLOCKS / 2));
      pages.put("transaction", "/tx/" + spendTx);
      pages.put("address (the miner's)", "/address/" + address(MINER));
      pages.put(String.format("pool (%,d txs)", POOL_TXS), "/mempool");
      pages.put("peers", "/peers");
      pages.put("protocol (full ring)", "/protocol");

      browser = HeadlessChromium.start();
      out.printf(
          "%nPage load in headless Chromium, navigation start to data drawn, %d loads each:%n",
          LOADS);
      out.printf(
          "  %-24s %9s %9s %9s   %s%n",
          "page", "median", "fastest", "slowest", "its slowest request (median)");
      for (Map.Entry<String, String> p : pages.entrySet()) {
        String url = "http://127.0.0.1:" + http + p.getValue();
        for (int i = 0; i < WARM_UP; i++) {
          load(browser, url); // fills the browser's cache and warms the node's JIT
        }
        double[] ms = new double[LOADS];
        double[] request = new double[LOADS];
        String slowest = "";
        for (int i = 0; i < LOADS; i++) {
          ms[i] = load(browser, url);
          List<?> r = slowestRequest(browser);
          request[i] = ((Number) r.get(0)).doubleValue();
          slowest = String.valueOf(r.get(1));
        }
        Arrays.sort(ms);
        Arrays.sort(request);
        out.printf(
            "  %-24s %6.0f ms %6.0f ms %6.0f ms   %6.0f ms %s%n",
            p.getKey(),
            ms[LOADS / 2],
            ms[0],
            ms[LOADS - 1],
            request[LOADS / 2],
            slowest.replaceAll("[0-9a-f]{64}|1[1-9A-HJ-NP-Za-km-z]{25,34}", "…"));
      }
    } finally {
      if (browser != null) {
        browser.quit();
      }
      node.stop();
    }
  }

  /** Loads the page and answers its navigation-to-drawn time, checking that it drew its data. */
  private static double load(ChromeDriver browser, String url) {
    browser.get(url);
    new WebDriverWait(browser, WAIT)
        .until(d -> d.findElement(By.tagName("html")).getAttribute("data-drawn") != null);
    assertThat(browser.findElements(By.cssSelector("main .card.error")))
        .as(() -> "error card on " + url + ": " + browser.findElement(By.id("main")).getText())
        .isEmpty();
    Object t =
        ((JavascriptExecutor) browser)
            .executeScript("return performance.getEntriesByName('minicoin-drawn')[0].startTime;");
    return ((Number) t).doubleValue();
  }

  /**
   * The longest of the page's data requests (fetch), from sending it to its last byte: the node's
   * share of the load time; the rest is the browser's (loading the shell, parsing, drawing).
   */
  private static List<?> slowestRequest(ChromeDriver browser) {
    return (List<?>)
        ((JavascriptExecutor) browser)
            .executeScript(
                "return performance.getEntriesByType('resource')"
                    + ".filter(r => r.initiatorType === 'fetch')"
                    + ".map(r => [r.responseEnd - r.startTime, new URL(r.name).pathname])"
                    + ".reduce((a, b) => (b[0] > a[0] ? b : a), [0, '']);");
  }

  /** Spends a coin of the miner: one coin to {@code to}, the rest less the fee back. */
  private static Transaction split(UnspentOutput coin, io.minicoin.crypto.PrivateKey to) {
    return ChainBuilder.signed(
        MINER,
        List.of(coin),
        List.of(
            TxOut.to(address(to), Amount.coins(1)),
            TxOut.to(address(MINER), coin.value().minus(Amount.coins(1)).minus(FEE))));
  }

  /** Prints to two streams: the report file and the test's output. */
  private static final class Tee extends PrintStream {
    private final PrintStream second;

    Tee(PrintStream first, PrintStream second) {
      super(first, true, StandardCharsets.UTF_8);
      this.second = second;
    }

    @Override
    public void write(byte[] buf, int off, int len) {
      super.write(buf, off, len);
      second.write(buf, off, len);
    }

    @Override
    public void flush() {
      super.flush();
      second.flush();
    }
  }
}
