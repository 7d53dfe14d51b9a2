package io.minicoin.api;

/** A JSON-RPC error with one of Bitcoin Core's codes (its {@code rpc/protocol.h}). */
public final class RpcException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  // Standard JSON-RPC 2.0 errors.
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int PARSE_ERROR = -32700;

  // Bitcoin Core's general errors.
  /**
   * Core's catch-all; also a wrong number of parameters (the message is then the method's help).
   */
  public static final int MISC_ERROR = -1;

  public static final int TYPE_ERROR = -3;
  public static final int INVALID_ADDRESS_OR_KEY = -5;
  public static final int INVALID_PARAMETER = -8;
  public static final int DESERIALIZATION_ERROR = -22;
  public static final int VERIFY_ERROR = -25;
  public static final int VERIFY_REJECTED = -26;
  public static final int VERIFY_ALREADY_IN_CHAIN = -27;
  public static final int IN_WARMUP = -28;
  // Wallet errors.
  public static final int WALLET_ERROR = -4;
  public static final int WALLET_INSUFFICIENT_FUNDS = -6;

  private final int code;

  public RpcException(int code, String message) {
    super(message, null, false, false); // a client error: no stack trace to fill
    this.code = code;
  }

  public int code() {
    return code;
  }
}
