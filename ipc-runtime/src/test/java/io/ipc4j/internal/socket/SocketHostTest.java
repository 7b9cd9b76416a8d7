package io.ipc4j.internal.socket;

import io.ipc4j.IpcHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Tests that talk to a socket host, often as a raw peer: a host of their own for each test, closed after it. */
abstract class SocketHostTest {
  /** This test's host. */
  IpcHost host;

  /** The host's options; the defaults of the tests that launch children, unless a test class needs others. */
  IpcHost.Builder options() {
    return ChildProcessTest.host();
  }

  @BeforeEach
  final void openHost() {
    host = options().overSockets();
  }

  @AfterEach
  final void closeHost() {
    host.close();
  }
}
