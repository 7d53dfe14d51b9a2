package io.minicoin.api;

import io.minicoin.core.Script;
import java.util.HexFormat;

/**
 * A script as text, the way Esplora prints {@code scriptpubkey_asm} and {@code scriptsig_asm}
 * (rust-bitcoin's names): {@code OP_DUP OP_HASH160 OP_PUSHBYTES_20 <hex> OP_EQUALVERIFY
 * OP_CHECKSIG}. Also the script's type, as Esplora names it ({@code p2pkh}, {@code op_return},
 * ...).
 */
final class ScriptAsm {
  /** Opcodes 0x61 (OP_NOP) to 0xb9 (OP_NOP10), in order. */
  private static final String[] NAMES = {
    "OP_NOP",
    "OP_VER",
    "OP_IF",
    "OP_NOTIF",
    "OP_VERIF",
    "OP_VERNOTIF",
    "OP_ELSE",
    "OP_ENDIF",
    "OP_VERIFY",
    "OP_RETURN",
    "OP_TOALTSTACK",
    "OP_FROMALTSTACK",
    "OP_2DROP",
    "OP_2DUP",
    "OP_3DUP",
    "OP_2OVER",
    "OP_2ROT",
    "OP_2SWAP",
    "OP_IFDUP",
    "OP_DEPTH",
    "OP_DROP",
    "OP_DUP",
    "OP_NIP",
    "OP_OVER",
    "OP_PICK",
    "OP_ROLL",
    "OP_ROT",
    "OP_SWAP",
    "OP_TUCK",
    "OP_CAT",
    "OP_SUBSTR",
    "OP_LEFT",
    "OP_RIGHT",
    "OP_SIZE",
    "OP_INVERT",
    "OP_AND",
    "OP_OR",
    "OP_XOR",
    "OP_EQUAL",
    "OP_EQUALVERIFY",
    "OP_RESERVED1",
    "OP_RESERVED2",
    "OP_1ADD",
    "OP_1SUB",
    "OP_2MUL",
    "OP_2DIV",
    "OP_NEGATE",
    "OP_ABS",
    "OP_NOT",
    "OP_0NOTEQUAL",
    "OP_ADD",
    "OP_SUB",
    "OP_MUL",
    "OP_DIV",
    "OP_MOD",
    "OP_LSHIFT",
    "OP_RSHIFT",
    "OP_BOOLAND",
    "OP_BOOLOR",
    "OP_NUMEQUAL",
    "OP_NUMEQUALVERIFY",
    "OP_NUMNOTEQUAL",
    "OP_LESSTHAN",
    "OP_GREATERTHAN",
    "OP_LESSTHANOREQUAL",
    "OP_GREATERTHANOREQUAL",
    "OP_MIN",
    "OP_MAX",
    "OP_WITHIN",
    "OP_RIPEMD160",
    "OP_SHA1",
    "OP_SHA256",
    "OP_HASH160",
    "OP_HASH256",
    "OP_CODESEPARATOR",
    "OP_CHECKSIG",
    "OP_CHECKSIGVERIFY",
    "OP_CHECKMULTISIG",
    "OP_CHECKMULTISIGVERIFY",
    "OP_NOP1",
    "OP_CLTV",
    "OP_CSV",
    "OP_NOP4",
    "OP_NOP5",
    "OP_NOP6",
    "OP_NOP7",
    "OP_NOP8",
    "OP_NOP9",
    "OP_NOP10"
  };

  private ScriptAsm() {}

  static String asm(Script script) {
    byte[] b = script.bytes();
    HexFormat hex = HexFormat.of();
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < b.length) {
      if (out.length() > 0) {
        out.append(' ');
      }
      int op = b[i++] & 0xff;
      int len = -1;
      if (op == 0) {
        out.append("OP_0");
      } else if (op < 0x4c) {
        out.append("OP_PUSHBYTES_").append(op);
        len = op;
      } else if (op <= 0x4e) {
        int size = op == 0x4c ? 1 : op == 0x4d ? 2 : 4;
        out.append("OP_PUSHDATA").append(size == 4 ? 4 : size);
        if (i + size > b.length) {
          return out.append(" <unexpected end>").toString();
        }
        long n = 0;
        for (int k = size - 1; k >= 0; k--) {
          n = n << 8 | (b[i + k] & 0xff);
        }
        i += size;
        len = (int) Math.min(n, Integer.MAX_VALUE);
      } else if (op == 0x4f) {
        out.append("OP_PUSHNUM_NEG1");
      } else if (op == 0x50) {
        out.append("OP_RESERVED");
      } else if (op <= 0x60) {
        out.append("OP_PUSHNUM_").append(op - 0x50);
      } else if (op <= 0xb9) {
        out.append(NAMES[op - 0x61]);
      } else {
        out.append("OP_RETURN_").append(op);
      }
      if (len >= 0) {
        if (len > b.length - i) {
          return out.append(" <push past end>").toString();
        }
        out.append(' ').append(hex.formatHex(b, i, i + len));
        i += len;
      }
    }
    return out.toString();
  }

  /** Esplora's {@code scriptpubkey_type}. */
  static String type(Script script) {
    byte[] b = script.bytes();
    int n = b.length;
    if (n == 0) {
      return "empty";
    }
    if ((b[0] & 0xff) == 0x6a) {
      return "op_return";
    }
    if (((n == 35 && b[0] == 33) || (n == 67 && b[0] == 65)) && (b[n - 1] & 0xff) == 0xac) {
      return "p2pk";
    }
    if (script.payToPubKeyHash().isPresent()) {
      return "p2pkh";
    }
    if (n == 23 && (b[0] & 0xff) == 0xa9 && b[1] == 20 && (b[22] & 0xff) == 0x87) {
      return "p2sh";
    }
    if (n == 22 && b[0] == 0 && b[1] == 20) {
      return "v0_p2wpkh";
    }
    if (n == 34 && b[0] == 0 && b[1] == 32) {
      return "v0_p2wsh";
    }
    if (n == 34 && (b[0] & 0xff) == 0x51 && b[1] == 32) {
      return "v1_p2tr";
    }
    return "unknown";
  }
}
