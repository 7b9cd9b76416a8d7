package io.ipc4j.internal.socket;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import io.ipc4j.IpcHost;
import io.ipc4j.WebContents;
import io.ipc4j.internal.Log;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a renderer JVM does not pay for before its first call: finding the logging backend (which loads and
 * configures {@code java.util.logging}) while nothing is logged, and linking string concatenations at run time.
 */
class StartupCostTest {
  @Test
  void aRendererThatLogsNothingHasNotLoadedJavaUtilLoggingWhenItsFirstCallArrives(@TempDir Path dir)
      throws Exception {
    Path log = dir.resolve("classes.log");
    try (IpcHost host = ChildProcessTest.host().jvmOptions("-Xlog:class+load=info:file=" + log).overSockets()) {
      CountDownLatch ready = new CountDownLatch(1);
      host.ipcMain().on("ready", (event, args) -> {
        event.setReturnValue(null);
        ready.countDown();
      });
      WebContents renderer = host.launchRenderer(ChildMains.Idler.class);
      assertThat(ready.await(20, TimeUnit.SECONDS)).isTrue();

      List<String> loaded = Files.readAllLines(log);
      assertThat(loaded.stream().anyMatch(line -> line.contains(" io.ipc4j.internal.socket.ChildConnector ")))
          .isTrue(); // the log is the renderer's, and it connected
      assertThat(loaded.stream().filter(line -> line.contains("java.util.logging.")).collect(Collectors.toList()))
          .isEmpty();
      renderer.close();
    }
  }

  @Test
  void theRuntimesClassesConcatenateStringsWithoutInvokedynamic() throws Exception {
    Path classes = Path.of(Log.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    byte[] bootstrap = "makeConcatWithConstants".getBytes(StandardCharsets.US_ASCII);
    List<Path> linking;
    long count;
    try (Stream<Path> files = Files.walk(classes)) {
      List<Path> all = files.filter(f -> f.toString().endsWith(".class")).collect(Collectors.toList());
      count = all.size();
      linking = all.stream().filter(f -> contains(read(f), bootstrap)).collect(Collectors.toList());
    }
    assertWithMessage("the runtime's classes under " + classes).that(count).isGreaterThan(100L);
    assertWithMessage("classes that link string concatenation at run time").that(linking).isEmpty();
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
