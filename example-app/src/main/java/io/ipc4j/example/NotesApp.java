package io.ipc4j.example;

import io.ipc4j.IpcHost;
import io.ipc4j.IpcMainEvent;
import io.ipc4j.IpcMainInvokeEvent;
import io.ipc4j.MessageChannelMain;
import io.ipc4j.Renderer;
import io.ipc4j.WebContents;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The notes example: a main process that owns notes on disk, and two renderer windows — child JVMs by default —
 * that run a scripted session through generated clients and print what each IPC style did. Window B follows the
 * audit log as a live stream ({@link NotesApi#auditLog()}), and windows A and B share a MessagePort that the main
 * process made ({@link SelectionPort}). Before it quits, the main process asks every window for its unsaved edits,
 * with a deadline ({@link Quit}).
 *
 * <pre>
 * NotesApp [--in-process] [--gui] [--dir DIRECTORY]
 * </pre>
 */
public final class NotesApp {
  private static final List<String> WINDOWS = List.of("A", "B");

  private final PrintStream out;
  private final boolean inProcess;
  private final boolean gui;
  private final Path directory;
  private final Map<Integer, CompletableFuture<Void>> turns = new ConcurrentHashMap<>();
  private final Map<Integer, CompletableFuture<Void>> ready = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> quitAsked = new CompletableFuture<>();
  private final List<WebContents> windows = new ArrayList<>();
  private NoteStore store; // set by start(), as the three below
  private ExecutorService disk;
  private IpcHost host;
  private NotesService service;

  NotesApp(PrintStream out, boolean inProcess, boolean gui, Path directory) {
    this.out = out;
    this.inProcess = inProcess;
    this.gui = gui;
    this.directory = directory;
  }

  /**
   * Runs the example.
   *
   * @param args {@code --in-process}, {@code --gui}, {@code --dir DIRECTORY}
   */
  public static void main(String[] args) throws Exception {
    boolean inProcess = false;
    boolean gui = false;
    Path directory = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--in-process" -> inProcess = true;
        case "--gui" -> gui = true;
        case "--dir" -> directory = Path.of(args[++i]);
        default -> {
          System.err.println("usage: NotesApp [--in-process] [--gui] [--dir DIRECTORY]");
          System.exit(2);
        }
      }
    }
    if (gui && java.awt.GraphicsEnvironment.isHeadless()) {
      System.err.println("--gui needs a display; run without it for the scripted session");
      System.exit(2);
    }
    new NotesApp(System.out, inProcess, gui, directory != null ? directory : Files.createTempDirectory("ipc4j-notes-"))
        .run();
  }

  /** Runs the session (or the GUI until every window is closed) and closes everything. */
  void run() throws Exception {
    try {
      start();
      if (gui) {
        // Closing a window ends its renderer; "Quit" in any window asks the main process to close them all.
        CompletableFuture.anyOf(closed(windows), quitAsked).join();
        if (quitAsked.isDone()) {
          quit();
        }
        out.println("main: " + store.list().size() + " note(s) on disk; done");
        return;
      }
      turn(windows.get(1), "follow");
      turn(windows.get(0), "edit");
      turn(windows.get(1), "review");
      turn(windows.get(0), "wrap-up");
      // A live stream is not sequenced with the turns: B is handed each entry only after it asked for it, which it
      // does once it has shown the one before. So B stops following only once it has been sent the whole log.
      awaitAuditHandedOut();
      turn(windows.get(1), "unfollow");
      // Each window's turn ended after everything it sent before, so the logs are complete here.
      out.println("main: activity log " + service.activity());
      out.println("main: audit log    " + service.audit());
      quit();
      out.println("main: " + store.list().size() + " note(s) left on disk; done");
    } finally {
      close();
    }
  }

  /**
   * Starts the host and opens the windows, waits until each is listening, then gives the first two a MessagePort
   * each, entangled, so that they can talk to each other without a handler in the main process.
   */
  void start() throws Exception {
    store = new NoteStore(directory);
    disk = Executors.newSingleThreadExecutor(r -> new Thread(r, "notes-disk"));
    host = inProcess
        ? IpcHost.builder().interceptor(new SenderCheck()).inProcess()
        : IpcHost.builder().interceptor(new SenderCheck()).jvmOptions("-XX:TieredStopAtLevel=1", "-Xshare:auto")
            .overSockets();
    service = new NotesService(host, store, disk);
    NotesApiIpc.register(host.ipcMain(), service);
    TranscriptApiIpc.register(host.ipcMain(), new Transcript());
    AppApiIpc.register(host.ipcMain(), () -> quitAsked.complete(null));
    if (gui && store.list().isEmpty()) {
      welcome(store);
    }
    List<Long> pids = new ArrayList<>();
    for (String name : WINDOWS) {
      WebContents window = open(host, name);
      service.name(window, name);
      windows.add(window);
      pids.add(window.osProcessId());
    }
    out.println("ipc4j notes: a main process and " + WINDOWS.size() + " windows ("
        + (inProcess ? "renderers as threads in this JVM" : "renderer JVMs, pids " + pids) + ")");
    out.println("notes are stored in " + directory);
    for (WebContents window : windows) {
      ready.computeIfAbsent(window.id(), id -> new CompletableFuture<>()).get(60, TimeUnit.SECONDS);
    }
    // Each window learns the other's name with its port; the host relays their messages, main code sees none.
    MessageChannelMain selection = new MessageChannelMain();
    windows.get(0).postMessage(SelectionPort.CHANNEL, WINDOWS.get(1), List.of(selection.port1()));
    windows.get(1).postMessage(SelectionPort.CHANNEL, WINDOWS.get(0), List.of(selection.port2()));
    out.println("main: windows A and B share a MessagePort (" + SelectionPort.CHANNEL + "); main sees none of "
        + "its messages");
  }

  /** Closes the host (and so every window still open) and the disk thread. */
  void close() throws InterruptedException {
    if (host != null) {
      host.close();
    }
    if (disk != null) {
      disk.shutdown();
      disk.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  /** The windows, in the order they opened: A, B. */
  List<WebContents> windows() {
    return windows;
  }

  NotesService service() {
    return service;
  }

  /** Asks each window for its unsaved edits, in parallel and with a deadline, and closes it. */
  private void quit() {
    Map<String, WebContents> byName = new LinkedHashMap<>();
    for (int i = 0; i < windows.size(); i++) {
      byName.put(WINDOWS.get(i), windows.get(i));
    }
    out.println("main: quitting: confirmClose() to every window at once, deadline " + Quit.DEADLINE_SECONDS + " s");
    long start = System.nanoTime();
    List<Quit.Closed> closed = new Quit(store, disk).closeAll(byName);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    closed.forEach(window -> out.println("main: " + window.describe()));
    out.printf("main: every window closed after %.1f s%n", millis / 1000.0);
  }

  private WebContents open(IpcHost host, String name) {
    if (!inProcess) {
      return gui
          ? host.launchRenderer(WindowMain.class, name, "--gui", String.valueOf(WINDOWS.indexOf(name)))
          : host.launchRenderer(WindowMain.class, name);
    }
    Renderer renderer = host.openRenderer();
    WindowComponent graph = DaggerWindowComponent.factory().create(renderer.ipcRenderer(), name);
    if (gui) {
      String where = "renderer thread in the main JVM, pid " + ProcessHandle.current().pid();
      NotesFrame frame = NotesFrame.open(graph, name, WINDOWS.indexOf(name), where, renderer::close);
      renderer.webContents().onDestroyed(frame::dispose);
    } else {
      graph.window().start();
    }
    return renderer.webContents();
  }

  /** Hands {@code window} its turn ({@link NotesWindow} says what each phase does) and waits until it ends. */
  /** Waits, at most 10 s, until every window that follows the audit log has been sent every entry in it. */
  private void awaitAuditHandedOut() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!service.auditHandedOut() && System.nanoTime() - deadline < 0) {
      Thread.sleep(1);
    }
  }

  void turn(WebContents window, String phase) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    turns.put(window.id(), done);
    window.send(NotesWindow.TURN, phase);
    done.get(60, TimeUnit.SECONDS);
  }

  /** The notes a new user's windows start with, so that the lists show what the main process holds. */
  private static void welcome(NoteStore store) {
    store.create("Welcome", "Notes live in the main process; every window lists them.", "main");
    store.create("Try it", "Type a title and press New: the other window lists the note at once.", "main");
  }

  private static CompletableFuture<Void> closed(List<WebContents> windows) {
    CompletableFuture<?>[] closed = new CompletableFuture<?>[windows.size()];
    for (int i = 0; i < closed.length; i++) {
      CompletableFuture<Void> gone = new CompletableFuture<>();
      windows.get(i).onDestroyed(() -> gone.complete(null));
      closed[i] = gone;
    }
    return CompletableFuture.allOf(closed);
  }

  /** Prints what windows report, and tracks their turns. */
  private final class Transcript implements TranscriptApiIpc.Handler {
    @Override
    public void line(IpcMainEvent event, String text) {
      out.println(text);
    }

    @Override
    public boolean ready(IpcMainInvokeEvent event) {
      ready.computeIfAbsent(event.sender().id(), id -> new CompletableFuture<>()).complete(null);
      return true;
    }

    @Override
    public void done(IpcMainEvent event) {
      CompletableFuture<Void> turn = turns.get(event.sender().id());
      if (turn != null) {
        turn.complete(null);
      }
    }
  }
}
