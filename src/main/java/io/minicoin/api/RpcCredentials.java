package io.minicoin.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Who may call the JSON-RPC methods, as in Bitcoin Core: whoever can read the cookie file (written
 * at start, {@code __cookie__:<64 hex digits>}, readable by its owner only, deleted at shutdown),
 * and, if set, the {@code -rpcuser}/{@code -rpcpassword} pair. Requests prove it with HTTP Basic
 * auth; the comparison takes the same time whatever the guess, so timing does not leak the secret.
 */
public final class RpcCredentials implements AutoCloseable {
  public static final String COOKIE_USER = "__cookie__";

  private final List<byte[]> accepted = new ArrayList<>();
  private final Path cookieFile;

  private RpcCredentials(Path cookieFile) {
    this.cookieFile = cookieFile;
  }

  /**
   * Writes a fresh cookie to {@code cookieFile} (replacing one a crashed node left) and accepts it,
   * plus {@code user}/{@code password} if given.
   */
  public static RpcCredentials create(
      Path cookieFile, Optional<String> user, Optional<String> password) {
    if (user.isPresent() != password.isPresent()) {
      throw new IllegalArgumentException("-rpcuser and -rpcpassword go together: give both");
    }
    if (user.isPresent() && user.get().contains(":")) {
      throw new IllegalArgumentException("-rpcuser must not contain ':'");
    }
    RpcCredentials c = new RpcCredentials(cookieFile);
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    String cookie = COOKIE_USER + ":" + HexFormat.of().formatHex(secret);
    writePrivate(cookieFile, cookie);
    c.accepted.add(basic(cookie));
    user.ifPresent(u -> c.accepted.add(basic(u + ":" + password.get())));
    return c;
  }

  /** The file's content, readable and writable by its owner only where the system has modes. */
  private static void writePrivate(Path file, String content) {
    try {
      Files.deleteIfExists(file);
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      try {
        Files.createFile(
            tmp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(tmp); // Windows: the user's profile directory already keeps others out
      }
      Files.writeString(tmp, content, StandardCharsets.US_ASCII, StandardOpenOption.WRITE);
      Files.move(tmp, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the RPC cookie file " + file, e);
    }
  }

  private static byte[] basic(String userColonPassword) {
    return ("Basic "
            + Base64.getEncoder()
                .encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8)))
        .getBytes(StandardCharsets.US_ASCII);
  }

  public Path cookieFile() {
    return cookieFile;
  }

  /** Whether an {@code Authorization} header value carries accepted credentials. */
  public boolean accepts(String authorization) {
    if (authorization == null) {
      return false;
    }
    byte[] given = authorization.strip().getBytes(StandardCharsets.UTF_8);
    boolean ok = false;
    for (byte[] a : accepted) {
      ok |= MessageDigest.isEqual(a, given); // no early exit: every pair is compared
    }
    return ok;
  }

  /** Deletes the cookie file, as Core does at shutdown: a stale cookie would mislead clients. */
  @Override
  public void close() {
    try {
      Files.deleteIfExists(cookieFile);
    } catch (IOException ignored) {
      // nothing more to do at shutdown; the next start replaces it
    }
  }
}
