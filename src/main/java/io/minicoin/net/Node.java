package io.minicoin.net;

import io.minicoin.chain.Blockchain;
import io.minicoin.chain.Mempool;
import io.minicoin.chain.VerificationException;
import io.minicoin.core.Amount;
import io.minicoin.core.Transaction;
import io.minicoin.crypto.Hashes;
import io.minicoin.crypto.Secp256k1;
import io.minicoin.net.wire.Message;
import io.minicoin.net.wire.NetworkAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: it listens on its port, keeps persistent connections to its peers, and handles
 * their messages one at a time on a single event thread, so the chain and the pool never see two
 * changes at once. The node's other threads (a reader and a writer per peer, the acceptor, the
 * dialer, the timers, the miner) never change the chain or the pool: they hand such work to that
 * thread. The package documentation lists each one under "Threads". Connections (accepting,
 * dialing, inbound eviction, clean-up) live in {@link Connections}, where each message goes in
 * {@link MessageDispatch}, pings in {@link PeerLiveness}, the pool file in {@link PoolFile}, the
 * version exchange in {@link Handshake}, block download and relay live in {@link BlockSync},
 * serving blocks to peers in {@link BlockServer}, transaction relay in {@link TxRelay}, mining in
 * {@link MiningLoop}, the known-node list in {@link KnownNodes}.
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

  private static final Logger log = LoggerFactory.getLogger(Node.class);

  final NodeConfig config;
  final Blockchain chain;
  final Mempool mempool = new Mempool();
  final Set<Peer> peers = new CopyOnWriteArraySet<>();

  /** The event thread: one thread, its queue unbounded (peers' readers bound what they hand it). */
  private final ThreadPoolExecutor events =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new LinkedBlockingQueue<>(),
          r -> thread(r, "node-events"));

  final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(r -> thread(r, "node-timers"));

  /**
   * Outbound dials wait here, never on the timer thread: a dead address must not stall timeouts.
   */
  final ExecutorService dialer = Executors.newSingleThreadExecutor(r -> thread(r, "node-dialer"));

  private final java.util.concurrent.CountDownLatch stopped =
      new java.util.concurrent.CountDownLatch(1);

  /** Whether {@link #loadSecp256k1Early} has started its thread. */
  private final AtomicBoolean secp256k1Loading = new AtomicBoolean();

  /** Why the node stopped by itself (a storage failure); null while it runs or if asked to stop. */
  private volatile String failure;

  final BlockSync blockSync;
  final BlockServer blockServer;
  final TxRelay txRelay;
  final KnownNodes knownNodes;
  final Handshake handshake = new Handshake(this);
  final PeerLiveness liveness = new PeerLiveness(this);
  final MessageDispatch dispatch = new MessageDispatch(this);
  private final Connections connections = new Connections(this);
  private final PoolFile poolFile = new PoolFile(this);
  final EventPublisher publisher = new EventPublisher(this);
  private final MiningLoop mining;

  /** The configured names, resolved once by {@link #listen()}. */
  volatile NodeAddresses addresses;

  private ServerSocket server;
  volatile DownloadProgress downloadProgress;
  private volatile boolean started;
  private Thread acceptor;
  private volatile boolean stopping;

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
   * Binds the port, which proves this process is the node (a second one with the same port stops
   * here), and loads the pool; connections are accepted from {@link #start} on. A caller that
   * starts other services with the node (the HTTP API) starts them between the two, as Bitcoin Core
   * starts its RPC server before it connects to the network: a service that cannot start then stops
   * the node before it has talked to anyone.
   *
   * @throws java.net.UnknownHostException if a configured name has no address
   */
  public void listen() throws IOException {
    if (server != null) {
      return;
    }
    Hashes.useDirectCompression(); // a node hashes every block it receives or serves: see there
    addresses = NodeAddresses.resolve(config);
    ServerSocket socket = new ServerSocket();
    try {
      socket.setReuseAddress(true);
      socket.setReceiveBufferSize(Peer.RECEIVE_BUFFER_BYTES); // inherited by accepted connections
      socket.bind(addresses.listen());
    } catch (IOException e) {
      socket.close();
      throw e; // not listening: a later listen or start tries again, close has nothing to close
    }
    server = socket;
    started = true; // bound: this process is the node, and owns its pool file
    poolFile.load();
    log.info(
        "node {} listening on {}, chain height {}, tip {}",
        config.port(),
        NetworkAddress.format(addresses.listen()),
        chain.tip().height(),
        chain.tip().hash());
  }

  /**
   * {@link #listen}s if that was not done, accepts connections, connects to the central node
   * (unless this is it) and starts mining if asked.
   *
   * @throws java.net.UnknownHostException if a configured name has no address
   */
  public void start() throws IOException {
    listen();
    Future<?> unused =
        timers.scheduleWithFixedDelay(
            () -> submit(blockSync::expireRequests), 5, 5, TimeUnit.SECONDS);
    unused =
        timers.scheduleWithFixedDelay(
            () -> submit(blockSync::connectGroupIfDue), 250, 250, TimeUnit.MILLISECONDS);
    long ping = PeerLiveness.pingIntervalMs;
    unused =
        timers.scheduleWithFixedDelay(
            () -> submit(liveness::pingPeers), ping, Math.max(1, ping / 4), TimeUnit.MILLISECONDS);
    acceptor = thread(() -> connections.acceptLoop(server), "node-accept");
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
   * #listen}, written by {@link #close}. Call before {@link #listen}.
   */
  public void persistPoolIn(Path file) {
    poolFile.use(file);
  }

  /**
   * Shows downloads as they go (a progress bar on a terminal, say). Call before {@link #listen}.
   */
  public void showDownloads(DownloadProgress progress) {
    this.downloadProgress = progress;
  }

  /**
   * Loads the secp256k1 library (a native library to map and self-test, ~30 ms of CPU) on a thread
   * of its own, once: called when a download starts, so the first downloaded blocks' signature
   * checks do not wait for it. Not at start: an idle node that never checks a signature would keep
   * ~4 MiB more resident for nothing.
   */
  void loadSecp256k1Early() {
    if (secp256k1Loading.compareAndSet(false, true)) {
      thread(Secp256k1::implementationName, "secp256k1-load").start();
    }
  }

  /** Opens an outbound connection and says version; returns the peer, or throws if unreachable. */
  Peer connect(InetSocketAddress address) throws IOException {
    return connections.connect(address);
  }

  /** Whether events wait for the event thread (called on it: besides the one it is running). */
  boolean hasWaitingEvents() {
    return !events.getQueue().isEmpty();
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

  /**
   * Stops the node because its chain file failed under work done outside the event thread (an HTTP
   * request that read a damaged record), as a failure on the event thread does: every later read
   * could meet the same damage, and Bitcoin Core also shuts down on a corrupted block database.
   */
  public void storageFailed(RuntimeException e) {
    fail("the chain file failed: " + e.getMessage());
  }

  /** Waits until the node has stopped, by {@link #close()} or by a failure. */
  public void awaitStopped() throws InterruptedException {
    stopped.await();
  }

  /** Why the node stopped by itself, if it did. */
  public java.util.Optional<String> failure() {
    return java.util.Optional.ofNullable(failure);
  }

  /** Drops a peer that broke the rules, saying why in the log. */
  void misbehaving(Peer p, String reason) {
    log.warn("disconnecting {}: {}", p, reason);
    p.disconnect(reason, timers);
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
    publisher.setListener(listener);
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
    submit(blockSync::connectGroup); // downloaded blocks still waiting are stored, not lost
    events.shutdown();
    boolean idle = false;
    try {
      idle = events.awaitTermination(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (idle) {
      // Blocks the event thread took after the connect above form a group of their own: connected
      // here, now that the event thread has ended (its last task happened before this).
      blockSync.connectGroup();
      poolFile.save(started);
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
