/**
 * The network: {@link io.minicoin.net.Node} keeps TCP connections to its peers and handles their
 * messages one at a time; block download and relay, transaction relay, the known-node list and the
 * miner each have a class of their own. The message formats live in {@code net.wire}. Talks to the
 * chain layer only, never to the store.
 *
 * <h2>Threads</h2>
 *
 * The rule that keeps this simple: <b>one thread, {@code node-events}, makes every change to the
 * chain and the pool</b>. Every other thread either only reads, or turns what it has into a task
 * and hands it to that thread with {@code Node.submit}. Reads are safe from any thread: each chain
 * read is one LMDB read transaction (a consistent snapshot, even while a block is being connected),
 * and {@link io.minicoin.chain.Mempool} is synchronized. The threads of a running node, by the name
 * a thread dump shows:
 *
 * <ul>
 *   <li><b>{@code node-events}</b> (one per node). Owns every write: accepting blocks ({@code
 *       Blockchain.accept}), the pool ({@code Mempool.accept/update/revalidate}), and all the
 *       bookkeeping of {@code BlockSync}, {@code BlockServer}, {@code TxRelay} and {@code
 *       Handshake} (requests in flight, orphan blocks, the sync peer), which no other thread
 *       changes. It runs, in order, each peer message, each timer task, the miner's found block and
 *       each transaction a local user sent. Tasks never wait for I/O: a reply is queued on the peer
 *       ({@code Peer.send}, which never blocks). A task that throws is logged; one that finds the
 *       chain file failing stops the node.
 *   <li><b>{@code peer-reader <address>}</b> (one per connection). Owns the socket's input: it
 *       decodes frames, then gives each message to the node, which submits a task for it. It reads
 *       at most {@code Peer.MAX_PENDING} units of messages (by size) ahead of the event thread (a
 *       semaphore the task releases when done), so a fast peer cannot fill memory. When the
 *       connection ends it submits the clean-up ({@code Connections.peerClosed}) too.
 *   <li><b>{@code peer-writer <address>}</b> (one per connection). Owns the socket's output: it
 *       takes encoded frames from the peer's outbox queue and writes them, so a slow peer only
 *       slows its own writer. Any thread may queue ({@code Peer.send}); a peer with too much queued
 *       is dropped.
 *   <li><b>{@code node-accept}</b>. Owns the listening socket ({@code Connections.acceptLoop}):
 *       accepts a connection, evicts an inbound peer if the inbound slots are full, adds the new
 *       peer to the peer set (a copy-on-write set every thread may read) and starts its reader and
 *       writer.
 *   <li><b>{@code node-dialer}</b>. Makes outbound connections, one at a time (a connect can wait
 *       seconds for a dead address), adds the peer like the acceptor and queues our {@code version}
 *       (the very first dial to the central node runs in {@code Node.start}, on the starting
 *       thread). Touches the known-node list, a concurrent map also used by the event thread.
 *   <li><b>{@code node-timers}</b>. Only keeps time: every timer (request expiry, a download group
 *       grown old, pings and ping timeouts, the handshake deadline, reconnect delays) hands its
 *       work to {@code node-events} or, for a dial, to {@code node-dialer}; the one thing it does
 *       itself is close the socket of a peer that was told goodbye and did not leave.
 *   <li><b>{@code miner}</b> (with {@code -miner}). Reads the pool and the tip, builds a block and
 *       searches its nonce; a found block goes to {@code node-events} as a task, and the miner
 *       waits for it to be accepted before the next round. The event thread tells it of a new tip
 *       or pool change ({@code tipChanged}, {@code poolChanged}), which cancels or wakes the
 *       search; it writes nothing itself.
 *   <li><b>{@code pow-<n>}</b> (one per core, during a search). Workers of {@link
 *       io.minicoin.chain.NonceSearch}: each hashes its own copy of the header over its own chunk
 *       of nonces and touches nothing shared but the search's counters. The thread that started the
 *       search (the miner) polls for a stop and waits for them.
 *   <li><b>{@code http-<n>}</b> (up to 16, in package {@code api}). Answer HTTP requests: JSON-RPC,
 *       the REST API, the explorer. They read the chain, the pool and the peer list; a transaction
 *       a user sends goes to {@code node-events} ({@code Node.submitTransaction}) and the handler
 *       waits for the verdict; wallet calls change only the wallet file, under its file lock. An
 *       explorer event stream ({@code /explorer/events}) keeps one of these threads while it lasts
 *       (at most 4 at once), waiting on the event ring. The JDK's {@code HTTP-Dispatcher} thread
 *       only accepts connections and hands each request to this pool.
 *   <li><b>{@code node-stop}</b> (only after a storage failure). Runs {@code Node.close}, which
 *       waits for the event thread to finish, so it cannot run on that thread.
 * </ul>
 *
 * A {@link io.minicoin.net.NodeListener} (the explorer's event ring) is called on whichever thread
 * the event happened: mostly {@code node-events}, but also the acceptor and dialer (a peer
 * connected) and any thread that queues a message (a message sent). It must therefore be
 * thread-safe and must not block.
 *
 * <p>Stopping: {@code Node.close} stops the miner, closes the listening socket, closes every
 * connection, stops the timers and the dialer, lets {@code node-events} finish the task it is
 * running and connect the downloaded blocks still waiting in a group ({@code BlockSync}), and only
 * then writes the pool to {@code mempool_<port>.dat} ({@code PoolFile}) and closes the chain file,
 * so nothing reads or writes the store after it closes. It runs on the caller's thread: the
 * command's main thread after the RPC {@code stop}, the JVM's {@code shutdown} hook on Ctrl-C, or
 * {@code node-stop}. The pool file is read once in {@code Node.start}, before any peer connects.
 */
package io.minicoin.net;
