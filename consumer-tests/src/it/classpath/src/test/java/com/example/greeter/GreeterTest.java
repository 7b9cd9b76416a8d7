package com.example.greeter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipc4j.IpcHost;
import org.junit.jupiter.api.Test;

class GreeterTest {
  @Test
  void theGeneratedClientCallsTheRegisteredImplementation() {
    try (IpcHost host = IpcHost.inProcess()) {
      GreeterIpc.register(host.ipcMain(), name -> "Hello, " + name + "!");
      Greeter greeter = GreeterIpc.client(host.openRenderer().ipcRenderer());
      assertEquals("Hello, class path!", greeter.hello("class path"));
    }
  }
}
