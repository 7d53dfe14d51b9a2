package io.minicoin.net.wire;

/**
 * A peer sent something that is not a valid message: a bad frame, an unknown command, a payload
 * that does not decode. The stream can no longer be trusted, so the peer is dropped; the message
 * says what was wrong.
 */
public class ProtocolViolation extends Exception {
  private static final long serialVersionUID = 1L;

  public ProtocolViolation(String message) {
    super(message);
  }
}
