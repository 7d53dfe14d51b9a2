package io.minicoin.api;

/**
 * Bitcoin Core's JSON-RPC at {@code POST /}, behind the RPC credentials. The methods come in groups
 * as Core's {@code help} lists them, one class each.
 */
public final class JsonRpcRoutes implements ApiRoutes {
  @Override
  public void register(Router router, NodeServices node) {
    RpcMethods methods = new RpcMethods();
    BlockchainRpc.register(methods, node);
    ControlRpc.register(methods, node);
    RawTransactionRpc.register(methods, node);
    MempoolRpc.register(methods, node);
    NetworkRpc.register(methods, node);
    UtilRpc.register(methods);
    WalletRpc.register(methods, node);
    router.post("/", Router.Access.AUTHENTICATED, new JsonRpcHandler(methods));
  }
}
