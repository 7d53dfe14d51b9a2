package io.minicoin.net;

import io.minicoin.chain.Blockchain;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.net.wire.BlockMessage;
import io.minicoin.net.wire.GetBlocksMessage;
import io.minicoin.net.wire.GetDataMessage;
import io.minicoin.net.wire.InvMessage;
import io.minicoin.net.wire.InvType;
import io.minicoin.net.wire.InvVector;
import io.minicoin.net.wire.NotFoundMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serving blocks to peers that ask (the side that has blocks; {@link BlockSync} is the side that
 * wants them, as btcd's {@code server.go} and {@code netsync}): a {@code getblocks} with a block
 * locator is answered by an {@code inv} of up to {@value #MAX_BLOCKS_PER_INV} hashes of our best
 * chain after the newest block we share, and a {@code getdata} by the blocks asked for, bounded in
 * bytes, with {@code notfound} for the rest. It keeps no state of its own: every answer comes from
 * the chain. Runs on the node's event thread.
 */
final class BlockServer {
  /** Hashes per {@code inv} answering a {@code getblocks}: Bitcoin Core's batch size. */
  static final int MAX_BLOCKS_PER_INV = 500;

  private static final Logger log = LoggerFactory.getLogger(BlockServer.class);

  private final Blockchain chain;

  BlockServer(Node node) {
    this.chain = node.chain;
  }

  void onGetBlocks(Peer p, GetBlocksMessage g) {
    List<Sha256Hash> hashes = chain.hashesAfter(g.locator(), g.hashStop(), MAX_BLOCKS_PER_INV);
    if (!hashes.isEmpty()) {
      log.info("sending {} block hashes to {}", hashes.size(), p);
      p.send(new InvMessage(hashes.stream().map(h -> new InvVector(InvType.BLOCK, h)).toList()));
    }
  }

  void onGetData(Peer p, GetDataMessage g) {
    List<InvVector> missing = new ArrayList<>();
    // Each block once, and no more bytes than the peer's outbox may hold with room to spare: the
    // rest is answered notfound, and the peer asks again.
    Set<Sha256Hash> asked = new LinkedHashSet<>();
    for (InvVector v : g.items()) {
      if (v.type() == InvType.BLOCK && asked.size() < MAX_BLOCKS_PER_INV) {
        asked.add(v.hash());
      }
    }
    long budget = Peer.MAX_OUTBOX_BYTES / 4;
    for (Sha256Hash h : asked) {
      // The stored bytes as they are (their header checked against the hash): decoding a block to
      // serialize it again doubled what serving a download costs.
      Optional<byte[]> b = budget > 0 ? chain.rawBlock(h) : Optional.empty();
      if (b.isPresent()) {
        p.send(BlockMessage.ofSerialized(b.get()));
        budget -= b.get().length;
      } else {
        missing.add(new InvVector(InvType.BLOCK, h));
      }
    }
    if (!missing.isEmpty()) {
      p.send(new NotFoundMessage(missing));
    }
  }
}
