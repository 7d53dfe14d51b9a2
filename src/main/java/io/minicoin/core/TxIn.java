package io.minicoin.core;

/** A transaction input: the output it spends, the script that unlocks it, a sequence number. */
public record TxIn(OutPoint previous, Script scriptSig, long sequence) {
  public static final long FINAL_SEQUENCE = 0xffffffffL;

  /** An outpoint, a script length and a sequence: the smallest an input can be. */
  static final int MIN_SIZE = 41;

  static final int MAX_SCRIPT = 10_000;

  public TxIn(OutPoint previous, Script scriptSig) {
    this(previous, scriptSig, FINAL_SEQUENCE);
  }

  void write(ByteWriter w) {
    previous.write(w);
    w.writeVarBytes(scriptSig.bytes());
    w.writeInt32((int) sequence);
  }

  static TxIn read(ByteReader r) {
    OutPoint prev = OutPoint.read(r);
    Script script = Script.of(r.readVarBytes(MAX_SCRIPT, "input script"));
    return new TxIn(prev, script, r.readUInt32());
  }
}
