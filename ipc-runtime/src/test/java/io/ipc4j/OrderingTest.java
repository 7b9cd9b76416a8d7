package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Messages from one renderer are handled in the order sent (Electron's api-ipc-spec "ordering"). */
class OrderingTest {
  @ParameterizedTest
  @EnumSource(HostKind.class)
  void thousandMixedSendSendSyncAndInvokeArriveInOrder(HostKind kind) {
    try (IpcHost host = kind.open()) {
      List<Integer> received = new ArrayList<>(); // only touched on the main loop: no lock needed
      Await.Inbox<List<Integer>> done = new Await.Inbox<>();
      IpcMain ipcMain = host.ipcMain();
      ipcMain.on("test-async", (event, args) -> received.add((Integer) args[0]));
      ipcMain.on("test-sync", (event, args) -> {
        received.add((Integer) args[0]);
        event.setReturnValue(null);
      });
      ipcMain.handle("test-invoke", (event, args) -> received.add((Integer) args[0]));
      ipcMain.on("done", (event, args) -> done.put(List.copyOf(received)));

      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      Random random = new Random(7);
      for (int i = 0; i < 1000; i++) {
        switch (random.nextInt(3)) {
          case 0 -> ipc.send("test-async", i);
          case 1 -> ipc.sendSync("test-sync", i);
          default -> ipc.invoke("test-invoke", i); // not awaited
        }
      }
      ipc.send("done");

      List<Integer> values = done.take();
      assertThat(values).hasSize(1000);
      assertThat(values).isInStrictOrder();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void mainToRendererMessagesKeepTheirOrder(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      List<Integer> received = new ArrayList<>(); // only touched on the renderer loop
      Await.Inbox<List<Integer>> done = new Await.Inbox<>();
      r.ipcRenderer().on("n", (event, args) -> received.add((Integer) args[0]));
      r.ipcRenderer().on("done", (event, args) -> done.put(List.copyOf(received)));
      for (int i = 0; i < 1000; i++) {
        r.webContents().send("n", i);
      }
      r.webContents().send("done");
      List<Integer> values = done.take();
      assertThat(values).hasSize(1000);
      assertThat(values).isInStrictOrder();
    }
  }
}
