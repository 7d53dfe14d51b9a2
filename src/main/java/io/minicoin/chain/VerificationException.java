package io.minicoin.chain;

/** A block or transaction broke a rule. The reason says which; the message says where. */
public class VerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final RejectReason reason;
  private final String detail;

  public VerificationException(RejectReason reason, String detail) {
    super(reason.code() + ": " + detail);
    this.reason = reason;
    this.detail = detail;
  }

  /** What broke the rule, without the reason's name. */
  public String detail() {
    return detail;
  }

  public RejectReason reason() {
    return reason;
  }
}
