package io.minicoin.crypto;

import static io.minicoin.core.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicoin.core.Vectors;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Base58 and Base58Check against Bitcoin Core's base58_encode_decode.json. */
class Base58Test {
  private static final String ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

  /** A valid Base58Check address (key_io_valid.json). */
  private static final String GOOD = "1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mo";

  @Test
  void everyBitcoinCorePairEncodesAndDecodes() {
    List<Object> pairs = Vectors.jsonArray("base58_encode_decode.json");
    assertThat(pairs).hasSizeGreaterThan(10);
    for (Object entry : pairs) {
      List<Object> pair = Vectors.list(entry);
      byte[] data = hex((String) pair.get(0));
      String text = (String) pair.get(1);
      assertThat(Base58.encode(data)).as("encode %s", pair.get(0)).isEqualTo(text);
      assertThat(hex(Base58.decode(text)))
          .as("decode %s", text)
          .isEqualToIgnoringCase((String) pair.get(0));
    }
  }

  @Test
  void checkedEncodingRoundTrips() {
    // The genesis block's coinbase address, and an address from key_io_valid.json.
    byte[] genesis = hex("0062e907b15cbf27d5425399ebf6f0fb50ebb88f18");
    assertThat(Base58.encodeChecked(genesis)).isEqualTo("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa");
    assertThat(Base58.decodeChecked("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")).isEqualTo(genesis);
    byte[] payload = hex("00a31c06bd463e3923bc1aadbde48b16976c080717");
    assertThat(Base58.encodeChecked(payload)).isEqualTo(GOOD);
    assertThat(Base58.decodeChecked(GOOD)).isEqualTo(payload);
  }

  @Test
  void everySingleCharacterSubstitutionIsCaughtByTheChecksum() {
    String good = GOOD;
    for (int pos = 0; pos < good.length(); pos++) {
      for (int k = 0; k < ALPHABET.length(); k++) {
        char c = ALPHABET.charAt(k);
        if (c == good.charAt(pos)) {
          continue;
        }
        String typo = good.substring(0, pos) + c + good.substring(pos + 1);
        assertThatThrownBy(() -> Base58.decodeChecked(typo))
            .as("typo %s", typo)
            .isInstanceOf(FormatException.class)
            .hasMessageContaining("checksum");
      }
    }
  }

  @Test
  void swappedNeighboursAreCaughtByTheChecksum() {
    String good = GOOD;
    for (int pos = 0; pos + 1 < good.length(); pos++) {
      if (good.charAt(pos) == good.charAt(pos + 1)) {
        continue;
      }
      String swapped =
          good.substring(0, pos)
              + good.charAt(pos + 1)
              + good.charAt(pos)
              + good.substring(pos + 2);
      assertThatThrownBy(() -> Base58.decodeChecked(swapped)).isInstanceOf(FormatException.class);
    }
  }

  @Test
  void textTooShortForAChecksumIsRejected() {
    assertThatThrownBy(() -> Base58.decodeChecked(""))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("too short");
    assertThatThrownBy(() -> Base58.decodeChecked("2g"))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("too short");
  }

  @Test
  void charactersOutsideTheAlphabetAreRejectedByName() {
    for (String bad : List.of("0", "O", "I", "l", "+", "é", " ")) {
      assertThatThrownBy(() -> Base58.decode("1abc" + bad))
          .isInstanceOf(FormatException.class)
          .hasMessageContaining("invalid Base58 character '" + bad + "'");
    }
  }
}
