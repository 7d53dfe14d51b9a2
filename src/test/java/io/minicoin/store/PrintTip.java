package io.minicoin.store;

import java.nio.file.Path;

/**
 * Run in a second process by {@link LmdbStoreTest}: opens a chain file as the command line does and
 * prints its tip.
 */
public final class PrintTip {
  private PrintTip() {}

  public static void main(String[] args) {
    try (ChainStore store = ChainStore.open(Path.of(args[0]))) {
      System.out.println(store.read(ChainReader::tipHash));
    } catch (StoreException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(1);
    }
  }
}
