package io.minicoin.core;

import static io.minicoin.core.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicoin.crypto.Sha256Hash;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The legacy signature hash against Bitcoin Core's sighash.json. minicoin signs only with
 * SIGHASH_ALL, so only the vectors whose hash type means ALL are checked: the low five bits not
 * NONE (2) or SINGLE (3), and ANYONECANPAY (0x80) clear. Any other value of the low bits hashes as
 * ALL in Bitcoin, with the full 4-byte hash type appended.
 */
class SighashTest {
  private static final int SIGHASH_NONE = 2;
  private static final int SIGHASH_SINGLE = 3;
  private static final int ANYONECANPAY = 0x80;

  @Test
  void allVectorsWithSighashAllGiveTheExpectedDigest() {
    int checked = 0;
    for (Object entry : Vectors.jsonArray("sighash.json")) {
      List<Object> v = Vectors.list(entry);
      if (v.size() != 5) {
        continue; // the header line
      }
      int hashType = ((Long) v.get(3)).intValue();
      int base = hashType & 0x1f;
      if (base == SIGHASH_NONE || base == SIGHASH_SINGLE || (hashType & ANYONECANPAY) != 0) {
        continue;
      }
      Transaction tx = Transaction.fromBytes(hex((String) v.get(0)));
      assertThat(hex(tx.serialize())).isEqualTo(v.get(0));
      Script script = Script.of(hex((String) v.get(1)));
      int index = ((Long) v.get(2)).intValue();
      byte[] digest = Sighash.legacy(tx, index, script, hashType);
      // The vector shows the digest byte-reversed, as Bitcoin shows hashes.
      assertThat(Sha256Hash.wrap(digest).toString()).as("vector %s", v).isEqualTo(v.get(4));
      checked++;
    }
    assertThat(checked).isEqualTo(253);
  }
}
