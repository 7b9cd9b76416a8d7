package io.ipc4j.it;

import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.IpcHost;
import io.ipc4j.IpcRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Main classes of the JVMs that the process tests launch: renderers, and a host that can be killed. */
final class Children {
  private Children() {}

  /** Waits until the host ends this process (a renderer's runtime exits when its host goes away). */
  static void idle() throws InterruptedException {
    while (true) {
      Thread.sleep(60_000);
    }
  }

  /** Writes a file whole, so that a reader polling for it never sees half of it. */
  static void publish(Path file, String text) throws Exception {
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.writeString(partial, text);
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Serves {@link NotesApi} through its generated renderer-side register, then sends "ready". */
  public static final class NotesServer {
    public static void main(String[] args) throws Exception {
      IpcRenderer ipc = IpcRenderer.connect();
      NotesApiIpc.register(ipc, new Store());
      ipc.send("ready");
      idle();
    }
  }

  /**
   * Serves {@link PatientApi} with a {@link Holder}, then sends "ready"; it reports each of its futures that the main
   * process's cancel reaches with {@code ("cancelled", tag)}.
   */
  public static final class PatientServer {
    public static void main(String[] args) throws Exception {
      IpcRenderer ipc = IpcRenderer.connect();
      PatientApiIpc.register(ipc, new Holder(ipc));
      ipc.send("ready");
      idle();
    }
  }

  /** Holds every call open, and tells the main process when a call's future is cancelled: ("cancelled", tag). */
  static final class Holder implements PatientApi {
    private final IpcRenderer ipc;

    Holder(IpcRenderer ipc) {
      this.ipc = ipc;
    }

    @Override
    public CompletableFuture<String> hold(String tag) {
      CompletableFuture<String> answer = new CompletableFuture<>();
      answer.whenComplete((value, failure) -> {
        if (answer.isCancelled()) {
          ipc.send("cancelled", tag);
        }
      });
      return answer;
    }

    @Override
    public CompletableFuture<String> holdBriefly(String tag) {
      return hold(tag);
    }
  }

  /**
   * Makes args[0] rounds of args[1] concurrent invokes of "echo", waits on each with a timed get of 60 s, and
   * reports every round: {@code ("round", round, matched, what went wrong or "")}.
   */
  public static final class TimedEchoer {
    public static void main(String[] args) throws Exception {
      IpcRenderer ipc = IpcRenderer.connect();
      int rounds = Integer.parseInt(args[0]);
      int n = Integer.parseInt(args[1]);
      for (int round = 0; round < rounds; round++) {
        List<CompletableFuture<Object>> calls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          calls.add(ipc.invoke("echo", round, i));
        }
        int matched = 0;
        String problem = "";
        for (int i = 0; i < n; i++) {
          long start = System.nanoTime();
          try {
            Object reply = calls.get(i).get(60, TimeUnit.SECONDS);
            if (reply instanceof List<?> echo && echo.equals(List.of(round, i))) {
              matched++;
            } else if (problem.isEmpty()) {
              problem = "call " + i + " got " + reply;
            }
          } catch (TimeoutException | ExecutionException e) {
            if (problem.isEmpty()) {
              problem = "call " + i + ": " + e + " after " + (System.nanoTime() - start) / 1_000_000 + " ms";
            }
          }
        }
        ipc.send("round", round, matched, problem);
      }
      idle();
    }
  }

  /**
   * Invokes "echo" over and over, one at a time, and keeps the slowest round trip; answers "report" with
   * {@code ("latency", worst millis, calls, failures)} and starts a new measure.
   */
  public static final class Pinger {
    private static volatile long worstNanos;
    private static volatile int calls;
    private static volatile int failures;

    public static void main(String[] args) throws Exception {
      IpcRenderer ipc = IpcRenderer.connect();
      ipc.on("report", (event, a) -> {
        ipc.send("latency", worstNanos / 1_000_000, calls, failures);
        worstNanos = 0;
        calls = 0;
        failures = 0;
      });
      ipc.send("pinging");
      while (true) {
        long start = System.nanoTime();
        try {
          ipc.invoke("echo", calls).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
          failures++;
        }
        long took = System.nanoTime() - start;
        worstNanos = Math.max(worstNanos, took);
        calls++;
        Thread.sleep(5);
      }
    }
  }

  /** Fires args[0] invokes at "slow" without waiting, says how many, then idles until killed. */
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

  /**
   * A host in a JVM of its own, so that a test can kill it: its handlers never answer, and once its renderer
   * ({@link Stranded}, given args[0]) has 100 invokes and a sendSync pending, it writes "pending" in args[0].
   */
  public static final class DoomedHost {
    private static int received;

    public static void main(String[] args) throws Exception {
      Path dir = Path.of(args[0]);
      IpcHost host = IpcHost.builder().jvmOptions("-XX:TieredStopAtLevel=1").overSockets();
      host.ipcMain().handle("never", (event, a) -> {
        count(dir);
        return new CompletableFuture<>();
      });
      host.ipcMain().on("never-sync", (event, a) -> count(dir));
      host.launchRenderer(Stranded.class, args[0]);
      idle();
    }

    private static void count(Path dir) {
      if (++received == Stranded.INVOKES + 1) {
        try {
          publish(dir.resolve("pending"), "101");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  /**
   * A renderer left without its host: it has a sendSync and {@value #INVOKES} invokes pending when the host is
   * killed, and writes in args[0] how each ended and when ({@code outcome}: one line per call, "type epochMillis").
   */
  public static final class Stranded {
    static final int INVOKES = 100;

    public static void main(String[] args) throws Exception {
      Path dir = Path.of(args[0]);
      IpcRenderer ipc = IpcRenderer.connect();
      publish(dir.resolve("pid"), Long.toString(ProcessHandle.current().pid()));
      ConcurrentLinkedQueue<String> ends = new ConcurrentLinkedQueue<>();
      List<CompletableFuture<Object>> calls = new ArrayList<>();
      for (int i = 0; i < INVOKES; i++) {
        calls.add(ipc.invoke("never", i).whenComplete((value, failure) -> ends.add(name(failure) + " "
            + System.currentTimeMillis())));
      }
      Thread sync = new Thread(() -> {
        try {
          ipc.sendSync("never-sync");
          ends.add("answered " + System.currentTimeMillis());
        } catch (RuntimeException e) {
          ends.add(e.getClass().getName() + " " + System.currentTimeMillis());
        }
      });
      sync.start();
      sync.join();
      for (CompletableFuture<Object> call : calls) {
        try {
          call.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          // recorded by whenComplete
        }
      }
      publish(dir.resolve("outcome"), String.join("\n", ends));
      idle();
    }

    private static String name(Throwable failure) {
      if (failure == null) {
        return "answered";
      }
      Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      return cause.getClass().getName();
    }

    /** For the reader of the outcome file. */
    static final String DISCONNECTED = IpcDisconnectedException.class.getName();
  }

  /** Serves {@link FeedApi} with a {@link Feed} that reports each cancel as ("cancelled", tag), then sends "ready". */
  public static final class FeedServer {
    public static void main(String[] args) throws Exception {
      IpcRenderer ipc = IpcRenderer.connect();
      FeedApiIpc.register(ipc, new Feed(tag -> ipc.send("cancelled", tag)));
      ipc.send("ready");
      idle();
    }
  }

  /**
   * Serves {@link FeedApi} as {@link FeedServer} does, and follows the main process's endless {@code ticks("follower")}
   * one item at a time, sending "following" once the first has come.
   */
  public static final class FeedFollower {
    public static void main(String[] args) throws Exception {
      IpcRenderer ipc = IpcRenderer.connect();
      FeedApiIpc.register(ipc, new Feed(tag -> ipc.send("cancelled", tag)));
      FeedApiIpc.client(ipc).ticks("follower").subscribe(new java.util.concurrent.Flow.Subscriber<Long>() {
        private java.util.concurrent.Flow.Subscription subscription;

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
          subscription = s;
          s.request(1);
        }

        @Override
        public void onNext(Long tick) {
          if (tick == 0) {
            ipc.send("following");
          }
          subscription.request(1);
        }

        @Override
        public void onError(Throwable failure) {}

        @Override
        public void onComplete() {}
      });
      idle();
    }
  }
}
