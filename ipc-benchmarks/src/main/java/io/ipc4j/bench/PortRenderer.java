package io.ipc4j.bench;

import io.ipc4j.IpcRenderer;
import io.ipc4j.MessagePort;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A renderer JVM of the port rows. As {@code echo} it posts back on its port whatever arrives there. As
 * {@code caller} it gets two ports, one to the echoing renderer ({@value #TO_RENDERER}) and one to a
 * {@code MessagePortMain} that echoes in the host ({@value #TO_MAIN}); on each {@value #GO} it times a round of
 * 64-byte round trips, one at a time, by one of three modes: {@code r2r} and {@code main} (post on that port, wait
 * for the echo) or {@code invoke} (an untyped {@code invoke} of the host's echo, the baseline), and reports the
 * samples.
 */
public final class PortRenderer {
  /** Starts a round; arguments: the mode, the number of round trips. */
  static final String GO = "bench:port-go";
  /** A round's samples; an empty array when the renderer is ready, and again when it holds both ports. */
  static final String RESULT = "bench:port-result";
  /** Carries the port whose peer another renderer holds. */
  static final String TO_RENDERER = "bench:port-r2r";
  /** Carries the port whose peer the host holds. */
  static final String TO_MAIN = "bench:port-main";
  /**
   * How many times the caller checks for an echo before it parks: as a blocked {@code invoke} does across
   * processes, it does not spin for longer (a round trip takes longer than a spin, and on few cores the spinner would
   * take the core of the threads that bring the echo), and the baseline should not win by its wait alone.
   */
  private static final int BUSY_CHECKS = 256;

  private PortRenderer() {}

  /**
   * Connects and plays its part until the host goes away.
   *
   * @param args {@code caller} or {@code echo}
   */
  public static void main(String[] args) throws Exception {
    IpcRenderer ipc = IpcRenderer.connect();
    if (args[0].equals("echo")) {
      ipc.on(TO_RENDERER, (event, a) -> {
        MessagePort port = event.ports().get(0);
        port.onMessage(message -> port.postMessage(message.data()));
        port.start();
      });
      ipc.send(RESULT, (Object) new long[0]); // ready
      Thread.sleep(Long.MAX_VALUE);
    }
    Echoes echoes = new Echoes();
    Map<String, MessagePort> ports = new ConcurrentHashMap<>();
    for (String channel : new String[] {TO_RENDERER, TO_MAIN}) {
      ipc.on(channel, (event, a) -> {
        MessagePort port = event.ports().get(0);
        port.onMessage(message -> echoes.arrived(message.data()));
        port.start();
        ports.put(channel, port);
        if (ports.size() == 2) {
          ipc.send(RESULT, (Object) new long[0]); // holds both ports
        }
      });
    }
    byte[] payload = new byte[64];
    Rounds.play(ipc, GO, RESULT, round -> {
      String mode = (String) round[0];
      MessagePort port = switch (mode) {
        case "r2r" -> ports.get(TO_RENDERER);
        case "main" -> ports.get(TO_MAIN);
        case "invoke" -> null;
        default -> throw new IllegalArgumentException("no port mode " + mode);
      };
      long[] samples = new long[((Number) round[1]).intValue()];
      for (int i = 0; i < samples.length; i++) {
        long start = System.nanoTime();
        Object back = port == null ? ipc.invoke(EchoApiIpc.ECHO, (Object) payload).join() : echoes.roundTrip(port,
            payload);
        samples[i] = System.nanoTime() - start;
        Plan.check((byte[]) back, payload.length);
      }
      return samples;
    });
  }

  /** The caller's one echo in flight: the port's listener, on the event loop, hands it to the waiting thread. */
  private static final class Echoes {
    private volatile Object echo;
    private volatile Thread waiter;

    void arrived(Object data) {
      echo = data;
      LockSupport.unpark(waiter);
    }

    Object roundTrip(MessagePort port, Object data) {
      echo = null;
      waiter = Thread.currentThread();
      port.postMessage(data);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      Object back;
      for (int checks = 0; (back = echo) == null; checks++) {
        long now = System.nanoTime();
        if (now - deadline > 0) {
          throw new IllegalStateException("no echo on the port within a minute");
        }
        if (checks < BUSY_CHECKS) {
          Thread.onSpinWait();
        } else {
          LockSupport.parkNanos(this, deadline - now);
        }
      }
      return back;
    }
  }
}
