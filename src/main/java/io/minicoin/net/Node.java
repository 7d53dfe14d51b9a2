package io.minicoin.net;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.Mempool;
import io.minicoin.chain.MempoolFile;
import io.minicoin.chain.VerificationException;
import io.minicoin.core.Amount;
import io.minicoin.core.Transaction;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.net.wire.AddrMessage;
import io.minicoin.net.wire.BlockMessage;
import io.minicoin.net.wire.FrameCodec;
import io.minicoin.net.wire.GetBlocksMessage;
import io.minicoin.net.wire.GetDataMessage;
import io.minicoin.net.wire.InvMessage;
import io.minicoin.net.wire.Message;
import io.minicoin.net.wire.NetworkAddress;
import io.minicoin.net.wire.NotFoundMessage;
import io.minicoin.net.wire.PingMessage;
import io.minicoin.net.wire.PongMessage;
import io.minicoin.net.wire.RejectMessage;
import io.minicoin.net.wire.TxMessage;
import io.minicoin.net.wire.VerackMessage;
import io.minicoin.net.wire.VersionMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: it listens on its port, keeps persistent connections to its peers, and handles
 * their messages one at a time on a single event thread, so the chain and the pool never see two
 * changes at once. The node's other threads (a reader and a writer per peer, the acceptor, the
 * dialer, the timers, the miner) never change the chain or the pool: they hand such work to that
 * thread. The package documentation lists each one under "Threads". The version exchange lives in
 * {@link Handshake}, block download and relay live in {@link BlockSync}, serving blocks to peers in
 * {@link BlockServer}, transaction relay in {@link TxRelay}, mining in {@link MiningLoop}, the
 * known-node list in {@link KnownNodes}.
 */
public final class Node implements AutoCloseable {
  /**
   * Bitcoin's protocol version 70002: the newest whose every feature minicoin speaks and none it
   * lacks. It promises {@code pong} echoing the ping's nonce (BIP 31, 60001), {@code notfound} and
   * the version's relay flag (BIP 37, 70001) and {@code reject} (BIP 61, 70002), all of which
   * minicoin sends. 70012 would allow peers to send {@code sendheaders}, 70013 {@code feefilter},
   * 70014 compact blocks: messages minicoin does not know. Wireshark reads the relay flag from
   * 70002 on.
   */
  public static final int PROTOCOL_VERSION = 70002;

  /** Bitcoin Core's MIN_PEER_PROTO_VERSION: older peers are dropped, as Core does. */
  static final int MIN_PEER_PROTO_VERSION = 31800;

  /**
   * No service bits: NODE_NETWORK (1) would claim this node serves Bitcoin's block chain, which it
   * does not (a minicoin node serves its own chain to minicoin peers only, behind its own magic).
   */
  public static final long SERVICES = 0;

  /** BIP 14's form: {@code /name:version/}. */
  public static final String USER_AGENT = "/minicoin:0.1.0/";

  /**
   * Enough for a classroom. With up to 4 messages of 2 MB read ahead and 16 MB queued to send per
   * peer, it also bounds what peers can make us hold to about 1 GB.
   */
  static final int MAX_INBOUND = 40;

  static final int HANDSHAKE_TIMEOUT_S = 30;

  /**
   * Bitcoin Core's PING_INTERVAL (2 minutes) and TIMEOUT_INTERVAL (20 minutes): every peer is
   * pinged, and one that leaves a ping unanswered that long is dropped. Not final: tests shorten
   * them.
   */
  static volatile long pingIntervalMs = 2 * 60_000;

  static volatile long pingTimeoutMs = 20 * 60_000;
  private static final Logger log = LoggerFactory.getLogger(Node.class);

  final NodeConfig config;
  final Blockchain chain;
  final Mempool mempool = new Mempool();
  final Set<Peer> peers = new CopyOnWriteArraySet<>();
  private final ExecutorService events =
      Executors.newSingleThreadExecutor(r -> thread(r, "node-events"));
  final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(r -> thread(r, "node-timers"));

  /**
   * Outbound dials wait here, never on the timer thread: a dead address must not stall timeouts.
   */
  final ExecutorService dialer = Executors.newSingleThreadExecutor(r -> thread(r, "node-dialer"));

  private final java.util.concurrent.CountDownLatch stopped =
      new java.util.concurrent.CountDownLatch(1);

  /** Why the node stopped by itself (a storage failure); null while it runs or if asked to stop. */
  private volatile String failure;

  final BlockSync blockSync;
  final BlockServer blockServer;
  final TxRelay txRelay;
  final KnownNodes knownNodes;
  private final Handshake handshake = new Handshake(this);
  private final MiningLoop mining;

  /** The configured names, resolved once by {@link #start()}. */
  volatile NodeAddresses addresses;

  private ServerSocket server;
  private Path poolFile;
  volatile DownloadProgress downloadProgress;
  private volatile boolean started;
  private Thread acceptor;
  private volatile boolean stopping;
  private volatile NodeListener listener;

  public Node(NodeConfig config, Blockchain chain) {
    this.config = config;
    this.chain = chain;
    this.blockSync = new BlockSync(this);
    this.blockServer = new BlockServer(this);
    this.txRelay = new TxRelay(this);
    this.knownNodes = new KnownNodes(this);
    this.mining = config.miner().map(a -> new MiningLoop(this, a)).orElse(null);
  }

  private static Thread thread(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /**
   * Binds the port, connects to the central node (unless this is it) and starts mining if asked.
   *
   * @throws java.net.UnknownHostException if a configured name has no address
   */
  public void start() throws IOException {
    addresses = NodeAddresses.resolve(config);
    server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(addresses.listen());
    started = true; // bound: this process is the node, and owns its pool file
    loadPool();
    log.info(
        "node {} listening on {}, chain height {}, tip {}",
        config.port(),
        NetworkAddress.format(addresses.listen()),
        chain.tip().height(),
        chain.tip().hash());
    Future<?> unused =
        timers.scheduleWithFixedDelay(
            () -> submit(blockSync::expireRequests), 5, 5, TimeUnit.SECONDS);
    long ping = pingIntervalMs;
    unused =
        timers.scheduleWithFixedDelay(
            () -> submit(this::pingPeers), ping, Math.max(1, ping / 4), TimeUnit.MILLISECONDS);
    acceptor = thread(this::acceptLoop, "node-accept");
    acceptor.start();
    if (addresses.isCentral()) {
      log.info("this is the central node");
    } else {
      knownNodes.connectToCentral();
    }
    if (mining != null) {
      log.info(
          "mining to {} once the pool holds {} transactions",
          config.miner().get(),
          config.minPoolSize());
      mining.start();
    }
  }

  /**
   * Keeps the pool in {@code file} across restarts (Bitcoin Core's mempool.dat): read at {@link
   * #start}, written by {@link #close}. Call before {@link #start}.
   */
  public void persistPoolIn(Path file) {
    this.poolFile = file;
  }

  /** Shows downloads as they go (a progress bar on a terminal, say). Call before {@link #start}. */
  public void showDownloads(DownloadProgress progress) {
    this.downloadProgress = progress;
  }

  private void loadPool() {
    if (poolFile == null) {
      return;
    }
    try {
      MempoolFile.Loaded loaded = MempoolFile.load(poolFile, mempool, chain);
      if (loaded.accepted() + loaded.dropped() > 0) {
        log.info(
            "pool: {} transactions back from {}, {} no longer valid",
            loaded.accepted(),
            poolFile,
            loaded.dropped());
      }
    } catch (IOException | RuntimeException e) {
      log.warn(
          "pool: could not read {} ({}); starting with an empty pool", poolFile, e.getMessage());
    }
  }

  private void savePool() {
    if (poolFile == null || !started) {
      return;
    }
    try {
      int n = MempoolFile.save(mempool, poolFile);
      log.info("pool: saved {} transactions to {}", n, poolFile);
    } catch (IOException | RuntimeException e) {
      log.warn("pool: could not save to {}: {}", poolFile, e.getMessage());
    }
  }

  private void acceptLoop() {
    while (!stopping) {
      try {
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        addPeer(new Peer(s, false));
      } catch (SocketException e) {
        return; // closed by stop()
      } catch (IOException e) {
        log.warn("accepting a connection failed: {}", e.getMessage());
      }
    }
  }

  /** Opens an outbound connection and says version; returns the peer, or throws if unreachable. */
  Peer connect(InetSocketAddress address) throws IOException {
    Socket s = new Socket();
    s.connect(address, 3000);
    s.setTcpNoDelay(true);
    Peer p = new Peer(s, true);
    p.listenAddress = address;
    addPeer(p);
    p.send(handshake.version(p));
    return p;
  }

  private void addPeer(Peer p) {
    if (!p.isOutbound()) {
      List<Peer> inbound = peers.stream().filter(q -> !q.isOutbound() && !q.isClosing()).toList();
      if (inbound.size() >= MAX_INBOUND) {
        Peer victim = InboundEviction.select(inbound);
        if (victim == null) {
          log.warn("refusing {}: {} inbound connections, none can be evicted", p, MAX_INBOUND);
          p.close("too many connections");
          return;
        }
        log.info("evicting inbound peer {} to make room for {}", victim, p);
        victim.close("evicted: inbound connections full");
      }
    }
    peers.add(p);
    log.info("connected to {} ({})", p, p.isOutbound() ? "outbound" : "inbound");
    if (listener != null) {
      publish(new NodeEvent.PeerConnected(Instant.now(), p.id, p.toString(), p.isOutbound()));
    }
    Future<?> unused =
        timers.schedule(
            () ->
                submit(
                    () -> {
                      if (!p.versionReceived && !p.isClosed()) {
                        misbehaving(p, "no version message within " + HANDSHAKE_TIMEOUT_S + " s");
                      }
                    }),
            HANDSHAKE_TIMEOUT_S,
            TimeUnit.SECONDS);
    p.start(
        new Peer.Listener() {
          @Override
          public void onMessage(Peer peer, Message message) {
            // Decoding used every byte and refuses non-minimal encodings, so encoding the message
            // again gives back exactly the frame that arrived; done here, off the event thread.
            byte[] frame = listener != null ? FrameCodec.encode(message) : null;
            boolean queued =
                submit(
                    () -> {
                      try {
                        if (frame != null) {
                          publish(
                              new NodeEvent.PeerMessage(
                                  Instant.now(),
                                  peer.id,
                                  peer.toString(),
                                  NodeEvent.Direction.RECEIVED,
                                  message,
                                  frame));
                        }
                        handle(peer, message);
                      } finally {
                        peer.handled();
                      }
                    });
            if (!queued) {
              peer.handled(); // the node is stopping: the message is dropped, its permit is not
            }
          }

          @Override
          public void onClosed(Peer peer, String reason) {
            submit(() -> peerClosed(peer, reason));
          }

          @Override
          public void onSent(Peer peer, Message message, byte[] frame) {
            if (listener != null) {
              publish(
                  new NodeEvent.PeerMessage(
                      Instant.now(),
                      peer.id,
                      peer.toString(),
                      NodeEvent.Direction.SENT,
                      message,
                      frame));
            }
          }
        });
  }

  /**
   * Runs {@code task} on the event thread; a task that throws is logged, never fatal.
   *
   * @return false if the node is stopping and the task will not run
   */
  boolean submit(Runnable task) {
    try {
      events.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              if (Blockchain.isStorageFailure(e)) {
                fail("the chain file failed: " + e.getMessage());
              } else {
                log.error("internal error while handling an event", e);
              }
            }
          });
      return true;
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      return false; // the node is shutting down: the event no longer matters
    }
  }

  /**
   * Stops the node because it cannot go on: a storage failure would refuse every block from now on
   * while the node seemed to run. The stop runs on its own thread (it waits for this one).
   */
  void fail(String reason) {
    if (failure != null || stopping) {
      return;
    }
    failure = reason;
    log.error("{}: stopping the node", reason);
    Thread t = new Thread(this::close, "node-stop");
    t.setDaemon(false);
    t.start();
  }

  /** Waits until the node has stopped, by {@link #close()} or by a failure. */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  /** Why the node stopped by itself, if it did. */
  public java.util.Optional<String> failure() {
    return java.util.Optional.ofNullable(failure);
  }

  /** Pings every peer that finished its handshake; drops one whose last ping went unanswered. */
  private void pingPeers() {
    long now = System.nanoTime();
    for (Peer p : peers) {
      if (!p.versionReceived || p.isClosing()) {
        continue;
      }
      if (p.pingNonce != 0) {
        if (now - p.pingSentNanos > pingTimeoutMs * 1_000_000) {
          misbehaving(p, "ping timeout: no pong for " + pingTimeoutMs / 1000.0 + " s");
        }
      } else if (now - p.pingSentNanos >= pingIntervalMs * 1_000_000 || p.pingSentNanos == 0) {
        long nonce = java.util.concurrent.ThreadLocalRandom.current().nextLong() | 1;
        p.pingNonce = nonce;
        p.pingSentNanos = now;
        p.send(new PingMessage(nonce));
      }
    }
  }

  private void onPong(Peer p, PongMessage pong) {
    if (p.pingNonce != 0 && pong.nonce() == p.pingNonce) {
      p.minPingNanos = Math.min(p.minPingNanos, System.nanoTime() - p.pingSentNanos);
      p.pingNonce = 0;
    }
  }

  private void peerClosed(Peer p, String reason) {
    if (peers.remove(p)) {
      log.info("disconnected from {}: {}", p, reason);
      if (listener != null) {
        publish(new NodeEvent.PeerDisconnected(Instant.now(), p.id, p.toString(), reason));
      }
      blockSync.peerGone(p);
      if (!stopping) {
        knownNodes.peerGone(p, reason);
      }
    }
  }

  /** Drops a peer that broke the rules, saying why in the log. */
  void misbehaving(Peer p, String reason) {
    log.warn("disconnecting {}: {}", p, reason);
    p.disconnect(reason, timers);
  }

  private void handle(Peer p, Message m) {
    if (p.isClosing()) {
      return; // we said goodbye: nothing more it says counts
    }
    if (!p.versionReceived && !(m instanceof VersionMessage)) {
      misbehaving(p, "sent " + m.command() + " before version");
      return;
    }
    // One branch per permitted Message type, in the order Message lists them; the compiler
    // checks that each type exists, and the last branch catches a type added without a branch.
    if (m instanceof VersionMessage v) {
      handshake.onVersion(p, v);
    } else if (m instanceof VerackMessage) {
      // nothing to do: the version exchange is complete
    } else if (m instanceof PingMessage ping) {
      p.send(new PongMessage(ping.nonce()));
    } else if (m instanceof PongMessage pong) {
      onPong(p, pong); // liveness, and the round trip that eviction favors
    } else if (m instanceof AddrMessage a) {
      knownNodes.onAddr(p, a);
    } else if (m instanceof GetBlocksMessage g) {
      blockServer.onGetBlocks(p, g);
    } else if (m instanceof InvMessage inv) {
      blockSync.onInv(p, inv);
      txRelay.onInv(p, inv);
    } else if (m instanceof GetDataMessage g) {
      blockServer.onGetData(p, g);
      txRelay.onGetData(p, g);
    } else if (m instanceof NotFoundMessage nf) {
      blockSync.onNotFound(p, nf);
    } else if (m instanceof BlockMessage b) {
      blockSync.onBlock(p, b.block());
    } else if (m instanceof TxMessage t) {
      txRelay.onTx(p, t.tx());
    } else if (m instanceof RejectMessage r) {
      // A peer refusing what we sent: we change nothing, as Bitcoin Core only logs it.
      log.info("{} rejected {}: {} ({})", p, r.message(), r.reason(), r.code());
    } else {
      throw new IllegalStateException("no handler for " + m.getClass().getSimpleName());
    }
  }

  /** Announces to every peer that said version, except {@code source}. */
  void broadcast(Message m, Peer source) {
    for (Peer p : peers) {
      if (p != source && p.versionReceived && p.listenAddress != null) {
        p.send(m);
      }
    }
  }

  /** Called by the event thread whenever the best chain changed. */
  void tipChanged() {
    if (mining != null) {
      mining.tipChanged();
    }
  }

  void poolChanged() {
    if (mining != null) {
      mining.poolChanged();
    }
  }

  /** The chain this node follows; safe to read from any thread. */
  public Blockchain chain() {
    return chain;
  }

  /** This node's pool; safe to read from any thread. */
  public Mempool mempool() {
    return mempool;
  }

  /**
   * Validates a transaction a local user sent (the HTTP API's {@code POST /api/tx}, {@code
   * sendrawtransaction}) and, if the pool takes it, announces it to every peer. Runs on the event
   * thread like a peer's transaction, so the pool sees one change at a time.
   *
   * @return completes with the fee, or with the {@link io.minicoin.chain.VerificationException}
   *     that refused it, or with {@link IllegalStateException} when the node is stopping
   */
  public CompletableFuture<Amount> submitTransaction(Transaction tx) {
    CompletableFuture<Amount> result = new CompletableFuture<>();
    boolean queued =
        submit(
            () -> {
              try {
                result.complete(txRelay.acceptLocal(tx));
              } catch (VerificationException e) {
                result.completeExceptionally(e);
              } catch (RuntimeException e) {
                result.completeExceptionally(e);
                throw e;
              }
            });
    if (!queued) {
      result.completeExceptionally(new IllegalStateException("the node is stopping"));
    }
    return result;
  }

  /** The connected peers, oldest connection first, as {@code getpeerinfo} lists them. */
  public List<PeerInfo> peerInfo() {
    return peers.stream().map(Peer::info).sorted(Comparator.comparingLong(PeerInfo::id)).toList();
  }

  /** Whether the node is still catching up with a peer's longer chain (Core's IBD flag). */
  public boolean isDownloadingBlocks() {
    return blockSync.isSyncing();
  }

  /** The port this node listens on (its NODE_ID). */
  public int port() {
    return config.port();
  }

  /** How many connections are open now, in both directions. */
  public int peerCount() {
    return peers.size();
  }

  /**
   * Sets the one listener that hears this node's events (null: none, the default); see {@link
   * NodeListener} for what it may do.
   */
  public void setListener(NodeListener listener) {
    this.listener = listener;
  }

  /** True when someone listens: callers skip building events nobody would see. */
  boolean hasListener() {
    return listener != null;
  }

  /** Hands an event to the listener, if any; a listener that fails never harms the node. */
  void publish(NodeEvent event) {
    NodeListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.onEvent(event);
    } catch (RuntimeException e) {
      log.warn(
          "the event listener failed on {}: {}", event.getClass().getSimpleName(), e.toString());
    }
  }

  /**
   * Runs a change to the pool (a new tip, a revalidation) and, if someone listens, publishes each
   * transaction that left it: {@code mined} if a connected block holds it, else {@code otherwise}.
   */
  void changePool(Runnable change, Set<Sha256Hash> mined, String otherwise) {
    if (listener == null) {
      change.run();
      return;
    }
    List<Sha256Hash> before = mempool.entries().stream().map(e -> e.tx().txid()).toList();
    change.run();
    Instant now = Instant.now();
    for (Sha256Hash txid : before) {
      if (!mempool.contains(txid)) {
        publish(new NodeEvent.TxRemoved(now, txid, mined.contains(txid) ? "mined" : otherwise));
      }
    }
  }

  public boolean isStopping() {
    return stopping;
  }

  /** Stops cleanly: no new work, the current event finished, connections and the store closed. */
  @Override
  public void close() {
    if (stopping) {
      return;
    }
    stopping = true;
    log.info("shutting down");
    if (mining != null) {
      mining.stop();
    }
    try {
      if (server != null) {
        server.close();
        // The port is free only once the accepting thread has let go of it, so a restart can bind
        // it.
        if (acceptor != null) {
          acceptor.join(5_000);
        }
      }
    } catch (IOException ignored) {
      // closing anyway
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    peers.forEach(p -> p.close("node shutting down"));
    timers.shutdownNow();
    dialer.shutdownNow();
    events.shutdown();
    boolean idle = false;
    try {
      idle = events.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (idle) {
      savePool();
      chain.close();
      log.info("stopped");
    } else {
      // Closing LMDB under a running transaction would crash the process; leaving it open is safe,
      // since an unfinished write transaction is simply never committed.
      log.warn("stopped while a store write was still running; it will not be committed");
    }
    stopped.countDown();
  }
}
