/**
 * The node's HTTP server: Bitcoin Core's JSON-RPC ({@code POST /}), Esplora's REST API ({@code
 * /api/...}) and the explorer's pages with its live event stream ({@code /explorer/...}), all on
 * one {@link io.minicoin.api.ApiServer}. Each feature registers its paths in one small {@link
 * io.minicoin.api.ApiRoutes} class. Reads the chain, the pool, the peers and the wallet; never the
 * store directly.
 */
package io.minicoin.api;
