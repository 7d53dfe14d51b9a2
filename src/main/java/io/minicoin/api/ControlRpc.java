package io.minicoin.api;

import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Core's "control" methods: {@code help}, {@code stop}, {@code uptime}. */
final class ControlRpc {
  private ControlRpc() {}

  static void register(RpcMethods methods, NodeServices node) {
    methods.add(
        new RpcMethod(
            "help",
            List.of("command"),
            0,
            "List all commands, or get help for a specified command.",
            args -> {
              if (args.has(0)) {
                String name = args.string(0);
                return TextNode.valueOf(
                    methods
                        .find(name)
                        .map(RpcMethod::help)
                        .orElse("help: unknown command: " + RpcArgs.clip(name)));
              }
              StringBuilder s = new StringBuilder();
              methods.all().forEach(m -> s.append(m.help().lines().findFirst().get()).append('\n'));
              return TextNode.valueOf(s.toString().strip());
            }));
    methods.add(
        new RpcMethod(
            "stop",
            List.of(),
            0,
            "Request a graceful shutdown of the node.",
            args -> {
              // The reply goes out first; the node stops on another thread a moment later.
              node.stop().run();
              return TextNode.valueOf("minicoin stopping");
            }));
    methods.add(
        new RpcMethod(
            "uptime",
            List.of(),
            0,
            "Returns the total uptime of the server, in seconds.",
            args -> LongNode.valueOf(Duration.between(node.started(), Instant.now()).toSeconds())));
  }
}
