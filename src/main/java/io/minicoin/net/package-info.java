/**
 * The network: {@link io.minicoin.net.Node} keeps TCP connections to its peers and handles their
 * messages one at a time; block download and relay, transaction relay, the known-node list and the
 * miner each have a class of their own. The message formats live in {@code net.wire}. Talks to the
 * chain layer only, never to the store.
 */
package io.minicoin.net;
