package io.minicoin.net;

/**
 * Hears every {@link NodeEvent} of a running node (the explorer's live view is one). Called on the
 * node's own threads, mostly its event thread, so an implementation must return at once and never
 * block: it may copy the event somewhere bounded, nothing more. A listener that throws is logged
 * and otherwise ignored. With no listener set, publishing costs the node one null check.
 */
@FunctionalInterface
public interface NodeListener {
  void onEvent(NodeEvent event);
}
