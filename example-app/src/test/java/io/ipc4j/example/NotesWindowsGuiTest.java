package io.ipc4j.example;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.awt.Component;
import java.awt.Container;
import java.awt.Frame;
import java.awt.GraphicsEnvironment;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --gui} app, driven as a user would: its two windows run in this JVM ({@code --in-process --gui}) so
 * that the test can find their components, and {@link Robot} clicks their buttons on the real (or virtual) screen.
 * Without a display it is skipped, unless CI is set: CI gives it one (Xvfb) and it must run.
 */
class NotesWindowsGuiTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  static final Path SCREENSHOT = Path.of("target", "notes-app.png");

  @Test
  void newInOneWindowShowsTheNoteInTheOtherAndQuitKeepsUnsavedEdits(@TempDir Path notes) throws Exception {
    boolean ci = System.getenv("CI") != null && !System.getenv("CI").equalsIgnoreCase("false");
    boolean headless = GraphicsEnvironment.isHeadless();
    assertFalse(ci && headless, "CI is set but there is no display: run the tests under xvfb-run");
    assumeFalse(headless, "no display, and CI is not set");
    ByteArrayOutputStream transcript = new ByteArrayOutputStream();
    NotesApp app = new NotesApp(new PrintStream(transcript, true, StandardCharsets.UTF_8), true, true, notes);
    CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
      try {
        app.run();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Frame a = await(() -> frame("window A"));
    Frame b = await(() -> frame("window B"));
    JList<?> listA = find(a, JList.class, "notes");
    JList<?> listB = find(b, JList.class, "notes");
    // The lists are filled from the main process at start, and each window says which renderer runs it.
    await(() -> onSwing(() -> listA.getModel().getSize() == 2 && listB.getModel().getSize() == 2) ? true : null);
    assertThat(onSwing(() -> find(a, JLabel.class, "heading").getText())).startsWith("Window A \u2014 renderer");
    assertThat(onSwing(() -> find(b, JLabel.class, "heading").getText())).startsWith("Window B \u2014 renderer");
    Rectangle boundsA = onSwing(a::getBounds);
    Rectangle boundsB = onSwing(b::getBounds);
    assertThat(boundsA.intersects(boundsB)).isFalse();
    assertThat(boundsA.x).isLessThan(boundsB.x);

    Robot robot = new Robot();
    robot.setAutoDelay(50);
    onSwing(() -> {
      find(a, JTextField.class, "title").setText("Written in A");
      find(a, JTextArea.class, "body").setText("Pressing New in window A sent notes:create to the main process,\n"
          + "which pushed notes:changed to window B.");
      return null;
    });
    click(robot, find(a, JButton.class, "new"));
    await(() -> onSwing(() -> titles(listB).contains("Written in A")) ? true : null);
    // Selecting the note in A tells B on the port they share; B's audit log, a live stream, has A's create.
    await(() -> onSwing(() -> titles(listA).contains("Written in A")) ? true : null);
    onSwing(() -> {
      listA.setSelectedIndex(titles(listA).indexOf("Written in A"));
      return null;
    });
    JLabel peerB = find(b, JLabel.class, "peer");
    await(() -> onSwing(() -> peerB.getText().equals("A is looking at: Note 3 \"Written in A\"")) ? true : null);
    JList<?> auditB = find(b, JList.class, "audit");
    await(() -> onSwing(() -> auditB.getModel().getSize() == 1
        && auditB.getModel().getElementAt(0).toString().endsWith("A created note 3")) ? true : null);
    robot.waitForIdle();
    Files.createDirectories(SCREENSHOT.getParent());
    ImageIO.write(robot.createScreenCapture(boundsA.union(boundsB)), "png", SCREENSHOT.toFile());

    // B has an edit it has not saved when Quit is pressed: the main process keeps it as a note.
    onSwing(() -> {
      find(b, JTextField.class, "title").setText("Typed in B, never saved");
      return null;
    });
    click(robot, find(b, JButton.class, "quit"));
    running.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    String out = transcript.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("main: window A has no unsaved edits: closed");
    assertThat(out).contains("main: window B has unsaved edits: kept as Note 4 \"Typed in B, never saved\"; closed");
    assertThat(out).contains("main: 4 note(s) on disk; done");
    assertTrue(await(() -> a.isDisplayable() || b.isDisplayable() ? null : true), "both windows are disposed");
  }

  private static void click(Robot robot, Component button) throws Exception {
    robot.waitForIdle(); // the window is drawn before it is clicked
    Point at = onSwing(() -> {
      Point p = button.getLocationOnScreen();
      return new Point(p.x + button.getWidth() / 2, p.y + button.getHeight() / 2);
    });
    robot.mouseMove(at.x, at.y);
    robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
    robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
  }

  private static List<String> titles(JList<?> list) {
    List<String> titles = new ArrayList<>();
    for (int i = 0; i < list.getModel().getSize(); i++) {
      titles.add(((Note) list.getModel().getElementAt(i)).title());
    }
    return titles;
  }

  private static Frame frame(String title) {
    return Arrays.stream(Frame.getFrames()).filter(f -> f.isShowing() && f.getTitle().contains(title)).findFirst()
        .orElse(null);
  }

  private static <T extends Component> T find(Container root, Class<T> type, String name) {
    for (Component child : root.getComponents()) {
      if (type.isInstance(child) && name.equals(child.getName())) {
        return type.cast(child);
      }
      if (child instanceof Container container) {
        T found = find(container, type, name);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static <T> T onSwing(Callable<T> read) throws Exception {
    AtomicReference<T> value = new AtomicReference<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    SwingUtilities.invokeAndWait(() -> {
      try {
        value.set(read.call());
      } catch (Exception e) {
        failure.set(e);
      }
    });
    if (failure.get() != null) {
      throw failure.get();
    }
    return value.get();
  }

  /** Polls until {@code probe} gives a value, for at most {@link #WAIT}. */
  private static <T> T await(Callable<T> probe) throws Exception {
    Instant until = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(until)) {
      T value = probe.call();
      if (value != null) {
        return value;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("not seen within " + WAIT);
  }
}
