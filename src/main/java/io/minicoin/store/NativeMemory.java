package io.minicoin.store;

import com.kenai.jffi.MemoryIO;
import java.nio.charset.Charset;

/**
 * The native memory the LMDB calls take: {@code MDB_val}s, handles LMDB writes back, C strings.
 * Each piece is allocated and freed by the code that needs it ({@link LmdbTransaction} keeps one
 * buffer per transaction); nothing here is shared.
 */
final class NativeMemory {
  private NativeMemory() {}

  /** jffi's reads and writes of native memory (first used after the libraries are loaded). */
  static final MemoryIO MEMORY = MemoryIO.getInstance();

  /**
   * {@code bytes} of native memory ({@code clear}: zeroed), to be given back with {@link #free}.
   * jffi answers 0 when the system has none left: that must not become a write to address 0.
   */
  static long allocate(long bytes, boolean clear) {
    long address = MEMORY.allocateMemory(bytes, clear);
    if (address == 0) {
      throw new OutOfMemoryError("no native memory left for LMDB's buffers");
    }
    return address;
  }

  static void free(long address) {
    MEMORY.freeMemory(address);
  }

  /** A C string (NUL-terminated) of {@code text} in native memory; {@link #free} it. */
  static long cString(String text, Charset charset) {
    byte[] bytes = (text + '\0').getBytes(charset);
    long address = allocate(bytes.length, false);
    MEMORY.putByteArray(address, bytes, 0, bytes.length);
    return address;
  }
}
