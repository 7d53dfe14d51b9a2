package io.minicoin.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.minicoin.core.Address;
import io.minicoin.crypto.PrivateKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalletTest {
  @TempDir Path dir;
  final SecureRandom random = new SecureRandom();

  Path file() {
    return dir.resolve("wallet_3000.dat");
  }

  @Test
  void aMissingFileIsAnEmptyWalletAndLoadingDoesNotCreateIt() {
    assertThat(Wallet.load(file()).addresses()).isEmpty();
    assertThat(file()).doesNotExist();
  }

  @Test
  void createdAddressesAreSavedAndReloadInTheOrderTheyWereMade() {
    Wallet wallet = Wallet.load(file());
    Address first = wallet.createAddress(random);
    Address second = wallet.createAddress(random);
    Address third = wallet.createAddress(random);

    Wallet reloaded = Wallet.load(file());

    assertThat(reloaded.addresses()).containsExactly(first, second, third);
    assertThat(Address.fromPublicKey(reloaded.key(second).orElseThrow().publicKey()))
        .isEqualTo(second);
  }

  @Test
  void theFileIsReadableAndWritableByItsOwnerOnly() throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Wallet.load(file()).createAddress(random);
    Wallet.load(file()).createAddress(random);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file())))
        .isEqualTo("rw-------");
    assertThat(dir.resolve("wallet_3000.dat.tmp")).doesNotExist();
  }

  @Test
  void everyLineAfterTheHeaderIsAKeyInWalletImportFormatFollowedByItsAddress() throws Exception {
    Wallet wallet = Wallet.load(file());
    wallet.createAddress(random);
    wallet.createAddress(random);

    List<String> lines = Files.readAllLines(file());

    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo(Wallet.HEADER);
    List<Address> fromWif =
        lines.subList(1, 3).stream()
            .map(line -> line.substring(0, line.indexOf(" # addr=")))
            .map(PrivateKey::fromWif)
            .map(k -> Address.fromPublicKey(k.publicKey()))
            .toList();
    assertThat(fromWif).isEqualTo(wallet.addresses());
    List<Address> noted =
        lines.subList(1, 3).stream()
            .map(line -> Address.parse(line.substring(line.indexOf(" # addr=") + 8)))
            .toList();
    assertThat(noted).isEqualTo(wallet.addresses());
  }

  // The private key 1 and its compressed public key's address, as every Bitcoin wallet gives them.
  private static final String WIF_OF_ONE = "KwDiBf89QgGbjEhKnhXJuH7LrciVrZi3qYjgd9M7rFU73sVHnoWn";
  private static final String ADDRESS_OF_ONE = "1BgGZ9tcN4rm9KBzDn7KprQz87SZ26SAMH";

  @Test
  void aFileOfTheFirstVersionWithKeysOnlyStillLoadsAndGainsTheNotesWhenAKeyIsAdded()
      throws Exception {
    Files.writeString(file(), Wallet.HEADER_V1 + "\n" + WIF_OF_ONE + "\n");

    Wallet wallet = Wallet.load(file());
    assertThat(wallet.addresses()).containsExactly(Address.parse(ADDRESS_OF_ONE));
    assertThat(wallet.key(Address.parse(ADDRESS_OF_ONE)).orElseThrow().toWif())
        .isEqualTo(WIF_OF_ONE);

    Address added = wallet.createAddress(random);
    List<String> lines = Files.readAllLines(file());
    assertThat(lines)
        .containsExactly(
            Wallet.HEADER,
            WIF_OF_ONE + " # addr=" + ADDRESS_OF_ONE,
            wallet.key(added).orElseThrow().toWif() + " # addr=" + added);
  }

  @Test
  void aNoteThatIsNotTheKeysAddressIsNeverUsedToSign() throws Exception {
    Address other = Wallet.load(dir.resolve("other.dat")).createAddress(random);
    Files.writeString(file(), Wallet.HEADER + "\n" + WIF_OF_ONE + " # addr=" + other + "\n");

    Wallet wallet = Wallet.load(file());

    assertThat(wallet.addresses()).containsExactly(other); // listing trusts the note...
    assertThatThrownBy(() -> wallet.key(other)) // ...handing out the key to sign does not
        .isInstanceOf(WalletException.class)
        .hasMessageContaining(file().toString())
        .hasMessageContaining("corrupt")
        .hasMessageContaining(other.toString());
  }

  @Test
  void aWrongNoteIsNeverWrittenBackWhenAKeyIsAdded() throws Exception {
    Address other = Wallet.load(dir.resolve("other.dat")).createAddress(random);
    String text = Wallet.HEADER + "\n" + WIF_OF_ONE + " # addr=" + other + "\n";
    Files.writeString(file(), text);

    Wallet wallet = Wallet.load(file());

    assertThatThrownBy(() -> wallet.createAddress(random))
        .isInstanceOf(WalletException.class)
        .hasMessageContaining("corrupt")
        .hasMessageContaining(other.toString());
    assertThat(Files.readString(file())).isEqualTo(text);
  }

  @Test
  void twoKeysNotedWithOneAddressAreRefusedSoNeitherIsLostOnTheNextSave() throws Exception {
    Wallet otherWallet = Wallet.load(dir.resolve("other.dat"));
    Address other = otherWallet.createAddress(random);
    String otherWif = otherWallet.key(other).orElseThrow().toWif();
    String text =
        Wallet.HEADER
            + "\n"
            + otherWif
            + " # addr="
            + other
            + "\n"
            + WIF_OF_ONE
            + " # addr="
            + other
            + "\n";
    Files.writeString(file(), text);

    assertThatThrownBy(() -> Wallet.load(file()))
        .isInstanceOf(WalletException.class)
        .hasMessageContaining("corrupt")
        .hasMessageContaining("line 3")
        .hasMessageContaining(other.toString());
    assertThat(Files.readString(file())).isEqualTo(text);
  }

  @Test
  void theSameKeyTwiceLoadsAsOneKey() throws Exception {
    Files.writeString(
        file(),
        Wallet.HEADER + "\n" + WIF_OF_ONE + " # addr=" + ADDRESS_OF_ONE + "\n" + WIF_OF_ONE + "\n");
    assertThat(Wallet.load(file()).addresses()).containsExactly(Address.parse(ADDRESS_OF_ONE));
  }

  @Test
  void binaryGarbageIsRefusedNamingTheFileAndLeftUnchanged() throws Exception {
    byte[] garbage = new byte[300];
    new Random(3).nextBytes(garbage);
    Files.write(file(), garbage);

    assertThatThrownBy(() -> Wallet.load(file()))
        .isInstanceOf(WalletException.class)
        .hasMessageContaining(file().toString())
        .hasMessageContaining("not a minicoin wallet");
    assertThat(Files.readAllBytes(file())).isEqualTo(garbage);
  }

  @Test
  void textThatIsNotAWalletIsRefusedNamingTheFirstLine() throws Exception {
    Files.writeString(file(), "hello\nworld\n");
    assertThatThrownBy(() -> Wallet.load(file()))
        .isInstanceOf(WalletException.class)
        .hasMessageContaining(file().toString())
        .hasMessageContaining("first line");
    assertThat(Files.readString(file())).isEqualTo("hello\nworld\n");
  }

  @Test
  void aKeyWithABadChecksumIsRefusedNamingTheFileAndLineAndTheFileIsUnchanged() throws Exception {
    Wallet.load(file()).createAddress(random);
    Wallet.load(file()).createAddress(random);
    List<String> lines = Files.readAllLines(file());
    String key = lines.get(2);
    char last = key.charAt(key.length() - 1);
    String broken = key.substring(0, key.length() - 1) + (last == 'z' ? 'y' : 'z');
    Files.writeString(file(), lines.get(0) + "\n" + lines.get(1) + "\n" + broken + "\n");
    byte[] before = Files.readAllBytes(file());

    assertThatThrownBy(() -> Wallet.load(file()))
        .isInstanceOf(WalletException.class)
        .hasMessageContaining(file().toString())
        .hasMessageContaining("line 3");
    assertThat(Files.readAllBytes(file())).isEqualTo(before);
    assertThat(new String(before, StandardCharsets.UTF_8)).doesNotContain(".tmp");
  }
}
