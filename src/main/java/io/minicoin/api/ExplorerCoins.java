package io.minicoin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minicoin.chain.TransactionIndex;
import io.minicoin.chain.TransactionIndex.CoinPage;
import io.minicoin.chain.TransactionIndex.ConfirmedCoin;
import io.minicoin.core.Address;
import io.minicoin.core.OutPoint;
import io.minicoin.core.UnspentOutput;
import io.minicoin.crypto.Sha256Hash;
import java.util.List;
import java.util.Optional;

/**
 * {@code /explorer/utxo/<address>[?after=<cursor>]}: an address's unspent outputs a page at a time,
 * for the explorer's address page. Esplora's own {@code /api/address/:address/utxo} answers with
 * all of them in one list, as Esplora's clients expect; a miner's address on a long chain holds
 * thousands, too many to fetch for a page that shows a hundred.
 *
 * <p>The list is the one Esplora's path gives, in the same order: first the pool's outputs to the
 * address that the pool does not spend again, then the confirmed ones newest first, less those a
 * pool transaction spends. Each page is {@code {"utxos": [...], "next": cursor or null}}; the
 * cursor is {@code p<txid>:<vout>} (the pool's part, after that coin) or a txid (the confirmed
 * part, older than that transaction), so a page costs its own coins, never the ones before it.
 *
 * <p>The pool's cursor names the last coin shown, not how many were shown: the pool changes between
 * two pages, and a count would then repeat a coin (a new payment joins at the front) or skip one
 * (an older one leaves). If the named coin itself has left the pool (mined, spent, evicted), the
 * next page goes on with the confirmed part, where a mined coin now is.
 */
final class ExplorerCoins {
  /** Coins on one page (about: a page never ends inside a transaction). */
  static final int PAGE = 100;

  private final TransactionIndex index;
  private final MempoolView pool;

  ExplorerCoins(TransactionIndex index, MempoolView pool) {
    this.index = index;
    this.pool = pool;
  }

  /**
   * The page of {@code address} (text from the path) that {@code after} names (null: the first).
   */
  RestReply page(String addressText, String after) {
    Address address = EsploraRoutes.address(addressText);
    byte[] scriptHash = TransactionIndex.scriptHash(address.lockingScript());
    ArrayNode coins = RpcJson.array();
    Optional<Sha256Hash> confirmedAfter = Optional.empty();
    if (after == null || after.startsWith("p")) {
      List<UnspentOutput> fresh = pool.unspent(scriptHash);
      int from = after == null ? 0 : after(fresh, poolCursor(after));
      int end = Math.min(fresh.size(), from + PAGE);
      for (int i = from; i < end; i++) {
        coins.add(EsploraJson.utxo(fresh.get(i).outPoint(), Optional.empty(), value(fresh.get(i))));
      }
      if (end < fresh.size() || coins.size() >= PAGE) {
        OutPoint last = fresh.get(end - 1).outPoint();
        return reply(coins, "p" + last.txid() + ":" + last.index());
      }
    } else {
      confirmedAfter = Optional.of(EsploraRoutes.hash(after));
    }
    CoinPage page = index.unspentPage(scriptHash, confirmedAfter, PAGE - coins.size());
    for (ConfirmedCoin c : page.coins()) {
      if (!pool.spentInPool(c.coin().outPoint())) {
        coins.add(
            EsploraJson.utxo(
                c.coin().outPoint(), Optional.of(c.confirmation()), c.coin().value().units()));
      }
    }
    return reply(coins, page.next().map(Sha256Hash::toString).orElse(null));
  }

  private static long value(UnspentOutput c) {
    return c.value().units();
  }

  /** Where the page after {@code last} starts: past the end if that coin has left the pool. */
  private static int after(List<UnspentOutput> fresh, OutPoint last) {
    for (int i = 0; i < fresh.size(); i++) {
      if (fresh.get(i).outPoint().equals(last)) {
        return i + 1;
      }
    }
    return fresh.size();
  }

  private static OutPoint poolCursor(String cursor) {
    String[] parts = cursor.substring(1).split(":", -1);
    if (parts.length != 2
        || parts[1].isEmpty()
        || parts[1].length() > 6
        || !parts[1].chars().allMatch(Character::isDigit)) {
      throw RestReply.Error.badRequest("Invalid cursor: p<txid>:<vout>, or a txid");
    }
    return new OutPoint(EsploraRoutes.hash(parts[0]), Integer.parseInt(parts[1]));
  }

  private static RestReply reply(ArrayNode coins, String next) {
    ObjectNode o = RpcJson.object();
    o.set("utxos", coins);
    o.put("next", next);
    return RestReply.json(o);
  }
}
