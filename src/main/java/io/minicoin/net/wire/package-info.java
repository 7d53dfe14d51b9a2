/**
 * The messages nodes exchange, one class each, and their framing ({@link
 * io.minicoin.net.wire.FrameCodec}), the same as Bitcoin's:
 *
 * <pre>
 * magic (4)   command (12, NUL-padded)  length (4, LE)  checksum (4)  payload
 * 6d696e69    70696e670000000000000000  08000000        3b5a7513      0807060504030201
 * "mini"      "ping"                    8 bytes         sha256d(payload)[0..4]  nonce, LE
 * </pre>
 *
 * That is a {@code ping} with nonce {@code 0x0102030405060708}. Payloads use the same little-endian
 * encoding as blocks and transactions. Decoding checks the magic, the length cap, the command, the
 * command's own cap, the checksum and then the payload, which must use every byte; any failure is a
 * {@link io.minicoin.net.wire.ProtocolViolation} and the peer is dropped.
 */
package io.minicoin.net.wire;
