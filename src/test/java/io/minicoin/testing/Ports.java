package io.minicoin.testing;

import java.io.IOException;
import java.net.ServerSocket;

/** Loopback ports for tests that run real nodes. */
public final class Ports {
  private Ports() {}

  /** A port nothing listens on right now (the kernel's pick). */
  public static int free() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
