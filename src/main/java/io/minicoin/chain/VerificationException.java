package io.minicoin.chain;

/** A block or transaction broke a rule. The reason says which; the message says where. */
public class VerificationException extends Exception {
  private final RejectReason reason;

  public VerificationException(RejectReason reason, String detail) {
    super(reason.code() + ": " + detail);
    this.reason = reason;
  }

  public RejectReason reason() {
    return reason;
  }
}
