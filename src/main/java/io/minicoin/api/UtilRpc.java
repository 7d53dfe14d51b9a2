package io.minicoin.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minicoin.core.Address;
import java.util.HexFormat;
import java.util.List;

/** Core's "util" method {@code validateaddress}. */
final class UtilRpc {
  private UtilRpc() {}

  static void register(RpcMethods methods) {
    methods.add(
        new RpcMethod(
            "validateaddress",
            List.of("address"),
            1,
            "Return information about the given bitcoin address.",
            args -> {
              String text = args.string(0);
              ObjectNode o = RpcJson.object();
              Address a;
              try {
                a = Address.parse(text);
              } catch (IllegalArgumentException e) {
                o.put("isvalid", false);
                o.put("error", e.getMessage() == null ? "Invalid address" : e.getMessage());
                o.putArray("error_locations");
                return o;
              }
              o.put("isvalid", true);
              o.put("address", a.toString());
              o.put("scriptPubKey", HexFormat.of().formatHex(a.lockingScript().bytes()));
              o.put("isscript", false);
              o.put("iswitness", false);
              return o;
            }));
  }
}
