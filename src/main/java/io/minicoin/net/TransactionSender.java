package io.minicoin.net;

import io.minicoin.core.Transaction;
import io.minicoin.crypto.Sha256Hash;
import io.minicoin.net.wire.FrameCodec;
import io.minicoin.net.wire.Message;
import io.minicoin.net.wire.NetworkAddress;
import io.minicoin.net.wire.PingMessage;
import io.minicoin.net.wire.PongMessage;
import io.minicoin.net.wire.ProtocolViolation;
import io.minicoin.net.wire.RejectMessage;
import io.minicoin.net.wire.TxMessage;
import io.minicoin.net.wire.VersionMessage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands a signed transaction to a running node, as the command line's {@code send} does without
 * {@code -mine}. After the {@code tx} it sends a {@code ping}: a node handles one peer's messages
 * in order, so the {@code pong} means the transaction was accepted, and a {@code reject} before it
 * says why it was not.
 */
public final class TransactionSender {
  /** The transaction could not be delivered, or the node refused it. */
  public static final class SendException extends Exception {
    private static final long serialVersionUID = 1L;

    public SendException(String message) {
      super(message);
    }
  }

  private TransactionSender() {}

  /**
   * Tries each node in turn until one answers.
   *
   * @return the node that accepted the transaction
   */
  public static HostPort submit(Transaction tx, List<HostPort> nodes, Duration timeout)
      throws SendException {
    List<String> tried = new ArrayList<>();
    for (HostPort node : nodes) {
      Socket socket = new Socket();
      try (socket) {
        socket.connect(node.socketAddress(), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        deliver(tx, socket, node, System.nanoTime() + timeout.toNanos());
        return node;
      } catch (ConnectException e) {
        tried.add(node + " (" + e.getMessage() + ")");
      } catch (SocketTimeoutException e) {
        throw new SendException(
            "node " + node + " did not answer within " + timeout.toSeconds() + " s");
      } catch (IOException | ProtocolViolation e) {
        throw new SendException("talking to node " + node + " failed: " + e.getMessage());
      }
    }
    throw new SendException(
        "no node is reachable; tried "
            + String.join(", ", tried)
            + ". Start a node (startnode), name a central node elsewhere with -central HOST:PORT,"
            + " or use -mine to mine the transaction here");
  }

  /**
   * Sends the transaction and waits for the answer until {@code deadline} (System.nanoTime): the
   * whole exchange has one deadline, so a node that keeps talking without answering cannot keep the
   * command waiting.
   */
  private static void deliver(Transaction tx, Socket socket, HostPort node, long deadline)
      throws IOException, ProtocolViolation, SendException {
    long nonce = new SecureRandom().nextLong();
    OutputStream out = socket.getOutputStream();
    // Not a listening node: no address (port 0) keeps us out of the node's known nodes and relays,
    // and relay = false says we want no transaction announcements.
    out.write(
        FrameCodec.encode(
            new VersionMessage(
                Node.PROTOCOL_VERSION,
                Node.SERVICES,
                System.currentTimeMillis() / 1000,
                NetworkAddress.of(new InetSocketAddress(socket.getInetAddress(), socket.getPort())),
                NetworkAddress.NONE,
                new SecureRandom().nextLong(),
                Node.USER_AGENT,
                0,
                false)));
    out.write(FrameCodec.encode(new TxMessage(tx)));
    out.write(FrameCodec.encode(new PingMessage(nonce)));
    out.flush();
    InputStream in = new BufferedInputStream(socket.getInputStream());
    Sha256Hash txid = tx.txid();
    while (true) {
      long leftMs = (deadline - System.nanoTime()) / 1_000_000;
      if (leftMs <= 0) {
        throw new SocketTimeoutException("no answer in time");
      }
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMs));
      Message m = FrameCodec.read(in);
      if (m instanceof RejectMessage r && r.hash().equals(txid)) {
        throw new SendException(
            "node " + node + " refused the transaction: " + r.reason() + hint(r.reason()));
      }
      if (m instanceof PongMessage p && p.nonce() == nonce) {
        return;
      }
    }
  }

  private static String hint(String reason) {
    if (reason.startsWith("txn-mempool-conflict")) {
      return "\nAn earlier payment from this address is still waiting for confirmation; send again"
          + " after the next block, or start this node (startnode): then send spends the"
          + " unconfirmed change.";
    }
    return "";
  }
}
