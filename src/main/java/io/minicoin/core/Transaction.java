package io.minicoin.core;

import io.minicoin.crypto.Sha256Hash;
import java.util.Arrays;
import java.util.List;

/**
 * A transaction in Bitcoin's legacy serialization: version, inputs, outputs, lock time.
 *
 * <p>The txid is the double SHA-256 of the whole serialization, input scripts included, so it
 * covers the signatures too. It is computed once: a transaction never changes.
 */
public final class Transaction {
  public static final int MAX_SIZE = 1_000_000;

  private final int version;
  private final List<TxIn> inputs;
  private final List<TxOut> outputs;
  private final long lockTime;
  private final byte[] serialized;
  private final Sha256Hash txid;

  public Transaction(int version, List<TxIn> inputs, List<TxOut> outputs, long lockTime) {
    this.version = version;
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
    this.lockTime = lockTime;
    ByteWriter w = new ByteWriter(10 + 150 * inputs.size() + 34 * outputs.size());
    writeFields(w);
    this.serialized = w.toByteArray();
    this.txid = Sha256Hash.of(serialized);
  }

  public Transaction(List<TxIn> inputs, List<TxOut> outputs) {
    this(1, inputs, outputs, 0);
  }

  /** A coinbase: one input that spends nothing and carries the height, then the payouts. */
  public static Transaction coinbase(int height, long extraNonce, List<TxOut> outputs) {
    return new Transaction(
        List.of(new TxIn(OutPoint.NULL, Script.coinbase(height, extraNonce))), outputs);
  }

  public int version() {
    return version;
  }

  public List<TxIn> inputs() {
    return inputs;
  }

  public List<TxOut> outputs() {
    return outputs;
  }

  public long lockTime() {
    return lockTime;
  }

  public Sha256Hash txid() {
    return txid;
  }

  public boolean isCoinbase() {
    return inputs.size() == 1 && inputs.get(0).previous().isNull();
  }

  public int size() {
    return serialized.length;
  }

  public byte[] serialize() {
    return Arrays.copyOf(serialized, serialized.length); // not clone(): see Sha256Hash.bytes
  }

  public void write(ByteWriter w) {
    w.writeBytes(serialized);
  }

  /** Writes the fields in Bitcoin's legacy serialization (once, for {@link #serialized}). */
  private void writeFields(ByteWriter w) {
    w.writeInt32(version);
    w.writeVarInt(inputs.size());
    for (TxIn in : inputs) {
      in.write(w);
    }
    w.writeVarInt(outputs.size());
    for (TxOut out : outputs) {
      out.write(w);
    }
    w.writeInt32((int) lockTime);
  }

  public static Transaction read(ByteReader r) {
    int version = r.readInt32();
    int nIn = r.readCount(r.remaining() / TxIn.MIN_SIZE, "input");
    TxIn[] ins = new TxIn[nIn];
    for (int i = 0; i < nIn; i++) {
      ins[i] = TxIn.read(r);
    }
    int nOut = r.readCount(r.remaining() / TxOut.MIN_SIZE, "output");
    TxOut[] outs = new TxOut[nOut];
    for (int i = 0; i < nOut; i++) {
      outs[i] = TxOut.read(r);
    }
    long lockTime = r.readUInt32();
    return new Transaction(version, List.of(ins), List.of(outs), lockTime);
  }

  /** Parses exactly one transaction; leftover bytes are an error. */
  public static Transaction fromBytes(byte[] bytes) {
    ByteReader r = new ByteReader(bytes);
    Transaction tx = read(r);
    r.expectEnd("transaction");
    return tx;
  }

  /** The sum of the outputs; overflow is reported as an ArithmeticException. */
  public Amount totalOut() {
    Amount sum = Amount.ZERO;
    for (TxOut out : outputs) {
      sum = sum.plus(out.value());
    }
    return sum;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Transaction other && txid.equals(other.txid);
  }

  @Override
  public int hashCode() {
    return txid.hashCode();
  }

  @Override
  public String toString() {
    return "tx " + txid;
  }
}
