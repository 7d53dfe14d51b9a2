package io.minicoin.api;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The JSON-RPC methods by name; each group of methods ({@code *Rpc} classes) adds its own. */
public final class RpcMethods {
  private final Map<String, RpcMethod> byName = new TreeMap<>();

  public void add(RpcMethod m) {
    if (byName.putIfAbsent(m.name(), m) != null) {
      throw new IllegalStateException("RPC method " + m.name() + " is defined twice");
    }
  }

  public Optional<RpcMethod> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Collection<RpcMethod> all() {
    return byName.values();
  }
}
