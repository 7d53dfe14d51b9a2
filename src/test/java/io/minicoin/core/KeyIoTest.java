package io.minicoin.core;

import static io.minicoin.core.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicoin.crypto.Base58;
import io.minicoin.crypto.FormatException;
import io.minicoin.crypto.PrivateKey;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Addresses and WIF keys against Bitcoin Core's key_io_valid.json and key_io_invalid.json. */
class KeyIoTest {
  private static final String GOOD = "1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mo";

  private record Entry(String text, String hex, Map<String, Object> meta) {
    boolean mainnet() {
      return "main".equals(meta.get("chain"));
    }

    boolean isPrivkey() {
      return Boolean.TRUE.equals(meta.get("isPrivkey"));
    }

    boolean isP2pkhAddress() {
      return !isPrivkey() && hex.startsWith("76a914") && hex.endsWith("88ac") && hex.length() == 50;
    }
  }

  private static List<Entry> validEntries() {
    return Vectors.jsonArray("key_io_valid.json").stream()
        .map(Vectors::list)
        .map(e -> new Entry((String) e.get(0), (String) e.get(1), Vectors.map(e.get(2))))
        .toList();
  }

  @Test
  void mainnetP2pkhAddressesParseToTheirScript() {
    List<Entry> p2pkh =
        validEntries().stream().filter(e -> e.mainnet() && e.isP2pkhAddress()).toList();
    assertThat(p2pkh).hasSize(3);
    for (Entry e : p2pkh) {
      Address a = Address.parse(e.text());
      assertThat(hex(a.lockingScript().bytes())).as(e.text()).isEqualTo(e.hex());
      assertThat(a.toString()).isEqualTo(e.text());
      assertThat(Address.fromPubKeyHash(a.pubKeyHash())).isEqualTo(a);
    }
  }

  @Test
  void everyOtherValidEntryIsNotAMinicoinAddress() {
    // P2SH, segwit, other chains and private keys are valid Bitcoin strings but not our addresses.
    List<Entry> others =
        validEntries().stream().filter(e -> !(e.mainnet() && e.isP2pkhAddress())).toList();
    assertThat(others).hasSize(67);
    for (Entry e : others) {
      assertThatThrownBy(() -> Address.parse(e.text()))
          .as(e.text())
          .isInstanceOf(FormatException.class);
    }
  }

  @Test
  void mainnetCompressedWifKeysParseAndRoundTrip() {
    List<Entry> keys =
        validEntries().stream()
            .filter(
                e ->
                    e.mainnet()
                        && e.isPrivkey()
                        && Boolean.TRUE.equals(e.meta().get("isCompressed")))
            .toList();
    assertThat(keys).hasSize(2);
    for (Entry e : keys) {
      PrivateKey key = PrivateKey.fromWif(e.text());
      assertThat(key).isEqualTo(PrivateKey.fromBytes(hex(e.hex())));
      assertThat(key.toWif()).isEqualTo(e.text());
      assertThat(key.publicKey().bytes()).hasSize(33);
    }
  }

  @Test
  void otherValidKeysAreRefusedAsNotMainnetCompressed() {
    List<Entry> keys =
        validEntries().stream()
            .filter(
                e ->
                    e.isPrivkey()
                        && !(e.mainnet() && Boolean.TRUE.equals(e.meta().get("isCompressed"))))
            .toList();
    assertThat(keys).hasSize(14);
    for (Entry e : keys) {
      assertThatThrownBy(() -> PrivateKey.fromWif(e.text()))
          .as(e.text())
          .isInstanceOf(FormatException.class);
    }
  }

  @Test
  void everyInvalidEntryIsRejectedAsAddressAndAsKey() {
    List<Object> entries = Vectors.jsonArray("key_io_invalid.json");
    assertThat(entries).hasSize(70);
    for (Object entry : entries) {
      String text = (String) Vectors.list(entry).get(0);
      assertThatThrownBy(() -> Address.parse(text))
          .as("address %s", text)
          .isInstanceOf(FormatException.class);
      assertThatThrownBy(() -> PrivateKey.fromWif(text))
          .as("key %s", text)
          .isInstanceOf(FormatException.class);
    }
  }

  @Test
  void addressWithBadChecksumNamesTheChecksum() {
    String typo = GOOD.substring(0, GOOD.length() - 1) + "n";
    assertThatThrownBy(() -> Address.parse(typo))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("invalid address")
        .hasMessageContaining("checksum");
  }

  @Test
  void addressWithCharactersOutsideBase58NamesTheCharacter() {
    for (String c : List.of("0", "O", "I", "l")) {
      String bad = GOOD.substring(0, 5) + c + GOOD.substring(6);
      assertThatThrownBy(() -> Address.parse(bad))
          .as(bad)
          .isInstanceOf(FormatException.class)
          .hasMessageContaining("invalid Base58 character '" + c + "'");
    }
  }

  @Test
  void addressWithWrongVersionNamesTheVersion() {
    byte[] payload = new byte[21];
    payload[0] = 0x05; // a mainnet P2SH address
    String p2sh = Base58.encodeChecked(payload);
    assertThatThrownBy(() -> Address.parse(p2sh))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("wrong version byte 5");
  }

  @Test
  void addressWithWrongLengthNamesTheLength() {
    for (int len : new int[] {0, 1, 20, 22, 33}) {
      String text = Base58.encodeChecked(new byte[len]);
      assertThatThrownBy(() -> Address.parse(text))
          .as("payload of %d bytes", len)
          .isInstanceOf(FormatException.class)
          .hasMessageContaining("wrong length");
    }
  }

  @Test
  void wifWithoutPayloadIsAFormatError() {
    String empty = Base58.encodeChecked(new byte[0]);
    assertThatThrownBy(() -> PrivateKey.fromWif(empty))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("nothing before the checksum");
    byte[] zeroKey = Arrays.copyOf(new byte[] {(byte) 0x80}, 34);
    zeroKey[33] = 1;
    assertThatThrownBy(() -> PrivateKey.fromWif(Base58.encodeChecked(zeroKey)))
        .isInstanceOf(FormatException.class);
  }
}
