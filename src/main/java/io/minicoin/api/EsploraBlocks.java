package io.minicoin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.minicoin.chain.Blockchain;
import io.minicoin.chain.HeaderView;
import io.minicoin.chain.TransactionIndex;
import io.minicoin.chain.TransactionIndex.LocatedTransaction;
import io.minicoin.core.Block;
import io.minicoin.crypto.Sha256Hash;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Esplora's block paths: {@code blocks/tip/height}, {@code blocks/tip/hash}, {@code
 * blocks[/:start_height]}, {@code block-height/:height} and {@code block/:hash[/header|/raw|
 * /status|/txids|/txid/:index|/txs[/:start_index]]}.
 */
final class EsploraBlocks {
  /** Blocks per page of {@code /blocks}, as Esplora. */
  static final int BLOCK_LIMIT = 10;

  /** Transactions per page of a block's or a script's confirmed transactions, as Esplora. */
  static final int TXS_PER_PAGE = 25;

  private final Blockchain chain;
  private final TransactionIndex index;

  EsploraBlocks(Blockchain chain, TransactionIndex index) {
    this.chain = chain;
    this.index = index;
  }

  /** Answers the path, or null if it is not one of ours. */
  RestReply get(List<String> p) {
    int n = p.size();
    if (p.get(0).equals("blocks")) {
      if (n == 3 && p.get(1).equals("tip") && p.get(2).equals("height")) {
        return RestReply.text(String.valueOf(chain.tip().height()));
      }
      if (n == 3 && p.get(1).equals("tip") && p.get(2).equals("hash")) {
        return RestReply.text(chain.tip().hash().toString());
      }
      if (n <= 2) {
        return blocks(n == 2 ? Optional.of(EsploraRoutes.number(p.get(1))) : Optional.empty());
      }
      return null;
    }
    if (p.get(0).equals("block-height")) {
      if (n != 2) {
        return null;
      }
      return RestReply.text(bestHashAt(EsploraRoutes.number(p.get(1))).toString());
    }
    if (n < 2) {
      return null;
    }
    Sha256Hash hash = EsploraRoutes.hash(p.get(1));
    String what = n == 2 ? "" : p.get(2);
    if (what.equals("status") && n == 3) {
      return status(hash);
    }
    HeaderView e = knownBlock(hash);
    switch (what) {
      case "" -> {
        Block b = chain.block(hash).orElseThrow(EsploraBlocks::blockNotFound);
        return RestReply.json(EsploraJson.block(e, b, chain.medianTimePast(e.hash())));
      }
      case "header" -> {
        return n == 3 ? RestReply.text(HexFormat.of().formatHex(e.header().serialize())) : null;
      }
      case "raw" -> {
        return n == 3
            ? RestReply.binary(chain.rawBlock(hash).orElseThrow(EsploraBlocks::blockNotFound))
            : null;
      }
      case "txids" -> {
        if (n != 3) {
          return null;
        }
        ArrayNode a = RpcJson.array();
        block(hash).txids().forEach(t -> a.add(t.toString()));
        return RestReply.json(a);
      }
      case "txid" -> {
        if (n != 4) {
          return null;
        }
        int i = EsploraRoutes.number(p.get(3));
        List<Sha256Hash> txids = block(hash).txids();
        if (i >= txids.size()) {
          throw RestReply.Error.notFound("tx index out of range");
        }
        return RestReply.text(txids.get(i).toString());
      }
      case "txs" -> {
        return n <= 4 ? txs(hash, n == 4 ? EsploraRoutes.number(p.get(3)) : 0) : null;
      }
      default -> {
        return null;
      }
    }
  }

  private RestReply blocks(Optional<Integer> start) {
    int height = start.orElse(chain.tip().height());
    ArrayNode a = RpcJson.array();
    for (int h = height; h >= 0 && h > height - BLOCK_LIMIT; h--) {
      Sha256Hash hash = bestHashAt(h);
      HeaderView e = knownBlock(hash);
      a.add(EsploraJson.block(e, block(hash), chain.medianTimePast(e.hash())));
    }
    return RestReply.json(a);
  }

  private RestReply status(Sha256Hash hash) {
    Optional<HeaderView> e = chain.header(hash);
    if (e.isEmpty() || !chain.isOnBestChain(hash)) {
      return RestReply.json(EsploraJson.blockStatus(Optional.empty(), Optional.empty()));
    }
    int height = e.get().height();
    return RestReply.json(EsploraJson.blockStatus(Optional.of(height), chain.hashAt(height + 1)));
  }

  private RestReply txs(Sha256Hash hash, int start) {
    Block b = block(hash);
    if (start >= b.transactions().size()) {
      throw RestReply.Error.notFound("start index out of range");
    }
    if (start % TXS_PER_PAGE != 0) {
      throw RestReply.Error.badRequest(
          "start index must be a multipication of " + TXS_PER_PAGE); // sic, as Esplora says it
    }
    ArrayNode a = RpcJson.array();
    for (LocatedTransaction t : index.blockTransactions(b, start, TXS_PER_PAGE)) {
      a.add(EsploraJson.transaction(t.tx(), t.confirmation(), t.prevouts()));
    }
    return RestReply.json(a);
  }

  private Sha256Hash bestHashAt(int height) {
    return chain.hashAt(height).orElseThrow(EsploraBlocks::blockNotFound);
  }

  private HeaderView knownBlock(Sha256Hash hash) {
    return chain.header(hash).orElseThrow(EsploraBlocks::blockNotFound);
  }

  private Block block(Sha256Hash hash) {
    return chain.block(hash).orElseThrow(EsploraBlocks::blockNotFound);
  }

  private static RestReply.Error blockNotFound() {
    return RestReply.Error.notFound("Block not found");
  }
}
