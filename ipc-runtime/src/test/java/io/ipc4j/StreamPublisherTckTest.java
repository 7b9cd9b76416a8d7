package io.ipc4j;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The Reactive Streams TCK's publisher rules, checked against {@link IpcRenderer#stream} over an in-process host: a
 * main handler serves {@code createFlowPublisher(n)} with a publisher of n items, emitted on a thread of its own (a
 * publisher that emits on the main loop itself would hold the loop for as long as it emits, and the TCK asks for
 * billions of items), and the failed publisher is a handler that throws.
 *
 * <p>None of the rules the TCK can check is skipped here. It reports seven as skipped on its own: its
 * {@code untested_*} rules (1.6, 1.7, 1.8, 1.9's "subscribe should not throw", 1.10, 3.4, 3.5), for which it has no
 * test, since no black-box test can tell (how heavy a request is, whether a subscriber subscribed twice).
 */
public class StreamPublisherTckTest extends FlowPublisherVerification<Object> {
  private IpcHost host;
  private IpcRenderer ipc;
  private ExecutorService emitters;

  public StreamPublisherTckTest() {
    // Generous waits for a loaded machine: a signal within 2 s, none within 300 ms, a dropped subscriber within 1 s.
    // An awaited signal is looked for every 10 ms: by default the TCK looks again only after the whole 2 s, so each
    // check of an error that comes a moment after the request took 2 s.
    super(new TestEnvironment(2_000, 300, 10), 1_000);
  }

  @BeforeClass
  public void openHost() {
    emitters = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "tck-emitter");
      t.setDaemon(true);
      return t;
    });
    host = IpcHost.builder().inProcess();
    host.ipcMain().handle("range", (event, args) -> new CountingPublisher(((Number) args[0]).longValue(), emitters));
    host.ipcMain().handle("broken", (event, args) -> {
      throw new IllegalStateException("unable to serve");
    });
    ipc = host.openRenderer().ipcRenderer();
  }

  @AfterClass
  public void closeHost() {
    host.close();
    emitters.shutdownNow();
  }

  @Override
  public Flow.Publisher<Object> createFlowPublisher(long elements) {
    return ipc.stream("range", elements);
  }

  @Override
  public Flow.Publisher<Object> createFailedFlowPublisher() {
    return ipc.stream("broken");
  }
}
