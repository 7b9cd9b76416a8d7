package com.example.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipc4j.IpcHost;
import org.junit.jupiter.api.Test;

class WindowComponentTest {
  @Test
  void daggerInjectsTheGeneratedClientWhichCallsTheMainProcess() {
    try (IpcHost host = IpcHost.inProcess()) {
      InboxIpc.register(host.ipcMain(), folder -> folder.equals("work") ? 7 : 0);
      WindowComponent window = DaggerWindowComponent.factory().create(host.openRenderer().ipcRenderer());
      assertEquals(7, window.inbox().unread("work"));
    }
  }
}
