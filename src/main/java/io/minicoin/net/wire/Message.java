package io.minicoin.net.wire;

import io.minicoin.core.ByteWriter;

/**
 * A message payload: its command name and its bytes. One class per message type, and this list is
 * all of them: the interface is sealed, so a new message must be added here, to {@link
 * FrameCodec}'s table of commands, and to the node's dispatch, which handles every permitted type.
 */
public sealed interface Message
    permits VersionMessage,
        VerackMessage,
        PingMessage,
        PongMessage,
        AddrMessage,
        GetBlocksMessage,
        InvMessage,
        GetDataMessage,
        NotFoundMessage,
        BlockMessage,
        TxMessage,
        RejectMessage {
  /** The command in the frame header, such as {@code version} or {@code inv}. */
  String command();

  void write(ByteWriter w);
}
