package io.minicoin.api;

import com.sun.net.httpserver.HttpExchange;
import io.minicoin.chain.TransactionIndex;
import io.minicoin.core.Address;
import io.minicoin.crypto.Sha256Hash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Esplora's REST API under {@code /api}, as blockstream.info and mempool.space serve it: the same
 * paths, JSON field names, paging and units, so Esplora's client libraries work unchanged. Open (no
 * credentials) and read-only apart from {@code POST /api/tx}, as Esplora is.
 *
 * <p>Paths are taken apart here and answered by {@link EsploraBlocks}, {@link EsploraTransactions}
 * and {@link EsploraAddresses}. Anything malformed in a path gets 400 with a plain-text reason,
 * anything unknown 404, as Esplora answers.
 */
public final class EsploraRoutes implements ApiRoutes {
  static final String PREFIX = "/api/";

  @Override
  public void register(Router router, NodeServices node) {
    TransactionIndex index = new TransactionIndex(node.chain());
    MempoolView pool = new MempoolView(node.chain(), node.mempool());
    EsploraBlocks blocks = new EsploraBlocks(node.chain(), index);
    EsploraTransactions txs = new EsploraTransactions(node, index, pool);
    EsploraAddresses addresses = new EsploraAddresses(index, pool);
    router.get(
        PREFIX + "*",
        Router.Access.OPEN,
        ex -> answer(ex, () -> route(segments(ex), blocks, txs, addresses)));
    router.post(
        PREFIX + "tx",
        Router.Access.OPEN,
        ex -> {
          byte[] body = HttpBodies.read(ex, HttpBodies.MAX_BODY);
          if (body != null) {
            answer(ex, () -> txs.broadcast(body));
          }
        });
  }

  private static RestReply route(
      List<String> p, EsploraBlocks blocks, EsploraTransactions txs, EsploraAddresses addresses) {
    String first = p.isEmpty() ? "" : p.get(0);
    RestReply reply =
        switch (first) {
          case "blocks", "block", "block-height" -> blocks.get(p);
          case "tx" -> txs.get(p);
          case "address", "scripthash" -> addresses.get(p);
          case "mempool" -> addresses.mempool(p);
          case "fee-estimates" -> p.size() == 1 ? txs.feeEstimates() : null;
          default -> null;
        };
    if (reply == null) {
      throw RestReply.Error.notFound("endpoint does not exist");
    }
    return reply;
  }

  private static List<String> segments(HttpExchange ex) {
    String path = ex.getRequestURI().getRawPath();
    List<String> parts =
        new ArrayList<>(Arrays.asList(path.substring(PREFIX.length()).split("/", -1)));
    if (parts.size() > 1 && parts.get(parts.size() - 1).isEmpty()) {
      parts.remove(parts.size() - 1); // a trailing slash
    }
    return parts;
  }

  /** Sends what {@code work} answers, or the refusal it throws. */
  static void answer(HttpExchange ex, Supplier<RestReply> work) throws IOException {
    RestReply reply;
    try {
      reply = work.get();
    } catch (RestReply.Error e) {
      reply = e.reply();
    }
    HttpBodies.send(ex, reply.status(), reply.contentType(), reply.body());
  }

  // ---- parsing path parts, each refusal named as Esplora names it ----

  static Sha256Hash hash(String text) {
    if (text.length() != 64) {
      throw RestReply.Error.badRequest("Invalid hash string");
    }
    try {
      return Sha256Hash.fromHex(text);
    } catch (IllegalArgumentException e) {
      throw RestReply.Error.badRequest("Invalid hash string");
    }
  }

  static int number(String text) {
    if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(Character::isDigit)) {
      throw RestReply.Error.badRequest("Invalid number");
    }
    long n = Long.parseLong(text);
    if (n > Integer.MAX_VALUE) {
      throw RestReply.Error.badRequest("Invalid number");
    }
    return (int) n;
  }

  static Address address(String text) {
    try {
      return Address.parse(text);
    } catch (IllegalArgumentException e) {
      throw RestReply.Error.badRequest("Invalid Bitcoin address");
    }
  }

  /** A script hash as Esplora takes it: the SHA-256 of the script, in plain (unreversed) hex. */
  static byte[] scriptHash(String text) {
    byte[] b;
    try {
      b = HexFormat.of().parseHex(text);
    } catch (IllegalArgumentException e) {
      throw RestReply.Error.badRequest("Invalid hex string");
    }
    if (b.length != 32) {
      throw RestReply.Error.badRequest("Invalid scripthash");
    }
    return b;
  }
}
