package com.example.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipc4j.IpcHost;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CounterTest {
  @Test
  void theClientGeneratedFromTheClassPathAnswersSynchronously() {
    AtomicInteger total = new AtomicInteger();
    try (IpcHost host = IpcHost.inProcess()) {
      CounterIpc.register(host.ipcMain(), total::addAndGet);
      Counter counter = CounterIpc.client(host.openRenderer().ipcRenderer());
      counter.add(2);
      assertEquals(5, counter.add(3));
    }
  }
}
