package io.minicoin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.minicoin.core.Block;
import io.minicoin.core.BlockHeader;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.net.Node;
import io.minicoin.net.wire.BlockMessage;
import io.minicoin.net.wire.FrameCodec;
import io.minicoin.net.wire.NetworkAddress;
import io.minicoin.net.wire.PingMessage;
import io.minicoin.net.wire.PongMessage;
import io.minicoin.net.wire.VerackMessage;
import io.minicoin.net.wire.VersionMessage;
import io.minicoin.testing.Ports;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The explorer in a real headless Chromium, on two real node processes started as a user starts
 * them: a central node (whose explorer the browser opens) and a miner that mines as soon as one
 * transaction arrives. Transactions are sent with the real command line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExplorerBrowserTest {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final Pattern ADDRESS = Pattern.compile("(1[1-9A-HJ-NP-Za-km-z]{25,34})");
  static final Pattern TXID = Pattern.compile("\\b([0-9a-f]{64})\\b");

  @TempDir static Path dir;
  int central;
  int miner;
  int explorerPort;
  String centralAddress;
  String walletAddress;
  String firstTxid;
  NodeProcess centralNode;
  NodeProcess minerNode;
  ChromeDriver browser;
  WebDriverWait wait;

  @BeforeAll
  void twoNodesAndABrowser() throws Exception {
    assumeTrue(
        HeadlessChromium.installed(),
        "browser tests need Debian's chromium and chromium-driver (.ci/run installs them)");
    central = Ports.free();
    miner = Ports.free();
    explorerPort = Ports.free();
    centralAddress = address(cli(central, "createwallet"));
    walletAddress = address(cli(central, "createwallet"));
    String minerAddress = address(cli(miner, "createwallet"));
    cli(central, "createblockchain", "-address", centralAddress, "-bits", "0x207fffff");
    Files.copy(
        dir.resolve("blockchain_" + central + ".db"),
        dir.resolve("blockchain_" + miner + ".db"),
        StandardCopyOption.REPLACE_EXISTING);
    Matcher m =
        TXID.matcher(
            cli(
                central,
                "send",
                "-from",
                centralAddress,
                "-to",
                walletAddress,
                "-amount",
                "3",
                "-mine"));
    assertThat(m.find()).isTrue();
    firstTxid = m.group(1);
    String centralHost = "localhost:" + central;
    centralNode =
        NodeProcess.start(
            dir,
            central,
            dir.resolve("central.log"),
            null,
            "startnode",
            "-central",
            centralHost,
            "-rpcport",
            Integer.toString(explorerPort));
    centralNode.awaitLine("HTTP API", WAIT);
    minerNode =
        NodeProcess.start(
            dir,
            miner,
            dir.resolve("miner.log"),
            null,
            "startnode",
            "-central",
            centralHost,
            "-miner",
            minerAddress,
            "-min-txs",
            "1",
            "-rpcport",
            Integer.toString(Ports.free()));
    minerNode.awaitLine("in sync at height 1", WAIT);
    browser = HeadlessChromium.start();
    // Live pages (home, pool, peers) redraw when the node's events say so: an element found a
    // moment ago may be gone. Waits find their elements again on each try.
    wait = new WebDriverWait(browser, WAIT);
    wait.ignoring(StaleElementReferenceException.class);
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    for (NodeProcess p : new NodeProcess[] {minerNode, centralNode}) {
      if (p != null) {
        p.stop();
      }
    }
  }

  private String cli(int node, String... args) throws Exception {
    return NodeProcess.run(dir, node, args);
  }

  private static String address(String output) {
    Matcher m = ADDRESS.matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return m.group(1);
  }

  private String url(String path) {
    return "http://127.0.0.1:" + explorerPort + path;
  }

  private WebElement await(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  private void awaitText(String css, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
  }

  private void open(String path) {
    browser.get(url(path));
    // Each page marks html[data-drawn] once its data is drawn (or an error card is shown).
    wait.until(d -> d.findElement(By.tagName("html")).getAttribute("data-drawn") != null);
    assertThat(js("return document.querySelector('main .card.error') === null"))
        .as(() -> "error card on " + path + ": " + text("main"))
        .isEqualTo(true);
  }

  /** The text of the element {@code css} names, found afresh (a live page may have redrawn it). */
  private String text(String css) {
    return wait.until(d -> d.findElement(By.cssSelector(css)).getText());
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  /** Clicks the element {@code css} names, found afresh until the click lands. */
  private void click(String css) {
    wait.until(
        d -> {
          d.findElement(By.cssSelector(css)).click();
          return true;
        });
  }

  /**
   * Saves what the browser shows under target/screenshots, or, with {@code
   * -Dexplorer.screenshots=docs}, over the README's pictures in docs/ (then commit them).
   */
  private void screenshot(String name) throws Exception {
    Path docs =
        Path.of(
            System.getProperty("user.dir"),
            "docs".equals(System.getProperty("explorer.screenshots"))
                ? "docs"
                : "target/screenshots");
    Files.createDirectories(docs);
    Files.write(docs.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  @Order(1)
  void everyPageOpensOnARealNode() {
    open("/");
    awaitText("#stat-height", "1");
    wait.until(d -> d.findElements(By.cssSelector("table.blocks tbody tr")).size() == 2);
    for (String page : List.of("/mempool", "/peers", "/protocol", "/block-height/0")) {
      open(page);
    }
    open("/peers");
    awaitText("table.peers", "/minicoin:");
    // "Last message": each way, the message's command and how long ago ("↓ inv, 3 s ago").
    assertThat(text("table.peers .last-messages"))
        .matches("↓ [a-z]+, \\d+ s ago ↑ [a-z]+, \\d+ s ago");
    open("/block-height/0");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Block 0");
  }

  @Test
  @Order(2)
  void linksLeadFromABlockToItsTransactionToAnAddress() throws Exception {
    open("/");
    click("table.blocks tbody tr:first-child td:nth-child(2) a");
    wait.until(ExpectedConditions.urlContains("/block/"));
    await("#pow-result");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Block 1");
    assertThat(browser.findElement(By.id("pow-result")).getAttribute("class")).isEqualTo("ok");
    // The Merkle tree: two transaction leaves and their root, which the header names.
    assertThat(browser.findElements(By.cssSelector("svg.merkle .leaf"))).hasSize(2);
    String root =
        browser.findElement(By.cssSelector("svg.merkle .root title")).getAttribute("textContent");
    assertThat(browser.findElement(By.cssSelector("dl.facts")).getText()).contains(root);

    browser.findElement(By.cssSelector(".txlist a[href='/tx/" + firstTxid + "']")).click();
    wait.until(ExpectedConditions.urlContains("/tx/" + firstTxid));
    await("#tx-status");
    assertThat(browser.findElement(By.id("tx-status")).getText())
        .contains("1 confirmation, in block 1");
    String page = browser.findElement(By.id("main")).getText();
    assertThat(page).containsPattern("OP_DUP OP_HASH160 [0-9a-f]{40} OP_EQUALVERIFY OP_CHECKSIG");
    // The raw transaction, field by field: version first, lock time last.
    List<WebElement> parts = browser.findElements(By.cssSelector(".raw .part"));
    assertThat(parts.get(0).getAttribute("title")).isEqualTo("version");
    assertThat(parts.get(0).getText()).isEqualTo("01000000");
    assertThat(parts.get(parts.size() - 1).getAttribute("title")).isEqualTo("lock time");
    // And the same parts one per row, named, with their sizes: a reader's table of the format.
    List<WebElement> rows = browser.findElements(By.cssSelector("#raw-fields tbody tr"));
    assertThat(rows).hasSize(parts.size());
    assertThat(rows.get(0).getText()).isEqualTo("version 4 01000000");
    assertThat(rows.get(1).getText()).isEqualTo("Inputs count 1 01");
    assertThat(rows.get(rows.size() - 1).getText()).startsWith("lock time 4 ");
    screenshot("explorer-tx.png");

    browser.findElement(By.cssSelector("a[href='/address/" + walletAddress + "']")).click();
    wait.until(ExpectedConditions.urlContains("/address/" + walletAddress));
    awaitText("#balance", "3 MINI");
    assertThat(browser.findElement(By.id("main")).getText()).contains(firstTxid.substring(0, 10));
  }

  @Test
  @Order(3)
  void theSearchBoxFindsHeightsBlocksTransactionsAndAddresses() {
    open("/");
    search("1");
    wait.until(ExpectedConditions.urlToBe(url("/block-height/1")));
    await("#pow-result");
    search(firstTxid);
    wait.until(ExpectedConditions.urlToBe(url("/tx/" + firstTxid)));
    await("#tx-status");
    search(walletAddress);
    wait.until(ExpectedConditions.urlToBe(url("/address/" + walletAddress)));
    await("#balance");
    search("no-such-thing");
    WebElement error = await("#search-error");
    assertThat(error.getText()).contains("no-such-thing");
  }

  private static String numberText(int n) {
    return String.format(java.util.Locale.US, "%,d", n);
  }

  private void search(String q) {
    WebElement box = await("#search-input");
    box.clear();
    box.sendKeys(q, Keys.ENTER);
  }

  @Test
  @Order(4)
  void theLanguageSwitchesToChineseAndBack() {
    open("/");
    await("#stat-height");
    browser.findElement(By.id("lang-zh")).click();
    awaitText("main h1", "节点概况");
    assertThat(browser.findElement(By.cssSelector("header nav a[href='/']")).getText())
        .isEqualTo("首页");
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
    browser.navigate().refresh(); // the choice is remembered
    awaitText("main h1", "节点概况");
    browser.findElement(By.id("lang-en")).click();
    awaitText("main h1", "The node at a glance");
  }

  /**
   * An id as the diagram labels it: its leading zeros and four more digits (a txid starting with 0,
   * one in sixteen, shows five characters).
   */
  private static String shortId(String hex) {
    int zeros = 0;
    while (zeros < hex.length() && hex.charAt(zeros) == '0') {
      zeros++;
    }
    return hex.substring(0, zeros + 4) + "…";
  }

  @Test
  @Order(5)
  void theProtocolViewShowsASendAndAMinedBlockLiveWithoutAReload() throws Exception {
    open("/protocol");
    // The event stream, not the polling fallback.
    wait.until(d -> d.findElement(By.id("proto-live")).getText().equals("● live"));
    js("window.stillTheSamePage = true;");
    String sent =
        cli(central, "send", "-from", centralAddress, "-to", walletAddress, "-amount", "1");
    Matcher m = TXID.matcher(sent);
    assertThat(m.find()).as(sent).isTrue();
    // The central node: the client's tx arrives, inv goes to the miner, which asks with getdata
    // and gets the tx; the miner's block comes back the same way.
    for (String arrow :
        List.of(
            "g.arrow[data-command='tx'][data-dir='in']",
            "g.arrow[data-command='inv'][data-dir='out']",
            "g.arrow[data-command='getdata'][data-dir='in']",
            "g.arrow[data-command='tx'][data-dir='out']",
            "g.arrow[data-command='inv'][data-dir='in']",
            "g.arrow[data-command='getdata'][data-dir='out']",
            "g.arrow[data-command='block'][data-dir='in']")) {
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(arrow)));
    }
    wait.until(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("g.note[data-kind='tip']")));
    assertThat(js("return window.stillTheSamePage === true;")).isEqualTo(true);
    // The announcement of our transaction, labelled with its kind and the start of its id.
    // (Read in one script: the diagram keeps drawing as events arrive.)
    assertThat(
            js(
                "return [...document.querySelectorAll("
                    + "\"g.arrow[data-command='inv'][data-dir='out'] .label\")]"
                    + ".map(e => e.textContent).join('\\n')"))
        .asString()
        .contains("inv tx " + shortId(m.group(1)));

    // Click the block: its decoded header and the frame's bytes, magic first.
    js(
        "const b = document.querySelectorAll(\"g.arrow[data-command='block'][data-dir='in']\");"
            + "b[b.length - 1].dispatchEvent(new MouseEvent('click', {bubbles: true}));");
    awaitText("#proto-fields", "merkleRoot");
    assertThat(browser.findElement(By.cssSelector("#proto-frame .frame-magic")).getText())
        .isEqualTo("6d696e69");
    assertThat(browser.findElement(By.cssSelector("#proto-frame .frame-command")).getText())
        .startsWith("626c6f636b"); // "block"
    screenshot("explorer-protocol.png");

    // Filter: hiding inv removes its arrows; clear empties the diagram (the nodes' pings may
    // draw new arrows after it, but nothing from before stays).
    click("#proto-filters input[data-command='inv']");
    assertThat(browser.findElements(By.cssSelector("g.arrow[data-command='inv']"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector("g.arrow[data-command='block']"))).isNotEmpty();
    click("#proto-clear");
    assertThat(
            browser.findElements(
                By.cssSelector("g.arrow[data-command='block'], g.arrow[data-command='tx']")))
        .isEmpty();
    // Pause: what happens meanwhile waits (and says how much), and is drawn on resume.
    click("#proto-filters input[data-command='inv']"); // show inv again
    click("#proto-pause");
    cli(central, "send", "-from", centralAddress, "-to", walletAddress, "-amount", "1");
    wait.until(d -> d.findElement(By.id("proto-waiting")).getText().matches("\\d+ waiting.*"));
    assertThat(browser.findElements(By.cssSelector("g.arrow[data-command='tx']"))).isEmpty();
    assertThat(text("#proto-pause")).isEqualTo("Resume");
    click("#proto-pause");
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("g.arrow[data-command='tx'][data-dir='in']")));
    assertThat(text("#proto-waiting")).doesNotContain("waiting");
  }

  @Test
  @Order(7)
  void theHomePageFollowsANewBlockWithoutAReload() throws Exception {
    open("/");
    int height = Integer.parseInt(text("#stat-height .value").replace(",", ""));
    js("window.stillTheSamePage = true;");
    cli(central, "send", "-from", centralAddress, "-to", walletAddress, "-amount", "1");
    // The miner mines it; the page redraws the height, the latest blocks and the pool by itself.
    wait.until(
        d ->
            d.findElement(By.cssSelector("#stat-height .value"))
                .getText()
                .equals(numberText(height + 1)));
    wait.until(
        d ->
            d.findElement(By.cssSelector("table.blocks tbody tr:first-child td:first-child"))
                .getText()
                .equals(numberText(height + 1)));
    assertThat(js("return window.stillTheSamePage === true;")).isEqualTo(true);
  }

  @Test
  @Order(6)
  void aUserAgentFullOfHtmlIsShownAsText() throws Exception {
    String hostile =
        "<img src=x onerror=\"window.pwned=1\"><b>bold</b><script>window.pwned=2</script>";
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), central), 5000);
      OutputStream out = s.getOutputStream();
      out.write(
          FrameCodec.encode(
              new VersionMessage(
                  Node.PROTOCOL_VERSION,
                  0,
                  System.currentTimeMillis() / 1000,
                  NetworkAddress.NONE,
                  NetworkAddress.NONE,
                  42,
                  hostile,
                  0,
                  false)));
      out.flush();
      open("/peers");
      // The user agent appears as text, in a cell with no element inside; the table has no
      // img or b (each check one script, as the live table redraws).
      wait.until(
          d ->
              Boolean.TRUE.equals(
                  js(
                      "return [...document.querySelectorAll('table.peers code.useragent')]"
                          + ".some(e => e.textContent === arguments[0]"
                          + " && e.children.length === 0);",
                      hostile)));
      assertThat(js("return document.querySelectorAll('table.peers img, table.peers b').length"))
          .isEqualTo(0L);
      open("/protocol");
      wait.until(
          ExpectedConditions.presenceOfElementLocated(
              By.cssSelector("g.arrow[data-command='version'][data-dir='in']")));
      assertThat(js("return window.pwned === undefined;")).isEqualTo(true);
    }
  }

  @Test
  @Order(8)
  void aFloodOfMessagesIsDrawnInBatchesAndThePageKeepsUp() throws Exception {
    open("/protocol");
    wait.until(d -> d.findElement(By.id("proto-live")).getText().equals("● live"));
    js("window.stillTheSamePage = true;");
    int pings = 5_000; // and as many pongs back: 10,000 events in about a second
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), central), 5000);
      OutputStream out = new BufferedOutputStream(s.getOutputStream());
      out.write(
          FrameCodec.encode(
              new VersionMessage(
                  Node.PROTOCOL_VERSION,
                  0,
                  System.currentTimeMillis() / 1000,
                  NetworkAddress.NONE,
                  NetworkAddress.NONE,
                  43,
                  "/flood:1/",
                  0,
                  false)));
      out.write(FrameCodec.encode(new VerackMessage()));
      for (int i = 0; i < pings; i++) {
        out.write(FrameCodec.encode(new PingMessage(i)));
      }
      out.flush();
      // Every pong has come back: the node has published all the flood's events.
      InputStream in = new BufferedInputStream(s.getInputStream());
      int pongs = 0;
      while (pongs < pings) {
        if (FrameCodec.read(in) instanceof PongMessage) {
          pongs++;
        }
      }
      long last =
          ((Number)
                  js(
                      "return fetch('/explorer/summary').then(r => r.json())"
                          + ".then(j => j.lastEvent);"))
              .longValue();
      // The page draws up to the newest event, one batch per frame, and keeps at most its
      // 1,500 latest rows (the node keeps its own 5,000; the page is told of any it missed).
      wait.until(
          d ->
              ((Number)
                          js(
                              "return Math.max(0, ...[...document.querySelectorAll("
                                  + "'#sequence [data-seq]')].map(e => Number(e.dataset.seq)));"))
                      .longValue()
                  >= last);
      assertThat((Long) js("return document.querySelectorAll('#sequence g.rows > g').length;"))
          .isLessThanOrEqualTo(1500L);
      assertThat(js("return window.stillTheSamePage === true;")).isEqualTo(true);
    }
  }

  @Test
  @Order(9)
  void aRejectedBlockAppearsOnTheNodesLifelineWithItsReason() throws Exception {
    open("/protocol");
    wait.until(d -> d.findElement(By.id("proto-live")).getText().equals("● live"));
    // A block on the tip whose header's Merkle root is wrong, mined so its proof of work holds:
    // the node refuses it with Bitcoin Core's reason.
    HttpClient http = HttpClient.newHttpClient();
    String tipHash =
        http.send(
                HttpRequest.newBuilder(URI.create(url("/api/blocks/tip/hash"))).build(),
                HttpResponse.BodyHandlers.ofString())
            .body()
            .trim();
    Block tip =
        Block.fromBytes(
            http.send(
                    HttpRequest.newBuilder(URI.create(url("/api/block/" + tipHash + "/raw")))
                        .build(),
                    HttpResponse.BodyHandlers.ofByteArray())
                .body());
    BlockHeader header =
        new BlockHeader(
            tip.header().version(),
            tip.hash(),
            Sha256Hash.of(new byte[] {1, 2, 3}),
            tip.header().time() + 1,
            tip.header().bits(),
            0);
    while (!header.meetsOwnTarget()) {
      header = header.withNonce(header.nonce() + 1);
    }
    Block bad = new Block(header, tip.transactions());
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), central), 5000);
      OutputStream out = s.getOutputStream();
      out.write(
          FrameCodec.encode(
              new VersionMessage(
                  Node.PROTOCOL_VERSION,
                  0,
                  System.currentTimeMillis() / 1000,
                  NetworkAddress.NONE,
                  NetworkAddress.NONE,
                  44,
                  "/bad-blocks:1/",
                  0,
                  false)));
      out.write(FrameCodec.encode(new VerackMessage()));
      out.write(FrameCodec.encode(new BlockMessage(bad)));
      out.flush();
      String note = "g.note[data-kind='rejected'][data-seq]";
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(note)));
      assertThat(
              js(
                  "const n = document.querySelectorAll(\""
                      + note
                      + "\");"
                      + "return n[n.length - 1].querySelector('.label').textContent;"))
          .asString()
          .startsWith("rejected block " + bad.hash().toString().substring(0, 10))
          .endsWith("bad-txnmrklroot");
    }
  }
}
