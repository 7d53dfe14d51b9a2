package io.minicoin.crypto;

/**
 * Bytes or text that do not decode as the format they claim to be: a bad checksum, a truncated
 * record, a length above its cap. Every layer throws it for malformed input, so a caller can tell
 * "this input is wrong" from "the program or the disk is wrong".
 */
public class FormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public FormatException(String message) {
    super(message);
  }
}
