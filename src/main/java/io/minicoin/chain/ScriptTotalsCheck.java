package io.minicoin.chain;

import io.minicoin.crypto.Hashes;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.store.ChainDamagedException;
import io.minicoin.store.ChainReader;
import io.minicoin.store.ScriptTotals;
import java.util.HashMap;
import java.util.Map;

/**
 * Part of {@code verifychain}: the running totals kept for each script (its balance, Esplora's
 * {@code chain_stats}) must say what the tables they summarize say, as Bitcoin Core's verifychain
 * holds its indexes to the chain. A script's balance and unspent count are what the UTXO set holds
 * for it; its funded, spent and transaction counts and sums are what its history lists; and no
 * script that has a history lacks a record. A mismatch is a damaged file, never a wrong answer
 * handed out.
 */
final class ScriptTotalsCheck {
  private ScriptTotalsCheck() {}

  /**
   * @return how many scripts have running totals
   * @throws ChainDamagedException naming the first script whose totals are wrong or missing
   */
  static long verify(ChainReader r) {
    Map<Sha256Hash, ScriptTotals> fromHistory = new HashMap<>();
    r.forEachHistoryChange((script, t) -> fromHistory.merge(script, t, ScriptTotals::plus));
    Map<Sha256Hash, long[]> unspent = new HashMap<>(); // script -> {units, outputs}
    r.forEachUnspent(
        c -> {
          long[] u =
              unspent.computeIfAbsent(
                  Sha256Hash.wrap(Hashes.sha256(c.output().scriptPubKey().bytes())),
                  h -> new long[2]);
          u[0] = Math.addExact(u[0], c.value().units());
          u[1]++;
        });
    long[] records = {0};
    r.forEachTotals(
        (script, stored) -> {
          long[] coins = unspent.remove(script);
          long units = coins == null ? 0 : coins[0];
          long outputs = coins == null ? 0 : coins[1];
          if (stored.balance() != units || stored.unspentCount() != outputs) {
            throw damaged(
                String.format(
                    "the running totals of script %s say %d units in %d unspent outputs, the UTXO"
                        + " set holds %d in %d",
                    script, stored.balance(), stored.unspentCount(), units, outputs));
          }
          if (!stored.equals(fromHistory.remove(script))) {
            throw damaged(
                "the running totals of script " + script + " do not add up to its history");
          }
          records[0]++;
        });
    if (!unspent.isEmpty()) {
      throw damaged(
          "script "
              + unspent.keySet().iterator().next()
              + " has unspent outputs but no running totals");
    }
    if (!fromHistory.isEmpty()) {
      throw damaged(
          "script "
              + fromHistory.keySet().iterator().next()
              + " has a history but no running totals");
    }
    return records[0];
  }

  private static ChainDamagedException damaged(String what) {
    return new ChainDamagedException(
        "the chain file is damaged: " + what + ": restore it from a copy");
  }
}
