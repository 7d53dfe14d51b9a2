package io.minicoin.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the vectors under {@code src/test/resources/vectors} (see PROVENANCE.md there). The JSON
 * reader is deliberately tiny (the project has no JSON library): objects become maps, arrays lists,
 * numbers {@code Long}, and the rest strings, booleans or null.
 */
public final class Vectors {
  private Vectors() {}

  public static byte[] bytes(String name) {
    try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource vectors/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The parsed JSON array at the top of a vector file. */
  public static List<Object> jsonArray(String name) {
    Object value = new Json(new String(bytes(name), StandardCharsets.UTF_8)).parse();
    return list(value);
  }

  @SuppressWarnings("unchecked")
  public static List<Object> list(Object value) {
    return (List<Object>) value;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  public static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * Splits bitcoinj's block file format into blocks: each record is the 4-byte magic f9beb4d9, a
   * 4-byte little-endian length, then that many block bytes.
   */
  public static List<byte[]> blockRecords(String name) {
    byte[] data = bytes(name);
    List<byte[]> blocks = new ArrayList<>();
    ByteReader r = new ByteReader(data);
    while (r.remaining() > 0) {
      int magic = r.readInt32();
      if (magic != 0xd9b4bef9) {
        throw new IllegalStateException("bad magic at offset " + (r.position() - 4));
      }
      blocks.add(r.readBytes((int) r.readUInt32()));
    }
    return blocks;
  }

  /** A recursive-descent reader for the JSON in the vector files. */
  private static final class Json {
    private final String s;
    private int i;

    Json(String s) {
      this.s = s;
    }

    Object parse() {
      Object v = value();
      skipSpace();
      if (i != s.length()) {
        throw error("trailing text");
      }
      return v;
    }

    private Object value() {
      skipSpace();
      char c = s.charAt(i);
      return switch (c) {
        case '[' -> array();
        case '{' -> object();
        case '"' -> string();
        case 't' -> literal("true", true);
        case 'f' -> literal("false", false);
        case 'n' -> literal("null", null);
        default -> number();
      };
    }

    private List<Object> array() {
      List<Object> out = new ArrayList<>();
      i++; // [
      skipSpace();
      if (s.charAt(i) == ']') {
        i++;
        return out;
      }
      while (true) {
        out.add(value());
        skipSpace();
        char c = s.charAt(i++);
        if (c == ']') {
          return out;
        }
        if (c != ',') {
          throw error("expected , or ]");
        }
      }
    }

    private Map<String, Object> object() {
      Map<String, Object> out = new LinkedHashMap<>();
      i++; // {
      skipSpace();
      if (s.charAt(i) == '}') {
        i++;
        return out;
      }
      while (true) {
        skipSpace();
        String key = string();
        skipSpace();
        if (s.charAt(i++) != ':') {
          throw error("expected :");
        }
        out.put(key, value());
        skipSpace();
        char c = s.charAt(i++);
        if (c == '}') {
          return out;
        }
        if (c != ',') {
          throw error("expected , or }");
        }
      }
    }

    private String string() {
      if (s.charAt(i++) != '"') {
        throw error("expected a string");
      }
      StringBuilder sb = new StringBuilder();
      while (true) {
        char c = s.charAt(i++);
        if (c == '"') {
          return sb.toString();
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = s.charAt(i++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'u' -> {
            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> sb.append(e); // \" \\ \/
        }
      }
    }

    private Object literal(String word, Object value) {
      if (!s.startsWith(word, i)) {
        throw error("expected " + word);
      }
      i += word.length();
      return value;
    }

    private Long number() {
      int start = i;
      if (s.charAt(i) == '-') {
        i++;
      }
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      if (start == i) {
        throw error("unexpected character");
      }
      return Long.parseLong(s.substring(start, i)); // the vectors hold only integers
    }

    private void skipSpace() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private IllegalStateException error(String what) {
      return new IllegalStateException("JSON: " + what + " at offset " + i);
    }
  }
}
