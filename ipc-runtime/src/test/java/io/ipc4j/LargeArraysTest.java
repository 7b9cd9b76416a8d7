package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A large {@code byte[]} as a message's or a call's only argument or as a call's answer, in both directions, on both
 * hosts. Over sockets such an array crosses as it is, without being encoded, copied and decoded again; either way it
 * is the receiver's own copy, taken when it was sent: what the sender does with its array after the send returns
 * never reaches the receiver. Each array is 12 MiB, more than a socket's buffer holds (ipc4j asks for 4 MiB, which
 * Linux doubles), so over sockets the host's sends return while part of the array is still to be written.
 */
class LargeArraysTest {
  private static final int SIZE = 12 << 20;

  private static byte[] filled(int value) {
    byte[] bytes = new byte[SIZE];
    Arrays.fill(bytes, (byte) value);
    bytes[SIZE - 1] = (byte) (value + 1); // the end is checked too
    return bytes;
  }

  private static Object answerOf(CompletableFuture<?> future) {
    return future.orTimeout(Await.SECONDS, TimeUnit.SECONDS).join();
  }

  /** Until the side that answers waits on the stage its handler returned: completing it then answers at once. */
  private static void awaitWaitedOn(CompletableFuture<?> stage) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Await.SECONDS);
    while (stage.getNumberOfDependents() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(stage.getNumberOfDependents()).isGreaterThan(0);
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aRenderersLargeArgumentAndItsAnswerArriveAsTheyWereWhenSent(HostKind kind) throws Exception {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      Await.Inbox<byte[]> received = new Await.Inbox<>();
      CompletableFuture<Object> answer = new CompletableFuture<>();
      host.ipcMain().handle("big", (event, args) -> {
        received.put((byte[]) args[0]);
        return answer;
      });
      byte[] sent = filled(1);
      CompletableFuture<Object> call = r.ipcRenderer().invoke("big", (Object) sent);
      Arrays.fill(sent, (byte) 9); // after invoke returned: the main process got the array as it was
      assertThat(received.take()).isEqualTo(filled(1));

      byte[] value = filled(3);
      awaitWaitedOn(answer);
      answer.complete(value); // answers on this thread, before complete returns
      Arrays.fill(value, (byte) 9);
      byte[] got = (byte[]) answerOf(call);
      assertThat(got).isEqualTo(filled(3));
      assertThat(got).isNotSameInstanceAs(value);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void theMainProcesssLargeArgumentAndTheRenderersAnswerArriveAsTheyWereWhenSent(HostKind kind) throws Exception {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      Await.Inbox<byte[]> received = new Await.Inbox<>();
      CompletableFuture<Object> answer = new CompletableFuture<>();
      r.ipcRenderer().handle("big", (event, args) -> {
        received.put((byte[]) args[0]);
        return answer;
      });
      byte[] sent = filled(5);
      CompletableFuture<Object> call = r.webContents().invoke("big", (Object) sent);
      Arrays.fill(sent, (byte) 9);
      assertThat(received.take()).isEqualTo(filled(5));

      byte[] value = filled(7);
      awaitWaitedOn(answer);
      answer.complete(value);
      Arrays.fill(value, (byte) 9);
      assertThat((byte[]) answerOf(call)).isEqualTo(filled(7));
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aHandlerThatReturnsItsArgumentAnswersWithTheCallersBytes(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      host.ipcMain().handle("echo", (event, args) -> args[0]);
      byte[] sent = filled(11);
      byte[] back = (byte[]) answerOf(r.ipcRenderer().invoke("echo", (Object) sent));
      assertThat(back).isEqualTo(sent);
      assertThat(back).isNotSameInstanceAs(sent);
      // Two arguments, or a small array, are encoded as before: the same values arrive.
      Object[] pair = {filled(12), 4};
      host.ipcMain().handle("pair", (event, args) -> Arrays.asList(args));
      java.util.List<?> both = (java.util.List<?>) answerOf(r.ipcRenderer().invoke("pair", pair));
      assertThat((byte[]) both.get(0)).isEqualTo(filled(12));
      assertThat(both.get(1)).isEqualTo(4);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void aLargeArrayThatIsAMessagesOnlyArgumentArrivesAsItWasWhenSentEitherWay(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      Await.Inbox<byte[]> toMain = new Await.Inbox<>();
      host.ipcMain().on("big", (event, args) -> toMain.put((byte[]) args[0]));
      Await.Inbox<byte[]> toRenderer = new Await.Inbox<>();
      r.ipcRenderer().on("big", (event, args) -> toRenderer.put((byte[]) args[0]));
      byte[] sent = filled(13);
      r.ipcRenderer().send("big", (Object) sent);
      Arrays.fill(sent, (byte) 9);
      assertThat(toMain.take()).isEqualTo(filled(13));
      byte[] pushed = filled(15);
      r.webContents().send("big", (Object) pushed);
      Arrays.fill(pushed, (byte) 9);
      assertThat(toRenderer.take()).isEqualTo(filled(15));
    }
  }
}
