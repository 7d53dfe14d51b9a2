package io.minicoin.net.wire;

import io.minicoin.core.ByteReader;
import io.minicoin.core.ByteWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A node's address as Bitcoin's messages carry it (Bitcoin Core's {@code CService} with services,
 * btcd's {@code NetAddress}), 26 bytes:
 *
 * <pre>
 * services (8, LE)  address (16)                      port (2, BIG-endian)
 * 0000000000000000  00000000000000000000ffff7f000001  0bb9
 * none              127.0.0.1, IPv4-mapped IPv6        3001
 * </pre>
 *
 * An IPv4 address is written as the IPv4-mapped IPv6 address {@code ::ffff:a.b.c.d}, so one 16-byte
 * field holds both kinds. The port is the one big-endian number in the protocol: it was copied from
 * a C {@code sockaddr}, which holds it in network byte order. A port of 0 means "does not listen"
 * (a command-line client); {@link #NONE} is how Bitcoin Core writes that.
 */
public record NetworkAddress(long services, InetAddress address, int port) {
  public static final int SIZE = 26;

  /** No address: the unspecified IPv6 address {@code ::}, port 0. */
  public static final NetworkAddress NONE = new NetworkAddress(0, unspecified(), 0);

  public NetworkAddress {
    if (address == null) {
      throw new IllegalArgumentException("missing address");
    }
    if (port < 0 || port > 0xffff) {
      throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
    }
  }

  /** The address of a resolved socket address, with no services. */
  public static NetworkAddress of(InetSocketAddress a) {
    if (a.isUnresolved()) {
      throw new IllegalArgumentException(a.getHostString() + " is a name, not an address");
    }
    return new NetworkAddress(0, a.getAddress(), a.getPort());
  }

  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(address, port);
  }

  /** The 16 bytes on the wire: IPv6 as is, IPv4 as {@code ::ffff:a.b.c.d}. */
  public byte[] addressBytes() {
    byte[] raw = address.getAddress();
    if (address instanceof Inet4Address) {
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xff;
      mapped[11] = (byte) 0xff;
      System.arraycopy(raw, 0, mapped, 12, 4);
      return mapped;
    }
    return raw;
  }

  void write(ByteWriter w) {
    w.writeInt64(services).writeBytes(addressBytes());
    w.writeU8(port >>> 8).writeU8(port & 0xff);
  }

  static NetworkAddress read(ByteReader r) {
    long services = r.readInt64();
    byte[] raw = r.readBytes(16);
    int port = r.readU8() << 8 | r.readU8();
    // 16 bytes are always a valid IPv6 address; an IPv4-mapped one comes back as IPv4.
    return new NetworkAddress(services, byAddress(raw), port);
  }

  private static InetAddress byAddress(byte[] raw) {
    try {
      return InetAddress.getByAddress(raw);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 bytes are always an address", e);
    }
  }

  private static InetAddress unspecified() {
    return byAddress(new byte[16]);
  }

  /** {@code 127.0.0.1:3001}, {@code [::1]:3001}: how the logs write it. */
  @Override
  public String toString() {
    return format(socketAddress());
  }

  /** An address and port as people write them, never looking up a name. */
  public static String format(InetSocketAddress a) {
    String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }
}
