package io.minicoin.api;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;

/** Core's "blockchain" methods: the best chain, blocks, headers, tips, unspent outputs. */
final class BlockchainRpc {
  private BlockchainRpc() {}

  static void register(RpcMethods methods, NodeServices node) {
    methods.add(
        new RpcMethod(
            "getblockcount",
            List.of(),
            0,
            "Returns the height of the most-work fully-validated chain. The genesis block has"
                + " height 0.",
            args -> IntNode.valueOf(node.chain().tip().height())));
    methods.add(
        new RpcMethod(
            "getbestblockhash",
            List.of(),
            0,
            "Returns the hash of the best (tip) block in the most-work fully-validated chain.",
            args -> TextNode.valueOf(node.chain().tip().hash().toString())));
  }
}
