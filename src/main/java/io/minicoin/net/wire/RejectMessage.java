package io.minicoin.net.wire;

import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;
import io.minicoin.crypto.Sha256Hash;

/**
 * Says why a block or transaction was refused (BIP 61): the command that carried it, a code, the
 * reason in Bitcoin Core's words, and the object's hash. A command-line {@code send} prints it.
 */
public record RejectMessage(String message, int code, String reason, Sha256Hash hash)
    implements Message {
  public static final String COMMAND = "reject";

  public RejectMessage {
    reason = Strings.fit(reason); // the other side's cap counts UTF-8 bytes, not characters
  }

  @Override
  public String command() {
    return COMMAND;
  }

  @Override
  public void write(ByteWriter w) {
    Strings.write(w, message);
    w.writeU8(code);
    Strings.write(w, reason);
    w.writeHash(hash);
  }

  static RejectMessage read(ByteReader r) throws ProtocolViolation {
    return new RejectMessage(
        Strings.read(r, "rejected command"), r.readU8(), Strings.read(r, "reason"), r.readHash());
  }
}
