package io.minicoin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minicoin.chain.Mempool;
import io.minicoin.net.Node;
import io.minicoin.net.PeerInfo;
import java.math.BigDecimal;
import java.util.List;

/** Core's "network" methods (peers and this node's identity) and {@code getmininginfo}. */
final class NetworkRpc {
  /** Core prints its version as 10000 * major + 100 * minor + patch: minicoin 0.1.0. */
  static final int VERSION = 100;

  private NetworkRpc() {}

  static void register(RpcMethods methods, NodeServices node) {
    methods.add(
        new RpcMethod(
            "getpeerinfo",
            List.of(),
            0,
            "Returns data about each connected network peer as a json array of objects.",
            args -> {
              ArrayNode a = RpcJson.array();
              for (PeerInfo p : node.node().peerInfo()) {
                ObjectNode o = a.addObject();
                o.put("id", p.id());
                o.put("addr", p.address());
                if (!p.listenAddress().isEmpty()) {
                  o.put("addrbind", p.listenAddress());
                }
                o.put("network", "ipv4");
                o.put("services", String.format("%016x", p.services()));
                o.putArray("servicesnames");
                o.put("relaytxes", true);
                o.put("lastsend", p.lastSend());
                o.put("lastrecv", p.lastReceive());
                o.put("bytessent", p.bytesSent());
                o.put("bytesrecv", p.bytesReceived());
                o.put("conntime", p.connectedAt());
                o.put("timeoffset", 0);
                o.put("version", p.version());
                o.put("subver", p.userAgent());
                o.put("inbound", p.inbound());
                o.put("startingheight", p.startingHeight());
                o.put("connection_type", p.inbound() ? "inbound" : "outbound-full-relay");
              }
              return a;
            }));
    methods.add(
        new RpcMethod(
            "getconnectioncount",
            List.of(),
            0,
            "Returns the number of connections to other nodes.",
            args -> IntNode.valueOf(node.node().peerInfo().size())));
    methods.add(
        new RpcMethod(
            "getnetworkinfo",
            List.of(),
            0,
            "Returns an object containing various state info regarding P2P networking.",
            args -> {
              List<PeerInfo> peers = node.node().peerInfo();
              long in = peers.stream().filter(PeerInfo::inbound).count();
              ObjectNode o = RpcJson.object();
              o.put("version", VERSION);
              o.put("subversion", Node.USER_AGENT);
              o.put("protocolversion", Node.PROTOCOL_VERSION);
              o.put("localservices", String.format("%016x", Node.SERVICES));
              o.putArray("localservicesnames");
              o.put("localrelay", true);
              o.put("timeoffset", 0);
              o.put("networkactive", true);
              o.put("connections", peers.size());
              o.put("connections_in", in);
              o.put("connections_out", peers.size() - in);
              o.putArray("networks");
              o.put("relayfee", BigDecimal.ZERO.setScale(8));
              o.put("incrementalfee", BigDecimal.ZERO.setScale(8));
              o.putArray("localaddresses");
              o.putArray("warnings");
              return o;
            }));
    methods.add(
        new RpcMethod(
            "getmininginfo",
            List.of(),
            0,
            "Returns a json object containing mining-related information.",
            args -> {
              var tip = node.chain().tip();
              Mempool pool = node.mempool();
              ObjectNode o = RpcJson.object();
              o.put("blocks", tip.height());
              o.put("bits", String.format("%08x", tip.header().bits()));
              o.put("difficulty", RpcViews.difficulty(tip.header().bits()));
              o.put(
                  "target",
                  RpcViews.hex32(io.minicoin.core.CompactTarget.decode(tip.header().bits())));
              o.put("pooledtx", pool.size());
              o.put("chain", BlockchainRpc.CHAIN_NAME);
              o.putArray("warnings");
              return o;
            }));
  }
}
