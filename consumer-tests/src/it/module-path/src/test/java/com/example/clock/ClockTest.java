package com.example.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipc4j.IpcHost;
import org.junit.jupiter.api.Test;

class ClockTest {
  @Test
  void theSampleAndTheRuntimeRunAsNamedModules() {
    assertEquals("com.example.app", Clock.class.getModule().getName());
    assertEquals("io.ipc4j.runtime", IpcHost.class.getModule().getName());
  }

  @Test
  void aRecordCrossesAsItselfThroughTheGeneratedCodec() {
    try (IpcHost host = IpcHost.inProcess()) {
      ClockIpc.register(host.ipcMain(), zone -> new Clock.Time(zone.length(), 30));
      Clock clock = ClockIpc.client(host.openRenderer().ipcRenderer());
      assertEquals(new Clock.Time(3, 30), clock.now("UTC"));
    }
  }
}
