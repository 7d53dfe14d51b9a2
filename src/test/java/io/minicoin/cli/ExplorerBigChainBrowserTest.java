package io.minicoin.cli;

import static io.minicoin.testing.ChainBuilder.ALICE;
import static io.minicoin.testing.ChainBuilder.MINER;
import static io.minicoin.testing.ChainBuilder.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.minicoin.core.Block;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import io.minicoin.testing.ChainBuilder;
import io.minicoin.testing.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The explorer on things too big to show whole, in a real headless Chromium on a real node process:
 * an address with more unspent outputs than a page lists, and a block with more transactions than
 * its Merkle tree can draw.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplorerBigChainBrowserTest {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final int BLOCKS = 260;
  static final int BIG_BLOCK_TXS = 80;

  @TempDir static Path dir;
  int http;
  String bigBlock;
  String txid57;
  int minerCoins;
  NodeProcess node;
  ChromeDriver browser;
  WebDriverWait wait;

  @BeforeAll
  void aLongChainANodeAndABrowser() throws Exception {
    assumeTrue(
        HeadlessChromium.installed(),
        "browser tests need Debian's chromium and chromium-driver (.ci/run installs them)");
    int port = Ports.free();
    http = Ports.free();
    try (ChainBuilder chain = ChainBuilder.onDisk(dir.resolve("blockchain_" + port + ".db"))) {
      chain.extend(chain.tip(), BLOCKS);
      List<Transaction> txs = new ArrayList<>();
      for (UnspentOutput c : chain.chain().unspentOf(address(MINER)).subList(0, BIG_BLOCK_TXS)) {
        txs.add(
            ChainBuilder.signed(MINER, List.of(c), List.of(TxOut.to(address(ALICE), c.value()))));
      }
      Block big = chain.mineOnTip(txs.toArray(Transaction[]::new));
      bigBlock = big.hash().toString();
      txid57 = big.txids().get(57).toString();
      minerCoins = chain.chain().unspentOf(address(MINER)).size();
    }
    node =
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
    node.awaitLine("HTTP API", WAIT);
    browser = HeadlessChromium.start();
    wait = new WebDriverWait(browser, WAIT);
    wait.ignoring(StaleElementReferenceException.class);
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (node != null) {
      node.stop();
    }
  }

  private void open(String path) {
    browser.get("http://127.0.0.1:" + http + path);
    wait.until(d -> d.findElement(By.tagName("html")).getAttribute("data-drawn") != null);
    assertThat(browser.findElements(By.cssSelector("main .card.error"))).isEmpty();
  }

  private String text(String css) {
    return wait.until(d -> d.findElement(By.cssSelector(css)).getText());
  }

  private long rows(String css) {
    return (Long)
        ((JavascriptExecutor) browser)
            .executeScript("return document.querySelectorAll(arguments[0]).length;", css);
  }

  @Test
  void theAddressPageListsAPageOfUnspentOutputsAndTheNextOnAsk() throws Exception {
    assertThat(minerCoins).isGreaterThan(100);
    open("/address/" + address(MINER));
    assertThat(rows("table.utxos tbody tr")).isEqualTo(100);
    assertThat(text("#utxo-count")).isEqualTo("100 of " + minerCoins + " shown, newest first.");
    browser.findElement(By.id("utxo-more")).click();
    wait.until(d -> rows("table.utxos tbody tr") == minerCoins);
    assertThat(text("#utxo-count"))
        .isEqualTo(minerCoins + " of " + minerCoins + " shown, newest first.");
    assertThat(browser.findElements(By.id("utxo-more"))).isEmpty();
    screenshot("explorer-address.png");
  }

  @Test
  void aFailedPageIsSaidAndADoubleClickAsksForTheNextPageOnce() throws Exception {
    open("/address/" + address(MINER));
    JavascriptExecutor js = (JavascriptExecutor) browser;
    // Count the page's asks for coins; the first one goes to a path the node refuses (a real
    // 400 from the node), as a page that fails to come.
    js.executeScript(
        "const real = window.fetch; window.utxoAsks = 0;"
            + "window.fetch = (u, o) => {"
            + "  if (String(u).includes('/explorer/utxo/')) {"
            + "    window.utxoAsks++;"
            + "    if (window.utxoAsks === 1) return real('/explorer/utxo/not-an-address', o);"
            + "  }"
            + "  return real(u, o); };");
    browser.findElement(By.id("utxo-more")).click();
    wait.until(d -> !d.findElement(By.id("utxo-more-error")).getText().isEmpty());
    assertThat(text("#utxo-more-error")).startsWith("Could not load this: ");
    assertThat(rows("table.utxos tbody tr")).isEqualTo(100);
    wait.until(d -> d.findElement(By.id("utxo-more")).isEnabled());
    // Two clicks before the page comes: one ask, its rows added once.
    js.executeScript("const b = document.getElementById('utxo-more'); b.click(); b.click();");
    assertThat((Long) js.executeScript("return window.utxoAsks;")).isEqualTo(2);
    wait.until(d -> d.findElements(By.id("utxo-more")).isEmpty());
    assertThat(rows("table.utxos tbody tr")).isEqualTo(minerCoins);
    assertThat(text("#utxo-count"))
        .isEqualTo(minerCoins + " of " + minerCoins + " shown, newest first.");
    assertThat((Long) js.executeScript("return window.utxoAsks;")).isEqualTo(2);
    @SuppressWarnings("unchecked")
    List<String> outputs =
        (List<String>)
            js.executeScript(
                "return [...document.querySelectorAll('table.utxos tbody tr td:first-child')]"
                    + ".map(td => td.textContent);");
    assertThat(outputs).doesNotHaveDuplicates();
  }

  @Test
  void aBlockTooWideToDrawShowsTheMerkleBranchOfAChosenTransaction() throws Exception {
    open("/block/" + bigBlock);
    int all = BIG_BLOCK_TXS + 1;
    assertThat(text("#merkle-cut")).contains("This block has " + all + " transactions");
    // The drawing starts at the level of 41 hashes; no leaf (txid) boxes are drawn.
    assertThat(rows("svg.merkle .leaf")).isZero();
    assertThat(rows("svg.merkle g.node")).isEqualTo(41 + 21 + 11 + 6 + 3 + 2 + 1);
    // The coinbase's branch first: seven steps up to the header's root, checked.
    assertThat(text("#merkle-branch h3")).isEqualTo("The Merkle branch of transaction #0");
    assertThat(rows("table.branch-steps tbody tr")).isEqualTo(7);
    assertThat(text("#merkle-branch-result")).startsWith("✔");

    pick("57");
    wait.until(d -> d.findElement(By.cssSelector("#merkle-branch h3")).getText().endsWith("#57"));
    assertThat(browser.findElement(By.cssSelector("#merkle-branch a")).getText()).isEqualTo(txid57);
    assertThat(text("#merkle-branch-result")).startsWith("✔");
    // Its path is marked in the drawing: one box per drawn level.
    assertThat(rows("svg.merkle g.node.onpath")).isEqualTo(7);
    screenshot("explorer-merkle-branch.png");

    pick(txid57.substring(0, 10));
    assertThat(text("#merkle-pick-error"))
        .isEqualTo("Give a transaction number or a 64-digit txid.");
    pick("999");
    wait.until(
        d -> d.findElement(By.id("merkle-pick-error")).getText().contains("81 transactions"));

    // In Chinese too (the page is drawn again, with the coinbase's branch).
    browser.findElement(By.id("lang-zh")).click();
    try {
      wait.until(
          d -> d.findElement(By.cssSelector("#merkle-branch h3")).getText().equals("交易 #0 的默克尔分支"));
      assertThat(text("#merkle-cut")).startsWith("这个区块有 81 笔交易");
      assertThat(text("#merkle-branch-result")).startsWith("✔ 最后的父节点就是区块头里的默克尔根");
    } finally {
      browser.findElement(By.id("lang-en")).click();
    }
  }

  /** Saves what the browser shows under target/screenshots, for a person to look at. */
  private void screenshot(String name) throws Exception {
    Path shots = Path.of(System.getProperty("user.dir"), "target", "screenshots");
    Files.createDirectories(shots);
    Files.write(shots.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
  }

  private void pick(String what) {
    var box = browser.findElement(By.id("merkle-pick"));
    box.clear();
    box.sendKeys(what, Keys.ENTER);
  }
}
