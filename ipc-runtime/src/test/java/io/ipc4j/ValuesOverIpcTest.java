package io.ipc4j;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DESIGN §4 pinned value rules, end to end: values come back as the same kind they went in. */
class ValuesOverIpcTest {
  private static Object echo(IpcHost host, Object value) {
    return host.openRenderer().ipcRenderer().invoke("echo", value).join();
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void valuesKeepTheirKind(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("echo", (event, args) -> args[0]);
      assertThat(echo(host, Set.of(1, 2))).isInstanceOf(Set.class);
      assertThat(echo(host, new int[] {1, -2})).isEqualTo(new int[] {1, -2});
      assertThat(echo(host, new char[] {'a', 'ß'})).isEqualTo(new char[] {'a', 'ß'});
      assertThat(echo(host, new boolean[] {true, false})).isEqualTo(new boolean[] {true, false});
      assertThat(echo(host, new double[] {Double.NaN})).isInstanceOf(double[].class);
      Instant instant = Instant.ofEpochSecond(-1_000_000, 123_456_789);
      assertThat(echo(host, instant)).isEqualTo(instant);
      assertThat(echo(host, 1.5f)).isEqualTo(1.5f);
      assertThat(echo(host, 1.5d)).isEqualTo(1.5d);
      assertThat(echo(host, "ünïcödé ✓")).isEqualTo("ünïcödé ✓");
      assertThat(echo(host, null)).isNull();
      assertThat(echo(host, true)).isEqualTo(true);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void integersComeBackAsIntegerWhenTheyFitElseLong(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("echo", (event, args) -> args[0]);
      assertThat(echo(host, 5L)).isEqualTo(5);
      assertThat(echo(host, (short) -3)).isEqualTo(-3);
      assertThat(echo(host, (byte) 7)).isEqualTo(7);
      assertThat(echo(host, Integer.MAX_VALUE + 1L)).isEqualTo(Integer.MAX_VALUE + 1L);
      assertThat(echo(host, Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
      assertThat(echo(host, new BigInteger("123456789012345678901234567890")))
          .isEqualTo(new BigInteger("123456789012345678901234567890"));
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void floatingPointEdgesSurviveBitForBit(HostKind kind) {
    try (IpcHost host = kind.open()) {
      host.ipcMain().handle("echo", (event, args) -> args[0]);
      for (double d : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
          Double.MIN_VALUE, Double.MAX_VALUE}) {
        Object back = echo(host, d);
        assertThat(back).isInstanceOf(Double.class);
        assertThat(Double.doubleToRawLongBits((Double) back)).isEqualTo(Double.doubleToRawLongBits(d));
      }
      Object negativeZero = echo(host, -0.0f);
      assertThat(negativeZero).isInstanceOf(Float.class);
      assertThat(Float.floatToRawIntBits((Float) negativeZero)).isEqualTo(Float.floatToRawIntBits(-0.0f));
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void sharedButAcyclicReferencesArriveAsEqualCopies(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Await.Inbox<Object[]> received = new Await.Inbox<>();
      host.ipcMain().on("message", (event, args) -> received.put(args));
      Map<String, Object> child = Map.of("hello", "world");
      Map<String, Object> foo = Map.of("name", "foo", "child", child);
      Map<String, Object> bar = Map.of("name", "bar", "child", child);
      List<Object> array = List.of(foo, bar);
      host.openRenderer().ipcRenderer().send("message", array, foo, bar, child);
      Object[] args = received.take();
      assertThat(args).asList().containsExactly(array, foo, bar, child).inOrder();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void cyclicValuesAreRefusedWithTheirPath(HostKind kind) {
    try (IpcHost host = kind.open()) {
      AtomicInteger heard = new AtomicInteger();
      host.ipcMain().on("message", (event, args) -> heard.incrementAndGet());
      List<Object> array = new ArrayList<>();
      array.add(5);
      array.add(array);
      IpcRenderer ipc = host.openRenderer().ipcRenderer();
      IpcCloneException e = assertThrows(IpcCloneException.class, () -> ipc.send("message", "ok", array));
      assertThat(e).hasMessageThat().startsWith("An object could not be cloned.");
      assertThat(e).hasMessageThat().contains("[1][1]");
      Map<String, Object> self = new LinkedHashMap<>();
      self.put("hello", "world");
      self.put("child", self);
      assertThrows(IpcCloneException.class, () -> ipc.send("message", self));
      host.ipcMain().handle("flush", (event, args) -> heard.get());
      assertThat(ipc.invoke("flush").join()).isEqualTo(0); // in order: nothing was delivered before the flush
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void webContentsSendWithUnencodableValueThrowsAndSendsNothing(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Renderer r = host.openRenderer();
      Await.Inbox<Object> heard = new Await.Inbox<>();
      r.ipcRenderer().on("m", (event, args) -> heard.put(args.length == 0 ? "empty" : args[0]));
      IpcCloneException e = assertThrows(IpcCloneException.class,
          () -> r.webContents().send("m", new LinkedHashSet<>(List.of(r.webContents()))));
      assertThat(e).hasMessageThat().startsWith("An object could not be cloned.");
      assertThat(e.path()).isEqualTo("[0][0]");
      r.webContents().send("m", "after");
      assertThat(heard.take()).isEqualTo("after");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  void replyWithUnencodableValueThrowsInTheListener(HostKind kind) {
    try (IpcHost host = kind.open()) {
      Await.Inbox<Throwable> thrown = new Await.Inbox<>();
      host.ipcMain().on("m", (event, args) ->
          thrown.put(assertThrows(IpcCloneException.class, () -> event.reply("r", (Runnable) () -> {}))));
      host.openRenderer().ipcRenderer().send("m");
      assertThat(thrown.take()).hasMessageThat().startsWith("An object could not be cloned.");
    }
  }
}
