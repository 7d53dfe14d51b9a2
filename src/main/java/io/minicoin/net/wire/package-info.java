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
 * encoding as blocks and transactions, and every payload is Bitcoin's, so Wireshark's Bitcoin
 * dissector and any Bitcoin P2P library read them. The richest is {@code version}, here node 3001
 * greeting the central node (126 bytes):
 *
 * <pre>
 * 6d696e69 76657273696f6e0000000000 66000000 5467dc4d    frame: "mini", "version", 102 bytes, checksum
 * 72110100                          protocol version 70002
 * 0000000000000000                  services: none
 * 0081246900000000                  timestamp 1764000000 (2025-11-24 16:00 UTC)
 * 0000000000000000                  receiver: services
 * 00000000000000000000ffff7f000001  receiver: 127.0.0.1, IPv4-mapped
 * 0bb8                              receiver: port 3000, BIG-endian
 * 0000000000000000                  sender: services
 * 00000000000000000000ffff7f000001  sender: 127.0.0.1
 * 0bb9                              sender: port 3001, where it listens
 * 0807060504030201                  nonce: random per connection, to notice a node dialing itself
 * 10 2f6d696e69636f696e3a302e312e302f   user agent "/minicoin:0.1.0/" (BIP 14)
 * 05000000                          start height 5
 * 01                                relay: announce transactions to me
 * </pre>
 *
 * <p>Decoding checks the magic, the length cap, the command, the command's own cap, the checksum
 * and then the payload, which must use every byte; any failure is a {@link
 * io.minicoin.net.wire.ProtocolViolation} and the peer is dropped.
 */
package io.minicoin.net.wire;
