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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A node's keys, kept in a text file: a header line, then one private key per line in Bitcoin's
 * wallet import format (WIF), oldest first, each followed by its address as Bitcoin Core's {@code
 * dumpwallet} notes it ({@code # addr=1...}). Any Bitcoin wallet can import these keys.
 *
 * <p>The noted address spares listing the addresses the elliptic-curve work of deriving each from
 * its key (and loading the library that does it): a third of {@code listaddresses}' time. A key's
 * address is derived and compared with the note before the key is handed out to sign, so a note
 * edited by hand cannot make the wallet sign with the wrong key. Files of the first version, with
 * keys only, still load (each address derived), and gain the notes when a key is next added.
 *
 * <p>The file is readable by its owner only, and is replaced atomically (temporary file, fsync,
 * rename), so a crash leaves the old wallet or the new one, never half of one. Every change holds
 * the {@link WalletLock} from reading the file to renaming the new one, and starts from the file as
 * it is then, so keys added meanwhile by another writer (another command, the node) are kept.
 */
public final class Wallet {
  static final String HEADER =
      "# minicoin wallet v2: private keys in wallet import format (WIF), oldest first, each with"
          + " its address noted after '# addr='. Keep secret.";

  /** The first version's header: keys only. Such files still load. */
  static final String HEADER_V1 =
      "# minicoin wallet v1: private keys in wallet import format (WIF), oldest first. Keep secret.";

  private static final String ADDRESS_NOTE = "addr=";

  private final Path file;
  private Map<Address, PrivateKey> keys;

  /** The addresses read from the file's notes, not yet checked against their keys. */
  private Set<Address> unchecked;

  private Wallet(Path file, Map<Address, PrivateKey> keys, Set<Address> unchecked) {
    this.file = file;
    this.keys = keys;
    this.unchecked = unchecked;
  }

  /** Loads the wallet; a missing file is an empty wallet. */
  public static Wallet load(Path file) {
    Set<Address> unchecked = new HashSet<>();
    return new Wallet(file, readKeys(file, unchecked), unchecked);
  }

  /** Whether the wallet file exists (a missing one loads as an empty wallet). */
  public boolean exists() {
    return Files.exists(file);
  }

  /**
   * The file's keys by address; the addresses taken from the file's notes rather than derived from
   * their keys are added to {@code unchecked}.
   */
  private static Map<Address, PrivateKey> readKeys(Path file, Set<Address> unchecked) {
    Map<Address, PrivateKey> keys = new LinkedHashMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return keys;
    } catch (CharacterCodingException e) {
      throw new WalletException(
          "wallet file " + file + " is corrupt or not a minicoin wallet (not text)", e);
    } catch (IOException e) {
      throw new WalletException("cannot read wallet file " + file + ": " + e.getMessage(), e);
    }
    if (lines.isEmpty() || !(lines.get(0).equals(HEADER) || lines.get(0).equals(HEADER_V1))) {
      throw new WalletException(
          "wallet file " + file + " is corrupt or not a minicoin wallet (bad first line)");
    }
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      int note = line.indexOf('#');
      String comment = note < 0 ? "" : line.substring(note + 1).strip();
      try {
        PrivateKey key = PrivateKey.fromWif(note < 0 ? line : line.substring(0, note).strip());
        Address address;
        if (comment.startsWith(ADDRESS_NOTE)) {
          address = Address.parse(comment.substring(ADDRESS_NOTE.length()).strip());
          unchecked.add(address);
        } else {
          address = Address.fromPublicKey(key.publicKey());
        }
        // Two different keys under one address (a note edited by hand) would leave one of them
        // out of the map, and the next save would lose that key for good: refuse the file.
        PrivateKey before = keys.putIfAbsent(address, key);
        if (before != null && !before.toWif().equals(key.toWif())) {
          throw new WalletException(
              "wallet file "
                  + file
                  + " is corrupt: line "
                  + (i + 1)
                  + " notes the address "
                  + address
                  + " of another key");
        }
      } catch (FormatException e) {
        throw new WalletException(
            "wallet file " + file + " is corrupt: line " + (i + 1) + ": " + e.getMessage());
      }
    }
    return keys;
  }

  /** Makes a new key, saves the wallet, and returns the key's address. */
  public Address createAddress(SecureRandom random) {
    PrivateKey key = PrivateKey.generate(random);
    addKey(key);
    return Address.fromPublicKey(key.publicKey());
  }

  /**
   * Adds a key made elsewhere (an import) and saves the wallet; false if the wallet already held
   * it, and then nothing is written.
   */
  public boolean importKey(PrivateKey key) {
    return addKey(key);
  }

  /**
   * The one read-modify-write of the file: under the lock, re-read what is on disk now, add the
   * key, write it all back. This wallet's view then includes every key on disk.
   */
  @SuppressWarnings("try") // the lock is held for the block's duration, never read
  private synchronized boolean addKey(PrivateKey key) {
    Address address = Address.fromPublicKey(key.publicKey());
    try (WalletLock lock = WalletLock.acquire(file)) {
      Set<Address> notes = new HashSet<>();
      Map<Address, PrivateKey> current = readKeys(file, notes);
      if (current.containsKey(address)) {
        keys = current;
        unchecked = notes;
        return false;
      }
      current.put(address, key);
      // Writing is rare and keeps the file for good: every note is checked against its key first,
      // so a wrong note is never written back as if it were true.
      checkNotes(current, notes);
      save(current);
      keys = current;
      unchecked = notes;
      return true;
    }
  }

  /** Throws if a noted address of {@code keys} is not its key's address. */
  private void checkNotes(Map<Address, PrivateKey> keys, Set<Address> noted) {
    for (Address address : noted) {
      if (!Address.fromPublicKey(keys.get(address).publicKey()).equals(address)) {
        throw notTheKeysAddress(address);
      }
    }
    noted.clear();
  }

  private WalletException notTheKeysAddress(Address address) {
    return new WalletException(
        "wallet file "
            + file
            + " is corrupt: the address noted beside a key ("
            + address
            + ") is not that key's address");
  }

  /**
   * The wallet's addresses, oldest first. Those read from the file's notes are listed as noted (a
   * note edited by hand to another valid address is listed, though never used to sign: see {@link
   * #key}).
   */
  public synchronized List<Address> addresses() {
    return new ArrayList<>(keys.keySet());
  }

  /**
   * The key of {@code address}, if this wallet holds it. A key whose address was read from the
   * file's note is checked first: a note that is not the key's address is a corrupt file.
   */
  public synchronized Optional<PrivateKey> key(Address address) {
    PrivateKey key = keys.get(address);
    if (key != null && unchecked.contains(address)) {
      if (!Address.fromPublicKey(key.publicKey()).equals(address)) {
        throw notTheKeysAddress(address);
      }
      unchecked.remove(address);
    }
    return Optional.ofNullable(key);
  }

  public Path file() {
    return file;
  }

  private void save(Map<Address, PrivateKey> keys) {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    keys.forEach(
        (address, key) ->
            text.append(key.toWif())
                .append(" # ")
                .append(ADDRESS_NOTE)
                .append(address)
                .append('\n'));
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
