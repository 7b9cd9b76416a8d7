package io.ipc4j.internal.socket;

import io.ipc4j.internal.Message;
import io.ipc4j.IpcRenderer;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Main classes of renderer JVMs that the process tests launch. */
final class ChildMains {
  private ChildMains() {}

  /** Waits until the host ends this process (its runtime exits when the host goes away). */
  static void idle() throws InterruptedException {
    while (true) {
      Thread.sleep(60_000);
    }
  }

  /** Calls "add", reports the result, then idles. */
  public static final class Adder {
    public static void main(String[] args) throws Exception {
      IpcRenderer ipc = IpcRenderer.connect();
      ipc.send("result", ipc.invoke("add", 2, 3).join(), IpcRenderer.connect() == ipc);
      idle();
    }
  }

  /** Answers the main process's "add" and "fail" calls (and never "never"), says it is ready, then idles. */
  public static final class Answerer {
    public static void main(String[] args) throws Exception {
      IpcRenderer ipc = IpcRenderer.connect();
      ipc.handle("add", (event, a) -> (Integer) a[0] + (Integer) a[1]);
      ipc.handle("fail", (event, a) -> {
        throw new IllegalStateException("refused in " + ProcessHandle.current().pid());
      });
      ipc.handle("never", (event, a) -> new CompletableFuture<>());
      ipc.sendSync("ready");
      idle();
    }
  }

  /** Opens a child frame, asks "where" from both frames, has the child frame answered, and reports it all. */
  public static final class FrameOpener {
    public static void main(String[] args) throws Exception {
      IpcRenderer main = IpcRenderer.connect();
      IpcRenderer child = main.openFrame();
      java.util.concurrent.CompletableFuture<Object> answered = new java.util.concurrent.CompletableFuture<>();
      child.on("answer", (event, a) -> answered.complete(a[0]));
      child.send("hello");
      main.send("result", main.invoke("where").join(), child.invoke("where").join(), child.frameId(),
          answered.get(30, java.util.concurrent.TimeUnit.SECONDS));
      idle();
    }
  }

  /** Connects, says so, then exits with the code in args[0]. */
  public static final class Exiter {
    public static void main(String[] args) throws Exception {
      IpcRenderer ipc = IpcRenderer.connect();
      ipc.sendSync("ready");
      System.exit(Integer.parseInt(args[0]));
    }
  }

  /** Connects, says so, then idles until killed or told to go. */
  public static final class Idler {
    public static void main(String[] args) throws Exception {
      IpcRenderer.connect().sendSync("ready");
      idle();
    }
  }

  /** Fires args[0] invokes at "slow" without waiting, says so, then idles. */
  public static final class Flooder {
    public static void main(String[] args) throws Exception {
      IpcRenderer ipc = IpcRenderer.connect();
      int n = Integer.parseInt(args[0]);
      for (int i = 0; i < n; i++) {
        ipc.invoke("slow", i);
      }
      ipc.send("fired", n);
      idle();
    }
  }

  /** Makes args[0] concurrent invokes of "echo" and reports how many replies matched their call. */
  public static final class Echoer {
    public static void main(String[] args) throws Exception {
      IpcRenderer ipc = IpcRenderer.connect();
      int n = Integer.parseInt(args[0]);
      List<CompletableFuture<Object>> calls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        calls.add(ipc.invoke("echo", i));
      }
      int matched = 0;
      for (int i = 0; i < n; i++) {
        Object reply = calls.get(i).join();
        if (reply instanceof List<?> pair && pair.get(1).equals(i)) {
          matched++;
        }
      }
      ipc.send("matched", matched);
      idle();
    }
  }

  /** A host in its own JVM: it launches an {@link Orphan} and idles, so that a test can kill it. */
  public static final class HostInAChild {
    public static void main(String[] args) throws Exception {
      io.ipc4j.IpcHost host = io.ipc4j.IpcHost.overSockets();
      host.ipcMain().handle("never", (event, a) -> new CompletableFuture<>());
      host.launchRenderer(Orphan.class, args[0]);
      idle();
    }
  }

  /** Waits on a call that never answers; records what happens when its host dies (marker files in args[0]). */
  public static final class Orphan {
    public static void main(String[] args) throws Exception {
      Path dir = Path.of(args[0]);
      IpcRenderer ipc = IpcRenderer.connect();
      Files.writeString(dir.resolve("pid"), Long.toString(ProcessHandle.current().pid()));
      CompletableFuture<Object> call = ipc.invoke("never");
      Files.writeString(dir.resolve("pending"), "yes");
      try {
        call.join();
        Files.writeString(dir.resolve("outcome"), "answered");
      } catch (Exception e) {
        Files.writeString(dir.resolve("outcome"), e.getCause().getClass().getName());
      }
      idle();
    }
  }

  /** Handshakes by hand, then breaks the protocol in the way args[0] names. */
  public static final class Rogue {
    public static void main(String[] args) throws Exception {
      Endpoint endpoint = Endpoint.parse(System.getenv(ChildConnector.ENDPOINT_ENV));
      byte[] secret = Files.readAllBytes(Path.of(System.getenv(ChildConnector.TICKET_ENV)));
      try (SocketChannel channel = endpoint.connect()) {
        write(channel, Frames.hello(secret));
        ByteBuffer welcome = ByteBuffer.allocate(4);
        while (welcome.hasRemaining()) {
          channel.read(welcome);
        }
        ByteBuffer rest = ByteBuffer.allocate(welcome.flip().getInt());
        while (rest.hasRemaining()) {
          channel.read(rest);
        }
        // Misbehaves only once the test has its listeners in place: it says so with a message ("go").
        ByteBuffer go = ByteBuffer.allocate(4);
        while (go.hasRemaining()) {
          channel.read(go);
        }
        ByteBuffer goFrame = ByteBuffer.allocate(go.flip().getInt());
        while (goFrame.hasRemaining()) {
          channel.read(goFrame);
        }
        switch (args[0]) {
          case "unknown-type" -> write(channel, ByteBuffer.allocate(5).putInt(1).put((byte) 0x7e).flip());
          case "huge-length" -> write(channel, ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).flip());
          case "foreign-frame" -> write(channel, Frames.header(new Message.Send(99, "x", ValueCodecs.NO_ARGS)),
              ByteBuffer.wrap(ValueCodecs.NO_ARGS));
          case "host-frame" -> write(channel, Frames.header(new Message.Push(1, "x", ValueCodecs.NO_ARGS)),
              ByteBuffer.wrap(ValueCodecs.NO_ARGS));
          case "call-frame" -> write(channel,
              Frames.header(new Message.CallRenderer(1, 1, "x", 1000, ValueCodecs.NO_ARGS)),
              ByteBuffer.wrap(ValueCodecs.NO_ARGS));
          case "call-cancel-frame" -> write(channel, Frames.header(new Message.CancelCall(1)));
          default -> throw new IllegalArgumentException(args[0]);
        }
        ByteBuffer sink = ByteBuffer.allocate(64);
        while (channel.read(sink.clear()) >= 0) {
          // wait until the host hangs up
        }
      }
      System.exit(0);
    }

    private static void write(SocketChannel channel, ByteBuffer... buffers) throws Exception {
      for (ByteBuffer b : buffers) {
        while (b.hasRemaining()) {
          channel.write(b);
        }
      }
    }
  }

  /** Encoded empty argument lists. */
  static final class ValueCodecs {
    static final byte[] NO_ARGS = new io.ipc4j.internal.codec.ValueCodec(new io.ipc4j.internal.codec.CodecRegistry())
        .encodeArgs(new Object[0]);

    private ValueCodecs() {}
  }
}
