package io.minicoin.net.wire;

import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;
import io.minicoin.crypto.FormatException;
import io.minicoin.crypto.Sha256Hash;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks for the hashes of the blocks after the newest one the sender and receiver share. The locator
 * lists the sender's best chain from its tip back, thinning out, so the receiver finds the fork
 * point in one message however long the chains are.
 */
public record GetBlocksMessage(int protocolVersion, List<Sha256Hash> locator, Sha256Hash hashStop)
    implements Message {
  public static final String COMMAND = "getblocks";

  /** Bitcoin's MAX_LOCATOR_SZ. */
  static final int MAX_LOCATOR = 101;

  public GetBlocksMessage {
    locator = List.copyOf(locator);
  }

  @Override
  public String command() {
    return COMMAND;
  }

  @Override
  public void write(ByteWriter w) {
    w.writeInt32(protocolVersion);
    w.writeVarInt(locator.size());
    locator.forEach(w::writeHash);
    w.writeHash(hashStop);
  }

  static GetBlocksMessage read(ByteReader r) throws ProtocolViolation {
    int version = r.readInt32();
    long n = r.readVarInt();
    if (n < 0 || n > MAX_LOCATOR) {
      throw new ProtocolViolation(
          "getblocks locator with "
              + Long.toUnsignedString(n)
              + " hashes, above the limit of "
              + MAX_LOCATOR);
    }
    if (n * 32 > r.remaining()) {
      throw new FormatException(
          "getblocks locator claims " + n + " hashes but has " + r.remaining() + " bytes");
    }
    List<Sha256Hash> hashes = new ArrayList<>((int) n);
    for (int i = 0; i < n; i++) {
      hashes.add(r.readHash());
    }
    return new GetBlocksMessage(version, hashes, r.readHash());
  }
}
