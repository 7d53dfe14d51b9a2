package io.minicoin.wallet;

import io.minicoin.core.Address;
import io.minicoin.crypto.FormatException;
import io.minicoin.crypto.PrivateKey;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node's keys, kept in a text file: a header line, then one private key per line in Bitcoin's
 * wallet import format (WIF), oldest first. Any Bitcoin wallet can import these keys.
 *
 * <p>The file is readable by its owner only, and is replaced atomically (temporary file, fsync,
 * rename), so a crash leaves the old wallet or the new one, never half of one.
 */
public final class Wallet {
  static final String HEADER =
      "# minicoin wallet v1: private keys in wallet import format (WIF), oldest first. Keep secret.";

  private final Path file;
  private final Map<Address, PrivateKey> keys;

  private Wallet(Path file, Map<Address, PrivateKey> keys) {
    this.file = file;
    this.keys = keys;
  }

  /** Loads the wallet; a missing file is an empty wallet. */
  public static Wallet load(Path file) {
    Map<Address, PrivateKey> keys = new LinkedHashMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return new Wallet(file, keys);
    } catch (CharacterCodingException e) {
      throw new WalletException(
          "wallet file " + file + " is corrupt or not a minicoin wallet (not text)", e);
    } catch (IOException e) {
      throw new WalletException("cannot read wallet file " + file + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      throw new WalletException(
          "wallet file " + file + " is corrupt or not a minicoin wallet (bad first line)");
    }
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        PrivateKey key = PrivateKey.fromWif(line);
        keys.put(Address.fromPublicKey(key.publicKey()), key);
      } catch (FormatException e) {
        throw new WalletException(
            "wallet file " + file + " is corrupt: line " + (i + 1) + ": " + e.getMessage());
      }
    }
    return new Wallet(file, keys);
  }

  /** Makes a new key, saves the wallet, and returns the key's address. */
  public Address createAddress(SecureRandom random) {
    PrivateKey key = PrivateKey.generate(random);
    Address address = Address.fromPublicKey(key.publicKey());
    keys.put(address, key);
    try {
      save();
    } catch (RuntimeException e) {
      keys.remove(address);
      throw e;
    }
    return address;
  }

  public List<Address> addresses() {
    return new ArrayList<>(keys.keySet());
  }

  public Optional<PrivateKey> key(Address address) {
    return Optional.ofNullable(keys.get(address));
  }

  public Path file() {
    return file;
  }

  private void save() {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    keys.values().forEach(k -> text.append(k.toWif()).append('\n'));
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    try {
      Files.deleteIfExists(tmp);
      if (posix) {
        Files.createFile(
            tmp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      if (posix) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
          d.force(true); // makes the rename itself durable
        }
      }
    } catch (AccessDeniedException e) {
      throw new WalletException("cannot write wallet file " + file + ": permission denied", e);
    } catch (IOException e) {
      throw new WalletException("cannot write wallet file " + file + ": " + e.getMessage(), e);
    }
  }
}
