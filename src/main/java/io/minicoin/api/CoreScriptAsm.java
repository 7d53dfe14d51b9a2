package io.minicoin.api;

import io.minicoin.core.Script;
import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A script as Bitcoin Core's {@code asm} field shows it: data pushes in hex, opcodes by name, and
 * {@code [error]} where the bytes end inside a push. In an input script a push that looks like a
 * signature ends in {@code [ALL]} instead of its hash-type byte, as Core prints it.
 */
final class CoreScriptAsm {
  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(0x4f, "-1"),
          Map.entry(0x61, "OP_NOP"),
          Map.entry(0x69, "OP_VERIFY"),
          Map.entry(0x6a, "OP_RETURN"),
          Map.entry(0x75, "OP_DROP"),
          Map.entry(0x76, "OP_DUP"),
          Map.entry(0x87, "OP_EQUAL"),
          Map.entry(0x88, "OP_EQUALVERIFY"),
          Map.entry(0xa9, "OP_HASH160"),
          Map.entry(0xaa, "OP_HASH256"),
          Map.entry(0xab, "OP_CODESEPARATOR"),
          Map.entry(0xac, "OP_CHECKSIG"),
          Map.entry(0xad, "OP_CHECKSIGVERIFY"),
          Map.entry(0xae, "OP_CHECKMULTISIG"),
          Map.entry(0xaf, "OP_CHECKMULTISIGVERIFY"),
          Map.entry(0xb1, "OP_CHECKLOCKTIMEVERIFY"),
          Map.entry(0xb2, "OP_CHECKSEQUENCEVERIFY"));

  private CoreScriptAsm() {}

  static String of(Script script, boolean inputScript) {
    byte[] b = script.bytes();
    StringJoiner out = new StringJoiner(" ");
    HexFormat hex = HexFormat.of();
    int i = 0;
    while (i < b.length) {
      int op = b[i++] & 0xff;
      if (op == 0) {
        out.add("0");
        continue;
      }
      if (op <= 0x4e) {
        int lenBytes = op < 0x4c ? 0 : op == 0x4c ? 1 : op == 0x4d ? 2 : 4;
        if (i + lenBytes > b.length) {
          out.add("[error]");
          break;
        }
        long len = op < 0x4c ? op : 0;
        for (int k = 0; k < lenBytes; k++) {
          len |= (long) (b[i + k] & 0xff) << (8 * k);
        }
        i += lenBytes;
        if (len > b.length - i) {
          out.add("[error]");
          break;
        }
        byte[] data = java.util.Arrays.copyOfRange(b, i, i + (int) len);
        i += (int) len;
        out.add(inputScript && looksLikeSignature(data) ? signature(data) : hex.formatHex(data));
        continue;
      }
      if (op >= 0x51 && op <= 0x60) {
        out.add(String.valueOf(op - 0x50));
        continue;
      }
      out.add(NAMES.getOrDefault(op, "OP_UNKNOWN"));
    }
    return out.toString();
  }

  /** A DER signature (0x30, length) followed by a hash-type byte. */
  private static boolean looksLikeSignature(byte[] d) {
    return d.length >= 9 && d.length <= 73 && d[0] == 0x30 && (d[1] & 0xff) == d.length - 3;
  }

  private static String signature(byte[] d) {
    String type =
        switch (d[d.length - 1] & 0xff) {
          case 0x01 -> "[ALL]";
          case 0x02 -> "[NONE]";
          case 0x03 -> "[SINGLE]";
          case 0x81 -> "[ALL|ANYONECANPAY]";
          case 0x82 -> "[NONE|ANYONECANPAY]";
          case 0x83 -> "[SINGLE|ANYONECANPAY]";
          default -> null;
        };
    HexFormat hex = HexFormat.of();
    return type == null ? hex.formatHex(d) : hex.formatHex(d, 0, d.length - 1) + type;
  }
}
