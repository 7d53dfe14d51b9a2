package io.minicoin.core;

import io.minicoin.crypto.Hashes;
import java.util.Arrays;

/**
 * The signature hash: the digest an input's signature commits to, in Bitcoin's legacy (pre-SegWit)
 * form, which is the only one minicoin uses.
 *
 * <p>To sign input {@code i}, take the transaction, empty every input script, put the spent
 * output's script (its {@code scriptPubKey}, with any {@code OP_CODESEPARATOR} removed) into input
 * {@code i}, serialize it, append the hash type as a 4-byte little-endian number, and double
 * SHA-256 the result. With {@link #ALL} the digest covers every input and output, so changing an
 * amount or a recipient after signing breaks the signature. The signer appends the hash type's low
 * byte to its DER signature, so a verifier knows which digest to rebuild.
 */
public final class Sighash {
  /** Sign all inputs and outputs: the only hash type minicoin makes or accepts. */
  public static final int ALL = 1;

  private Sighash() {}

  /**
   * The legacy signature hash of input {@code inputIndex} of {@code tx}, which spends an output
   * locked by {@code scriptCode}.
   *
   * @return the 32 bytes as signed (not byte-reversed)
   */
  public static byte[] legacy(Transaction tx, int inputIndex, Script scriptCode, int hashType) {
    if (inputIndex < 0 || inputIndex >= tx.inputs().size()) {
      throw new IllegalArgumentException("no input " + inputIndex);
    }
    Script signed = withoutCodeSeparators(scriptCode);
    ByteWriter w = new ByteWriter(tx.size() + signed.length() + 8);
    w.writeInt32(tx.version());
    w.writeVarInt(tx.inputs().size());
    for (int i = 0; i < tx.inputs().size(); i++) {
      TxIn in = tx.inputs().get(i);
      new TxIn(in.previous(), i == inputIndex ? signed : Script.EMPTY, in.sequence()).write(w);
    }
    w.writeVarInt(tx.outputs().size());
    for (TxOut out : tx.outputs()) {
      out.write(w);
    }
    w.writeInt32((int) tx.lockTime());
    w.writeInt32(hashType);
    return Hashes.sha256d(w.toByteArray());
  }

  /**
   * {@code script} with every OP_CODESEPARATOR removed, as the legacy signature hash serializes the
   * script being signed. Push data that happens to contain 0xab is left alone. (A script that ends
   * in a cut-off push keeps its tail; P2PKH scripts never do.)
   */
  static Script withoutCodeSeparators(Script script) {
    byte[] bytes = script.bytes();
    ByteWriter w = new ByteWriter(bytes.length);
    int i = 0;
    int copyFrom = 0;
    while (i < bytes.length) {
      int op = bytes[i] & 0xff;
      int next = script.nextOpAt(i);
      if (next < 0) {
        break;
      }
      if (op == Script.OP_CODESEPARATOR) {
        w.writeBytes(Arrays.copyOfRange(bytes, copyFrom, i));
        copyFrom = next;
      }
      i = next;
    }
    w.writeBytes(Arrays.copyOfRange(bytes, copyFrom, bytes.length));
    return Script.of(w.toByteArray());
  }
}
