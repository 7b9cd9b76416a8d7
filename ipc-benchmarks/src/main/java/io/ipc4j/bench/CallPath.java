package io.ipc4j.bench;

import io.ipc4j.IpcHost;
import io.ipc4j.Renderer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Follows one typed in-process call, {@code PathApi.get(42)}, through the runtime and prints every source file it
 * runs code in, in the order the call first enters them, and every file-to-file call it makes. It records the
 * call with JDK Flight Recorder's method tracing, so it needs JDK 25 or later:
 *
 * <pre>
 * java -cp ipc-benchmarks/target/ipc-benchmarks.jar io.ipc4j.bench.CallPath [--methods]
 * </pre>
 *
 * <p>With {@code --methods}, each call between files names the method that makes it, the method it enters and the
 * thread it runs on. A file is a top-level class (nested classes count as their file); threads that only keep time
 * (the watchdog) are left out, the loops that carry the call are not.
 */
public final class CallPath {
  /**
   * What one traced call crossed.
   *
   * @param files the files it ran code in, in the order it first entered them (simple names of top-level classes,
   *     with their packages below {@code io.ipc4j})
   * @param edges each call between two files, {@code "caller -> callee"}
   * @param methodEdges the same calls, each as {@code "caller.method -> callee.method [thread]"}
   */
  public record Trace(List<String> files, Set<String> edges, Set<String> methodEdges) {}

  private CallPath() {}

  /**
   * Traces one call and prints its path.
   *
   * @param args {@code --methods} to print the methods of each call between files
   * @throws Exception if the recording fails
   */
  public static void main(String[] args) throws Exception {
    if (Runtime.version().feature() < 25) {
      System.err.println("CallPath needs JDK 25 or later (JFR method tracing); this is " + Runtime.version());
      System.exit(2);
    }
    boolean methods = List.of(args).contains("--methods");
    Trace trace = trace();
    System.out.printf("One typed in-process call, PathApi.get(42): %d files, %d file-to-file call edges%n",
        trace.files().size(), trace.edges().size());
    int n = 0;
    for (String file : trace.files()) {
      System.out.printf("%3d. %s%n", ++n, file);
    }
    System.out.println("Calls between files:");
    (methods ? trace.methodEdges() : trace.edges()).forEach(e -> System.out.println("     " + e));
  }

  /**
   * Makes an in-process host, warms the call, and traces one {@code PathApi.get(42)}; JDK 25 or later.
   *
   * @return what the call crossed
   * @throws Exception if the recording fails
   */
  public static Trace trace() throws Exception {
    PathApi.Item item = new PathApi.Item(42, "title", List.of("a", "b"), Instant.EPOCH);
    Path jfr = Files.createTempFile("ipc4j-call-path", ".jfr");
    try {
      try (IpcHost host = IpcHost.inProcess()) {
        PathApiIpc.register(host.ipcMain(), id -> item);
        Renderer renderer = host.openRenderer();
        PathApi items = PathApiIpc.client(renderer.ipcRenderer());
        for (int i = 0; i < 2_000; i++) {
          items.get(42); // warm: the traced call takes the steady path, not first-call class set-up
        }
        Thread.sleep(200);
        try (Recording recording = new Recording()) {
          recording.enable("jdk.MethodTrace").with("filter", String.join(";", runtimeClasses()));
          for (String own : List.of("Call", "Message", "Stream", "PortMessage")) {
            recording.disable("io.ipc4j." + own); // the path of a plain call, with no event of its own recorded
          }
          recording.start();
          items.get(42);
          Thread.sleep(50); // the loops go back to waiting: part of the path too
          recording.stop();
          recording.dump(jfr);
        }
      }
      return read(RecordingFile.readAllEvents(jfr));
    } finally {
      Files.deleteIfExists(jfr);
    }
  }

  private static Trace read(List<RecordedEvent> events) {
    events.sort(Comparator.comparing(RecordedEvent::getStartTime));
    Set<String> files = new LinkedHashSet<>();
    Set<String> edges = new TreeSet<>();
    Set<String> methodEdges = new TreeSet<>();
    for (RecordedEvent event : events) {
      String thread = event.getThread() == null ? null : event.getThread().getJavaName();
      if (!event.getEventType().getName().equals("jdk.MethodTrace") || thread == null
          || thread.contains("watchdog")) {
        continue;
      }
      RecordedMethod method = event.getValue("method");
      String callee = fileOf(method.getType().getName());
      files.add(callee);
      RecordedFrame caller = null;
      if (event.getStackTrace() != null) {
        for (RecordedFrame frame : event.getStackTrace().getFrames()) {
          if (isTraced(frame.getMethod().getType().getName())) {
            caller = frame;
            break;
          }
        }
      }
      String from = caller == null ? null : fileOf(caller.getMethod().getType().getName());
      if (from != null && !from.equals(callee)) {
        edges.add(from + " -> " + callee);
        methodEdges.add(from + "." + caller.getMethod().getName() + " -> " + callee + "." + method.getName()
            + " [" + thread + "]");
      }
    }
    return new Trace(List.copyOf(files), edges, methodEdges);
  }

  private static boolean isTraced(String type) {
    return type.startsWith("io.ipc4j.") && (!type.startsWith("io.ipc4j.bench.") || isGenerated(type));
  }

  private static boolean isGenerated(String type) {
    return type.startsWith("io.ipc4j.bench.PathApiIpc");
  }

  /** The top-level class of {@code type}, named below {@code io.ipc4j}: {@code internal.codec.ValueCodec}. */
  private static String fileOf(String type) {
    int nested = type.indexOf('$');
    return (nested < 0 ? type : type.substring(0, nested)).substring("io.ipc4j.".length());
  }

  /** Every class of the runtime and the generated class, as JFR method-trace filters. */
  private static List<String> runtimeClasses() throws IOException, URISyntaxException {
    Set<String> names = new TreeSet<>();
    for (Class<?> from : List.of(IpcHost.class, PathApiIpc.class)) { // one jar, or two places while testing
      Path where = Path.of(from.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(where)) {
        collect(where, names);
      } else {
        try (FileSystem jar = FileSystems.newFileSystem(where, Map.of())) {
          collect(jar.getPath("/"), names);
        }
      }
    }
    names.removeIf(name -> !isTraced(name));
    return List.copyOf(names);
  }

  private static void collect(Path root, Set<String> names) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      files.map(p -> root.relativize(p).toString())
          .filter(p -> p.endsWith(".class") && !p.endsWith("module-info.class"))
          .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
          .forEach(names::add);
    }
  }
}
