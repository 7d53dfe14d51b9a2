package io.minicoin.api;

/**
 * One feature's paths on the {@link ApiServer}. To add a feature, write one class implementing this
 * (as {@link JsonRpcRoutes} does) that calls {@link Router#post}/{@link Router#get} for each path
 * it serves, and add it to the list in {@link ApiServer#start}'s caller ({@code
 * cli.StartNodeCommand} builds the server with {@code ApiServer.standardRoutes}).
 *
 * <p>Paths claimed today, so features do not collide: {@code POST /} JSON-RPC (authenticated);
 * {@code /api/*} Esplora's REST API (open, read-only apart from {@code POST /api/tx}); every other
 * {@code GET} path the explorer's pages and event stream.
 */
public interface ApiRoutes {
  void register(Router router, NodeServices node);
}
