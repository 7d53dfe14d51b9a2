package io.minicoin.core;

import io.minicoin.crypto.Sha256Hash;
import java.util.ArrayList;
import java.util.List;

/** A block: the header and its transactions, the coinbase first. */
public final class Block {
  /** Bitcoin's legacy block size limit; also what a peer may send us in one block. */
  public static final int MAX_SIZE = 1_000_000;

  /** The smallest possible transaction is 60 bytes; a count above remaining/60 cannot be honest. */
  private static final int MIN_TX_SIZE = 60;

  private final BlockHeader header;
  private final List<Transaction> transactions;

  public Block(BlockHeader header, List<Transaction> transactions) {
    this.header = header;
    this.transactions = List.copyOf(transactions);
  }

  public BlockHeader header() {
    return header;
  }

  public Sha256Hash hash() {
    return header.hash();
  }

  public List<Transaction> transactions() {
    return transactions;
  }

  public List<Sha256Hash> txids() {
    List<Sha256Hash> ids = new ArrayList<>(transactions.size());
    for (Transaction tx : transactions) {
      ids.add(tx.txid());
    }
    return ids;
  }

  /** The Merkle tree over this block's txids (which may differ from the header's claim). */
  public MerkleTree.Result computeMerkleRoot() {
    return MerkleTree.compute(txids());
  }

  /** The serialized size in bytes, from the transactions' cached sizes: no serializing. */
  public int size() {
    int size = BlockHeader.SIZE + new ByteWriter(9).writeVarInt(transactions.size()).size();
    for (Transaction tx : transactions) {
      size += tx.size();
    }
    return size;
  }

  public byte[] serialize() {
    ByteWriter w = new ByteWriter(size());
    header.write(w);
    w.writeVarInt(transactions.size());
    for (Transaction tx : transactions) {
      tx.write(w);
    }
    return w.toByteArray();
  }

  public static Block read(ByteReader r) {
    BlockHeader header = BlockHeader.read(r);
    int n = r.readCount(r.remaining() / MIN_TX_SIZE, "transaction");
    Transaction[] txs = new Transaction[n];
    for (int i = 0; i < n; i++) {
      txs[i] = Transaction.read(r);
    }
    return new Block(header, List.of(txs));
  }

  /** Parses exactly one block; leftover bytes are an error. */
  public static Block fromBytes(byte[] bytes) {
    ByteReader r = new ByteReader(bytes);
    Block b = read(r);
    r.expectEnd("block");
    return b;
  }

  @Override
  public String toString() {
    return header.toString();
  }
}
