package io.ipc4j.it;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcRenderer;
import io.ipc4j.MessageChannel;
import io.ipc4j.MessagePort;
import io.ipc4j.WebContents;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two renderer JVMs talk through a MessagePort: one makes a pair and gives an end to the main process, which passes
 * it on to the other; the host relays their messages. When one of them is killed, the other's port closes.
 */
class MessagePortProcessesTest {
  private static Object take(BlockingQueue<Object> queue, String what) throws InterruptedException {
    Object value = queue.poll(30, TimeUnit.SECONDS);
    assertWithMessage(what).that(value).isNotNull();
    return value;
  }

  @Test
  void twoRendererProcessesTalkThroughAPortTheMainProcessPassedOn() throws Exception {
    try (IpcHost host = TimedGetStressTest.childHost().overSockets()) {
      BlockingQueue<Object> rightUp = new LinkedBlockingQueue<>();
      BlockingQueue<Object> rightReady = new LinkedBlockingQueue<>();
      BlockingQueue<Object> leftGot = new LinkedBlockingQueue<>();
      BlockingQueue<Object> leftClosed = new LinkedBlockingQueue<>();
      host.ipcMain().on("right-up", (event, args) -> rightUp.add(true));
      host.ipcMain().on("right-ready", (event, args) -> rightReady.add(true));
      host.ipcMain().on("left-got", (event, args) -> leftGot.add(args[0]));
      host.ipcMain().on("left-closed", (event, args) -> leftClosed.add(true));

      WebContents right = host.launchRenderer(PortTalker.class, "right");
      take(rightUp, "the right renderer started");
      host.ipcMain().on("left-port", (event, args) -> right.postMessage("port", args[0], event.ports()));
      WebContents left = host.launchRenderer(PortTalker.class, "left");
      take(rightReady, "the right renderer got the left one's port");

      left.send("go");
      for (int i = 0; i < 3; i++) {
        assertThat(take(leftGot, "an answer")).isEqualTo("right echoes hello " + i + " from left");
      }

      ProcessHandle.of(right.osProcessId()).ifPresent(ProcessHandle::destroyForcibly);
      take(leftClosed, "the left renderer's port closed with the right renderer");
      assertThat(left.isDestroyed()).isFalse();
    }
  }

  /** A renderer JVM: "left" makes a pair and gives one end away; "right" echoes what arrives on a port it gets. */
  public static final class PortTalker {
    public static void main(String[] args) throws Exception {
      IpcRenderer ipc = IpcRenderer.connect();
      if (args[0].equals("left")) {
        MessageChannel channel = ipc.createMessageChannel();
        MessagePort mine = channel.port1();
        mine.onMessage(message -> ipc.send("left-got", message.data()));
        mine.onClose(() -> ipc.send("left-closed"));
        mine.start();
        ipc.on("go", (event, none) -> {
          for (int i = 0; i < 3; i++) {
            mine.postMessage("hello " + i + " from left");
          }
        });
        ipc.postMessage("left-port", "from left", List.of(channel.port2()));
      } else {
        ipc.on("port", (event, none) -> {
          MessagePort port = event.ports().get(0);
          port.onMessage(message -> port.postMessage("right echoes " + message.data()));
          port.start();
          ipc.send("right-ready");
        });
        ipc.send("right-up");
      }
      Children.idle();
    }
  }
}
