package io.minicoin.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One JSON-RPC method as Core defines it: its name, its parameters' names in order (the first
 * {@code required} of them must be given; named parameters map onto these), a one-paragraph help
 * text, and what it does.
 */
public record RpcMethod(String name, List<String> params, int required, String summary, Body body) {

  @FunctionalInterface
  public interface Body {
    JsonNode call(RpcArgs args);
  }

  public RpcMethod {
    params = List.copyOf(params);
    if (required > params.size()) {
      throw new IllegalArgumentException(name + ": more required parameters than parameters");
    }
  }

  /** Core's help text: the call with its parameters (optional ones in quotes), then the summary. */
  public String help() {
    StringBuilder s = new StringBuilder(name);
    for (int i = 0; i < params.size(); i++) {
      s.append(' ').append(i < required ? params.get(i) : "( \"" + params.get(i) + "\" )");
    }
    return s.append("\n\n").append(summary).toString();
  }
}
