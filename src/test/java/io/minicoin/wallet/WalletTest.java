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
  void everyLineAfterTheHeaderIsAKeyInWalletImportFormat() throws Exception {
    Wallet wallet = Wallet.load(file());
    wallet.createAddress(random);
    wallet.createAddress(random);

    List<String> lines = Files.readAllLines(file());

    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).isEqualTo(Wallet.HEADER);
    List<Address> fromWif =
        lines.subList(1, 3).stream()
            .map(PrivateKey::fromWif)
            .map(k -> Address.fromPublicKey(k.publicKey()))
            .toList();
    assertThat(fromWif).isEqualTo(wallet.addresses());
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
