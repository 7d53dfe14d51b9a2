package io.minicoin.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.core.Block;
import io.minicoin.core.Script;
import io.minicoin.core.Transaction;
import io.minicoin.core.Vectors;
import org.junit.jupiter.api.Test;

/**
 * Scripts as Esplora prints them. The expected texts are blockstream.info's for Bitcoin's genesis
 * coinbase (its input script carries the Times headline; its output pays a bare public key).
 */
class ScriptAsmTest {
  private static Transaction genesisCoinbase() {
    byte[] genesis = Vectors.blockRecords("first-100k-blocks.dat").get(0);
    return Block.fromBytes(genesis).transactions().get(0);
  }

  @Test
  void theGenesisCoinbaseReadsAsOnBlockstreamInfo() {
    Transaction cb = genesisCoinbase();
    assertThat(ScriptAsm.asm(cb.inputs().get(0).scriptSig()))
        .isEqualTo(
            "OP_PUSHBYTES_4 ffff001d OP_PUSHBYTES_1 04 OP_PUSHBYTES_69 "
                + "5468652054696d65732030332f4a616e2f32303039204368616e63656c6c6f72206f6e20627269"
                + "6e6b206f66207365636f6e64206261696c6f757420666f722062616e6b73");
    Script out = cb.outputs().get(0).scriptPubKey();
    assertThat(ScriptAsm.asm(out))
        .isEqualTo(
            "OP_PUSHBYTES_65 04678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb6"
                + "49f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5f OP_CHECKSIG");
    assertThat(ScriptAsm.type(out)).isEqualTo("p2pk");
  }

  @Test
  void numbersDataPushesAndCutScriptsAreNamed() {
    assertThat(ScriptAsm.asm(Script.of(Vectors.hex("0051604f6a")))) // OP_0 1 16 -1 RETURN
        .isEqualTo("OP_0 OP_PUSHNUM_1 OP_PUSHNUM_16 OP_PUSHNUM_NEG1 OP_RETURN");
    assertThat(ScriptAsm.asm(Script.of(Vectors.hex("4c02abcd")))).isEqualTo("OP_PUSHDATA1 abcd");
    assertThat(ScriptAsm.asm(Script.of(Vectors.hex("05abcd")))).endsWith("<push past end>");
    assertThat(ScriptAsm.type(Script.of(Vectors.hex("6a04deadbeef")))).isEqualTo("op_return");
    assertThat(ScriptAsm.type(Script.EMPTY)).isEqualTo("empty");
    assertThat(ScriptAsm.type(Script.of(Vectors.hex("a914" + "00".repeat(20) + "87"))))
        .isEqualTo("p2sh");
  }
}
