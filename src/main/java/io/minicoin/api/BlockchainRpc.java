package io.minicoin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.minicoin.chain.Blockchain;
import io.minicoin.chain.ChainQueries;
import io.minicoin.chain.HeaderView;
import io.minicoin.chain.TransactionIndex;
import io.minicoin.core.Amount;
import io.minicoin.core.Block;
import io.minicoin.core.OutPoint;
import io.minicoin.core.Transaction;
import io.minicoin.core.TxOut;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.Sha256Hash;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Core's "blockchain" methods: the best chain, blocks, headers, tips, unspent outputs. */
final class BlockchainRpc {
  /** What Core's {@code getblockchaininfo} calls the chain; libraries only display it. */
  static final String CHAIN_NAME = "minicoin";

  private final NodeServices node;
  private final Blockchain chain;
  private final ChainQueries queries;

  private BlockchainRpc(NodeServices node) {
    this.node = node;
    this.chain = node.chain();
    this.queries = new ChainQueries(chain);
  }

  static void register(RpcMethods methods, NodeServices node) {
    BlockchainRpc b = new BlockchainRpc(node);
    methods.add(
        new RpcMethod(
            "getblockcount",
            List.of(),
            0,
            "Returns the height of the most-work fully-validated chain. The genesis block has"
                + " height 0.",
            args -> IntNode.valueOf(b.chain.tip().height())));
    methods.add(
        new RpcMethod(
            "getbestblockhash",
            List.of(),
            0,
            "Returns the hash of the best (tip) block in the most-work fully-validated chain.",
            args -> TextNode.valueOf(b.chain.tip().hash().toString())));
    methods.add(
        new RpcMethod(
            "getblockchaininfo",
            List.of(),
            0,
            "Returns an object containing various state info regarding blockchain processing.",
            args -> b.blockchainInfo()));
    methods.add(
        new RpcMethod(
            "getblockhash",
            List.of("height"),
            1,
            "Returns hash of block in best-block-chain at height provided.",
            args -> {
              long h = args.integer(0);
              if (h < 0 || h > b.chain.tip().height()) {
                throw new RpcException(RpcException.INVALID_PARAMETER, "Block height out of range");
              }
              return TextNode.valueOf(b.chain.hashAt((int) h).orElseThrow().toString());
            }));
    methods.add(
        new RpcMethod(
            "getblockheader",
            List.of("blockhash", "verbose"),
            1,
            "If verbose is false, returns a string that is serialized, hex-encoded data for"
                + " blockheader 'hash'. If verbose is true, returns an Object with information"
                + " about blockheader <hash>.",
            args -> {
              HeaderView e = b.entry(args.hash(0));
              if (!args.flag(1, true)) {
                return TextNode.valueOf(HexFormat.of().formatHex(e.header().serialize()));
              }
              int nTx = b.chain.block(e.hash()).map(x -> x.transactions().size()).orElse(0);
              return RpcViews.header(e, b.chain, b.queries, nTx);
            }));
    methods.add(
        new RpcMethod(
            "getblock",
            List.of("blockhash", "verbosity"),
            1,
            "If verbosity is 0, returns a string that is serialized, hex-encoded data for block"
                + " 'hash'. If verbosity is 1, returns an Object with information about block"
                + " <hash>. If verbosity is 2, returns an Object with information about block"
                + " <hash> and information about each transaction.",
            args -> b.getBlock(args.hash(0), b.verbosity(args))));
    methods.add(
        new RpcMethod(
            "getchaintips",
            List.of(),
            0,
            "Return information about all known tips in the block tree, including the main chain"
                + " as well as orphaned branches.",
            args -> {
              ArrayNode a = RpcJson.array();
              for (ChainQueries.Tip t : b.queries.tips()) {
                a.addObject()
                    .put("height", t.height())
                    .put("hash", t.hash().toString())
                    .put("branchlen", t.branchLength())
                    .put("status", t.status().coreName());
              }
              return a;
            }));
    methods.add(
        new RpcMethod(
            "getdifficulty",
            List.of(),
            0,
            "Returns the proof-of-work difficulty as a multiple of the minimum difficulty.",
            args -> DoubleNode.valueOf(RpcViews.difficulty(b.chain.tip().header().bits()))));
    methods.add(
        new RpcMethod(
            "gettxout",
            List.of("txid", "n", "include_mempool"),
            2,
            "Returns details about an unspent transaction output.",
            args -> b.txOut(args.hash(0), args.integer(1), args.flag(2, true))));
  }

  /** getblock's verbosity: 0, 1 or 2, or a boolean (false 0, true 1) as older callers send. */
  private int verbosity(RpcArgs args) {
    if (!args.has(1)) {
      return 1;
    }
    try {
      return args.flag(1, true) ? 1 : 0;
    } catch (RpcException notAFlag) {
      return (int) Math.max(0, Math.min(3, args.integer(1)));
    }
  }

  private HeaderView entry(Sha256Hash hash) {
    return chain
        .header(hash)
        .orElseThrow(
            () -> new RpcException(RpcException.INVALID_ADDRESS_OR_KEY, "Block not found"));
  }

  private JsonNode getBlock(Sha256Hash hash, int verbosity) {
    HeaderView e = entry(hash);
    if (verbosity == 0) {
      byte[] raw =
          chain
              .rawBlock(hash)
              .orElseThrow(
                  () ->
                      new RpcException(
                          RpcException.MISC_ERROR, "Block not available (pruned data)"));
      return TextNode.valueOf(HexFormat.of().formatHex(raw));
    }
    Block block =
        chain
            .block(hash)
            .orElseThrow(
                () ->
                    new RpcException(RpcException.MISC_ERROR, "Block not available (pruned data)"));
    return RpcViews.block(block, e, chain, queries, verbosity, fees(block, verbosity));
  }

  /** Each transaction's fee, from the outputs it spent (known once the block was connected). */
  private Optional<List<Amount>> fees(Block block, int verbosity) {
    if (verbosity < 2) {
      return Optional.empty();
    }
    List<Amount> fees = new ArrayList<>();
    for (TransactionIndex.LocatedTransaction t :
        new TransactionIndex(chain).blockTransactions(block, 0, block.transactions().size())) {
      if (t.prevouts().stream().anyMatch(Objects::isNull)) {
        return Optional.empty();
      }
      Amount in = t.prevouts().stream().map(TxOut::value).reduce(Amount.ZERO, Amount::plus);
      fees.add(t.tx().isCoinbase() ? Amount.ZERO : in.minus(t.tx().totalOut()));
    }
    return Optional.of(fees);
  }

  private ObjectNode blockchainInfo() {
    HeaderView tip = chain.tip();
    ObjectNode o = RpcJson.object();
    o.put("chain", CHAIN_NAME);
    o.put("blocks", tip.height());
    o.put("headers", tip.height());
    o.put("bestblockhash", tip.hash().toString());
    o.put("bits", String.format("%08x", tip.header().bits()));
    o.put("target", RpcViews.hex32(io.minicoin.core.CompactTarget.decode(tip.header().bits())));
    o.put("difficulty", RpcViews.difficulty(tip.header().bits()));
    o.put("time", tip.header().time());
    o.put("mediantime", chain.medianTimePast(tip.hash()));
    o.put("verificationprogress", 1.0);
    o.put("initialblockdownload", node.node().isDownloadingBlocks());
    o.put("chainwork", RpcViews.hex32(tip.chainWork()));
    o.put("size_on_disk", node.chainFileSize());
    o.put("pruned", false);
    o.putArray("warnings");
    return o;
  }

  private JsonNode txOut(Sha256Hash txid, long n, boolean includeMempool) {
    if (n < 0 || n > 0xffffffffL) {
      throw new RpcException(
          RpcException.INVALID_PARAMETER, "Invalid parameter, vout out of range");
    }
    OutPoint p = new OutPoint(txid, n);
    HeaderView tip = chain.tip();
    ObjectNode o = RpcJson.object();
    o.put("bestblock", tip.hash().toString());
    TxOut out;
    int confirmations;
    boolean coinbase;
    if (includeMempool && node.mempool().spender(p).isPresent()) {
      return NullNode.getInstance(); // spent in the pool: Core then answers null too
    }
    Optional<UnspentOutput> coin = chain.unspent(p);
    if (coin.isPresent()) {
      out = coin.get().output();
      confirmations = tip.height() - coin.get().height() + 1;
      coinbase = coin.get().coinbase();
    } else {
      Optional<Transaction> pooled = includeMempool ? node.mempool().get(txid) : Optional.empty();
      if (pooled.isEmpty() || n >= pooled.get().outputs().size()) {
        return NullNode.getInstance();
      }
      out = pooled.get().outputs().get((int) n);
      confirmations = 0;
      coinbase = false;
    }
    o.put("confirmations", confirmations);
    o.put("value", RpcJson.coins(out.value()));
    o.set("scriptPubKey", RpcViews.scriptPubKey(out.scriptPubKey()));
    o.put("coinbase", coinbase);
    return o;
  }
}
