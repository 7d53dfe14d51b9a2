package io.minicoin.store;

class MemoryStoreTest extends KeyValueStoreContractTest {
  @Override
  protected KeyValueStore newStore() {
    return new MemoryStore();
  }
}
