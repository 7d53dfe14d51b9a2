package io.minicoin.wallet;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The exclusive right to change one wallet file, held across its whole read-modify-write. Without
 * it two writers (two {@code createwallet} at once, or the command line beside a node that makes an
 * address) both read the old file, each adds its key, and the second rename throws the first key
 * away.
 *
 * <p>Across processes the lock is an operating-system lock on a file beside the wallet ({@code
 * wallet_3000.dat-lock}); the wallet itself cannot carry it, because saving replaces the wallet
 * file by a rename. The lock file is kept, never deleted: deleting it would let a late writer lock
 * a file that a newer writer has already replaced. Inside one process the operating system does not
 * keep threads apart (Java refuses a second lock on the same file), so a lock per path does.
 */
final class WalletLock implements AutoCloseable {
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS =
      new ConcurrentHashMap<>();

  private final ReentrantLock threadLock;
  private final FileChannel channel;
  private final FileLock fileLock;

  private WalletLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
    this.threadLock = threadLock;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /** Waits until no other writer holds the wallet, then holds it until {@link #close}. */
  static WalletLock acquire(Path walletFile) {
    Path absolute = walletFile.toAbsolutePath().normalize();
    Path dir = absolute.getParent();
    if (!Files.isDirectory(dir)) {
      throw new WalletException(
          "cannot write wallet file " + walletFile + ": directory " + dir + " does not exist");
    }
    Path lockFile = dir.resolve(absolute.getFileName() + "-lock");
    ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(absolute, p -> new ReentrantLock());
    threadLock.lock();
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new WalletLock(threadLock, channel, channel.lock());
    } catch (AccessDeniedException e) {
      closeQuietly(channel);
      threadLock.unlock();
      throw new WalletException(
          "cannot write wallet file " + walletFile + ": permission denied (" + lockFile + ")", e);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      threadLock.unlock();
      throw new WalletException(
          "cannot lock wallet file " + walletFile + " (" + lockFile + "): " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the failure being reported is the one that matters
      }
    }
  }

  @Override
  public void close() {
    try {
      fileLock.release();
      channel.close();
    } catch (IOException e) {
      // Closing the channel releases the lock in any case; nothing is left held.
    } finally {
      threadLock.unlock();
    }
  }
}
