package io.minicoin.net.wire;

/** What an inventory entry names, with Bitcoin's type numbers. */
public enum InvType {
  TX(1),
  BLOCK(2);

  private final int code;

  InvType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  static InvType of(int code) throws ProtocolViolation {
    for (InvType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new ProtocolViolation("unknown inventory type " + code);
  }
}
