package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@code postMessage} refuses, in Electron's words (ELECTRON-IPC.md 2.0, tests 14, 40–43), on both hosts:
 * a message that cannot be cloned ({@code An object could not be cloned.}) and, for {@code webContents},
 * {@code webFrameMain} and {@code ipcRenderer.postMessage}, a transfer list that is null or holds null
 * ({@code Invalid value for transfer}). Nothing is sent when a post fails, and the ports it named stay usable.
 */
class PostMessageArgumentsTest {
  private static final String NOT_CLONED = "An object could not be cloned.";
  private static final String INVALID_TRANSFER = "Invalid value for transfer";

  private static void assertRefused(String text, Executable post) {
    Throwable e = assertThrows(RuntimeException.class, post);
    assertThat(e).hasMessageThat().startsWith(text);
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aMessageThatCannotBeClonedIsRefusedOnEveryPostMessageAndItsPortsStayUsable(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      Await.Inbox<Object> inRenderer = new Await.Inbox<>();
      renderer.ipcRenderer().on("port", (event, args) -> {
        MessagePort port = event.ports().get(0);
        port.onMessage(message -> inRenderer.put(message.data()));
        port.start();
      });
      Await.Inbox<Integer> inMain = new Await.Inbox<>();
      host.ipcMain().on("port", (event, args) -> inMain.put(event.ports().size()));
      MessageChannelMain main = new MessageChannelMain();
      MessageChannel own = renderer.ipcRenderer().createMessageChannel();

      assertRefused(NOT_CLONED, () -> renderer.webContents().postMessage("port", new Object(), List.of(main.port2())));
      assertRefused(NOT_CLONED, () -> renderer.webContents().mainFrame().postMessage("port", new Object(),
          List.of(main.port2())));
      assertRefused(NOT_CLONED, () -> renderer.ipcRenderer().postMessage("port", new Object(), List.of(own.port2())));
      assertRefused(NOT_CLONED, () -> main.port1().postMessage(new Object()));
      assertRefused(NOT_CLONED, () -> own.port1().postMessage(new Object()));

      renderer.webContents().postMessage("port", null, List.of(main.port2())); // still its own: it goes now
      main.port1().postMessage("after");
      assertThat(inRenderer.take()).isEqualTo("after");
      renderer.ipcRenderer().postMessage("port", null, List.of(own.port2()));
      assertThat(inMain.take()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aTransferListThatIsNullOrHoldsNullIsAnInvalidValueForTransfer(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer renderer = host.openRenderer();
      MessageChannelMain main = new MessageChannelMain();
      MessageChannel own = renderer.ipcRenderer().createMessageChannel();
      List<MessagePortMain> mainWithNull = Arrays.asList(main.port2(), null);
      List<MessagePort> ownWithNull = Arrays.asList(own.port2(), null);

      assertRefused(INVALID_TRANSFER, () -> renderer.webContents().postMessage("port", "", null));
      assertRefused(INVALID_TRANSFER, () -> renderer.webContents().postMessage("port", "", mainWithNull));
      assertRefused(INVALID_TRANSFER, () -> renderer.webContents().mainFrame().postMessage("port", "", mainWithNull));
      assertRefused(INVALID_TRANSFER, () -> renderer.ipcRenderer().postMessage("port", "", null));
      assertRefused(INVALID_TRANSFER, () -> renderer.ipcRenderer().postMessage("port", "", ownWithNull));
      // A port's own postMessage names the index, as MessagePortMain's does in Electron (test 31).
      assertRefused("Port at index 0 is not a valid port",
          () -> main.port1().postMessage("", Arrays.asList((MessagePortMain) null)));
    }
  }
}
