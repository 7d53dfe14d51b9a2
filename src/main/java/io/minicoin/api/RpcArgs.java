package io.minicoin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.minicoin.core.Address;
import io.minicoin.core.Amount;
import io.minicoin.crypto.Sha256Hash;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A call's parameters, by position (named parameters already mapped onto positions), read with
 * Core's checks and messages: a value of the wrong JSON type is {@code -3}, a well-typed but bad
 * value {@code -8}. A missing optional parameter, or JSON {@code null} in its place, takes the
 * default, as in Core.
 */
public final class RpcArgs {
  private final RpcMethod method;
  private final List<JsonNode> values;

  private RpcArgs(RpcMethod method, List<JsonNode> values) {
    this.method = method;
    this.values = values;
  }

  /** Positional ({@code [..]}) or named ({@code {..}}) parameters, checked against the method. */
  static RpcArgs of(RpcMethod method, JsonNode params) {
    List<JsonNode> values = new ArrayList<>();
    if (params.isArray()) {
      params.forEach(values::add);
    } else {
      for (Map.Entry<String, JsonNode> f : params.properties()) {
        int i = method.params().indexOf(f.getKey());
        if (i < 0) {
          throw new RpcException(
              RpcException.INVALID_PARAMETER, "Unknown named parameter " + f.getKey());
        }
        while (values.size() <= i) {
          values.add(null);
        }
        values.set(i, f.getValue());
      }
    }
    // Trailing nulls count as absent, as in Core.
    while (!values.isEmpty() && isAbsent(values.get(values.size() - 1))) {
      values.remove(values.size() - 1);
    }
    if (values.size() > method.params().size() || values.size() < method.required()) {
      throw new RpcException(RpcException.MISC_ERROR, method.help());
    }
    for (int i = 0; i < method.required(); i++) {
      if (isAbsent(values.get(i))) {
        throw new RpcException(
            RpcException.INVALID_PARAMETER,
            "Missing required parameter: " + method.params().get(i));
      }
    }
    return new RpcArgs(method, values);
  }

  private static boolean isAbsent(JsonNode n) {
    return n == null || n.isNull();
  }

  public boolean has(int i) {
    return i < values.size() && !isAbsent(values.get(i));
  }

  private JsonNode get(int i, JsonNodeType expected, String expectedName) {
    JsonNode n = values.get(i);
    if (n.getNodeType() != expected) {
      throw typeError(i, n, expectedName);
    }
    return n;
  }

  private RpcException typeError(int i, JsonNode n, String expectedName) {
    return new RpcException(
        RpcException.TYPE_ERROR,
        "JSON value of type "
            + typeName(n)
            + " for field "
            + method.params().get(i)
            + " is not of expected type "
            + expectedName);
  }

  private static String typeName(JsonNode n) {
    return switch (n.getNodeType()) {
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "bool";
      case ARRAY -> "array";
      case OBJECT -> "object";
      default -> "null";
    };
  }

  public JsonNode array(int i) {
    return get(i, JsonNodeType.ARRAY, "array");
  }

  public String string(int i) {
    return get(i, JsonNodeType.STRING, "string").textValue();
  }

  /** A whole number; Core refuses fractions and numbers beyond 64 bits the same way. */
  public long integer(int i) {
    JsonNode n = get(i, JsonNodeType.NUMBER, "number");
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new RpcException(
          RpcException.TYPE_ERROR,
          "JSON number " + n.asText() + " for field " + method.params().get(i) + " out of range");
    }
    return n.longValue();
  }

  public long integer(int i, long absent) {
    return has(i) ? integer(i) : absent;
  }

  public int intInRange(int i, int min, int max, String what) {
    long v = integer(i);
    if (v < min || v > max) {
      throw new RpcException(RpcException.INVALID_PARAMETER, what + " out of range");
    }
    return (int) v;
  }

  /** A flag: true/false, and also 1/0, which Core's callers have always sent for its flags. */
  public boolean flag(int i, boolean absent) {
    if (!has(i)) {
      return absent;
    }
    JsonNode n = values.get(i);
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    if (n.isIntegralNumber() && (n.longValue() == 0 || n.longValue() == 1)) {
      return n.longValue() == 1;
    }
    throw typeError(i, n, "bool");
  }

  /** A block or transaction hash: 64 hex digits, shown byte-reversed as Core shows them. */
  public Sha256Hash hash(int i) {
    String s = string(i);
    String name = method.params().get(i);
    if (s.length() != 64) {
      throw new RpcException(
          RpcException.INVALID_PARAMETER,
          name + " must be of length 64 (not " + s.length() + ", for '" + clip(s) + "')");
    }
    if (!isHex(s)) {
      throw new RpcException(
          RpcException.INVALID_PARAMETER,
          name + " must be hexadecimal string (not '" + clip(s) + "')");
    }
    return Sha256Hash.fromHex(s);
  }

  public byte[] hex(int i) {
    String s = string(i);
    if (!isHex(s) || s.length() % 2 != 0) {
      throw new RpcException(
          RpcException.DESERIALIZATION_ERROR, "argument is not hexadecimal: " + clip(s));
    }
    return HexFormat.of().parseHex(s);
  }

  public Address address(int i) {
    String s = string(i);
    try {
      return Address.parse(s);
    } catch (IllegalArgumentException e) {
      throw new RpcException(RpcException.INVALID_ADDRESS_OR_KEY, "Invalid address: " + clip(s));
    }
  }

  /** An amount in coins, as a JSON number or a string of one, at most eight decimals. */
  public Amount coins(int i) {
    JsonNode n = values.get(i);
    BigDecimal v;
    try {
      if (n.isNumber()) {
        v = n.decimalValue();
      } else if (n.isTextual()) {
        v = new BigDecimal(n.textValue());
      } else {
        throw typeError(i, n, "number");
      }
      v = v.movePointRight(8);
      Amount a = Amount.units(v.longValueExact());
      if (a.isNegative() || !a.isValidMoney()) {
        throw new RpcException(RpcException.TYPE_ERROR, "Amount out of range");
      }
      return a;
    } catch (ArithmeticException | NumberFormatException e) {
      throw new RpcException(RpcException.TYPE_ERROR, "Invalid amount");
    }
  }

  private static boolean isHex(String s) {
    for (int k = 0; k < s.length(); k++) {
      if (Character.digit(s.charAt(k), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Echoed input, cut short: an error message must not grow with what a client sent. */
  static String clip(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }
}
