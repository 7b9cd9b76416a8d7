package io.ipc4j.internal.socket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** Where a host listens: a Unix domain socket path, or a loopback TCP port where those are unavailable. */
record Endpoint(SocketAddress address) {
  /** The text form handed to a child: {@code unix:<path>} or {@code tcp:<port>}. */
  String text() {
    if (address instanceof UnixDomainSocketAddress unix) {
      return "unix:" + unix.getPath();
    }
    return "tcp:" + ((InetSocketAddress) address).getPort();
  }

  static Endpoint parse(String text) {
    if (text.startsWith("unix:")) {
      return new Endpoint(UnixDomainSocketAddress.of(Path.of(text.substring(5))));
    }
    if (text.startsWith("tcp:")) {
      try {
        return new Endpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(),
            Integer.parseInt(text.substring(4))));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not an ipc4j endpoint: " + text, e);
      }
    }
    throw new IllegalArgumentException("not an ipc4j endpoint: " + text);
  }

  SocketChannel connect() throws IOException {
    SocketChannel channel = address instanceof UnixDomainSocketAddress
        ? SocketChannel.open(StandardProtocolFamily.UNIX)
        : SocketChannel.open();
    try {
      channel.connect(address);
      if (!(address instanceof UnixDomainSocketAddress)) {
        channel.socket().setTcpNoDelay(true);
      }
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }
}
