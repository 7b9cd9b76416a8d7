package io.ipc4j.example;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.GridLayout;
import java.awt.Rectangle;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.swing.BorderFactory;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;

/**
 * A Swing notes window (a list and an editor) on the same generated client as the scripted session. It serves
 * {@link WindowApi}: its unsaved edits are what the editor holds beyond what was last loaded or saved.
 */
final class NotesFrame {
  private static final int WIDTH = 620;
  private static final int HEIGHT = 500;
  private static final int GAP = 12;
  // One colour a window, so that two windows side by side read as two.
  private static final Color[] HEADINGS = {new Color(0xD6E4F5), new Color(0xDDF0D8), new Color(0xF5E6D0)};

  private final NotesApi notes;
  private final AppApi app;
  private final JFrame window;
  private final DefaultListModel<Note> model = new DefaultListModel<>();
  private final JList<Note> list = new JList<>(model);
  private final JTextField title = new JTextField();
  private final JTextArea body = new JTextArea();
  private final JLabel status = new JLabel(" ");
  /** What the window sharing this one's port has selected. */
  private final JLabel peer = new JLabel(" ");
  /** The main process's audit log, followed live. */
  private final DefaultListModel<String> auditModel = new DefaultListModel<>();
  private SelectionPort selection; // set in open(), before the window shows
  private String savedTitle = ""; // the Swing thread only, as the two below
  private String savedBody = "";
  private long loadedId = -1; // so that a refresh re-selecting the note keeps what is being typed
  // IPC calls leave the Swing thread, so a slow reply never freezes the window.
  private final ExecutorService calls = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "notes-calls");
    t.setDaemon(true);
    return t;
  });

  private NotesFrame(WindowComponent graph, String heading) {
    this.notes = graph.notes();
    this.app = AppApiIpc.client(graph.ipc());
    this.window = new JFrame(heading);
  }

  /**
   * Opens the window, side by side with the others, and serves {@link WindowApi} for it.
   *
   * @param graph the window's object graph
   * @param name the window's name
   * @param index where it goes among the windows, from the left
   * @param renderer which renderer runs it, for its heading
   * @param onClosed what closing the window does (ends its renderer)
   * @return the frame
   */
  static NotesFrame open(WindowComponent graph, String name, int index, String renderer, Runnable onClosed) {
    NotesFrame frame = new NotesFrame(graph, "ipc4j notes - window " + name + " (" + renderer + ")");
    NotesEventsIpc.subscribe(graph.ipc(), new NotesEvents() {
      @Override
      public void changed(Note note) {
        frame.refresh("window " + note.updatedBy() + " changed " + note.describe());
      }

      @Override
      public void deleted(long id, String by) {
        frame.refresh("window " + by + " deleted note " + id);
      }
    });
    WindowApiIpc.register(graph.ipc(), frame::confirmClose);
    frame.selection = SelectionPort.listen(graph.ipc(), new SelectionPort.View() {
      @Override
      public void peerSelected(String other, String selected) {
        SwingUtilities.invokeLater(() -> frame.peer.setText(other + " is looking at: " + selected));
      }

      @Override
      public void peerClosed(String other) {
        SwingUtilities.invokeLater(() -> frame.peer.setText(other + " closed"));
      }
    });
    graph.notes().auditLog().subscribe(new AuditFollower(
        entry -> SwingUtilities.invokeLater(() -> frame.auditModel.addElement(
            java.time.LocalTime.ofInstant(entry.time(), java.time.ZoneId.systemDefault()).withNano(0) + "  "
                + entry.describe())),
        end -> SwingUtilities.invokeLater(() -> frame.auditModel.addElement("(audit log " + end + ")"))));
    SwingUtilities.invokeLater(() -> frame.show(name, index, renderer, onClosed));
    frame.refresh("connected: the list comes from the main process");
    TranscriptApiIpc.client(graph.ipc()).ready(); // the main process hands out the shared port after this
    return frame;
  }

  /** Closes the window without asking (its renderer is gone). */
  void dispose() {
    SwingUtilities.invokeLater(window::dispose);
  }

  private void show(String name, int index, String renderer, Runnable onClosed) {
    window.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
    window.addWindowListener(new WindowAdapter() {
      @Override
      public void windowClosing(WindowEvent e) {
        onClosed.run();
      }
    });
    // A heading inside the window: without a window manager (as under Xvfb) there is no title bar.
    JLabel heading = new JLabel("Window " + name + " \u2014 " + renderer);
    heading.setName("heading");
    heading.setFont(heading.getFont().deriveFont(Font.BOLD, 16f));
    heading.setBorder(BorderFactory.createEmptyBorder(6, 8, 6, 8));
    heading.setOpaque(true);
    heading.setBackground(HEADINGS[index % HEADINGS.length]);
    list.setName("notes");
    title.setName("title");
    body.setName("body");
    list.setCellRenderer(new javax.swing.DefaultListCellRenderer() {
      private static final long serialVersionUID = 1L;

      @Override
      public java.awt.Component getListCellRendererComponent(JList<?> owner, Object value, int index,
          boolean selected, boolean focused) {
        Note note = (Note) value;
        String text = note.title() + "   (by " + note.updatedBy() + ")";
        return super.getListCellRendererComponent(owner, text, index, selected, focused);
      }
    });
    list.addListSelectionListener(e -> {
      Note note = list.getSelectedValue();
      if (note != null && !e.getValueIsAdjusting() && note.id() != loadedId) {
        loadedId = note.id();
        load(note.title(), note.body());
        selection.select(note.describe()); // straight to the other window
      }
    });
    JPanel editor = new JPanel(new BorderLayout(4, 4));
    editor.add(title, BorderLayout.NORTH);
    editor.add(new JScrollPane(body), BorderLayout.CENTER);
    JPanel buttons = new JPanel(new GridLayout(1, 4, 4, 4));
    buttons.add(button("New", this::create));
    buttons.add(button("Rename", this::rename));
    buttons.add(button("Delete", () -> selected(note -> notes.delete(note.id()).join() ? "deleted" : "already gone")));
    buttons.add(button("Quit", app::quit));
    editor.add(buttons, BorderLayout.SOUTH);
    window.add(heading, BorderLayout.NORTH);
    JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, new JScrollPane(list), editor);
    split.setDividerLocation(190);
    body.setLineWrap(true);
    body.setWrapStyleWord(true);
    ((JPanel) window.getContentPane()).setBorder(BorderFactory.createLineBorder(Color.GRAY, 2));
    window.add(split, BorderLayout.CENTER);
    peer.setName("peer");
    JList<String> audit = new JList<>(auditModel);
    audit.setName("audit");
    audit.setVisibleRowCount(4);
    JPanel south = new JPanel(new BorderLayout(2, 2));
    south.add(peer, BorderLayout.NORTH);
    JScrollPane auditPane = new JScrollPane(audit);
    auditPane.setBorder(BorderFactory.createTitledBorder("Audit log (live stream)"));
    south.add(auditPane, BorderLayout.CENTER);
    south.add(status, BorderLayout.SOUTH);
    window.add(south, BorderLayout.SOUTH);
    window.setBounds(place(index));
    window.setVisible(true);
  }

  /** Side by side, from the left of the screen, as far as it is wide. */
  private static Rectangle place(int index) {
    Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
    int width = Math.min(WIDTH, (screen.width - GAP) / 2);
    return new Rectangle(screen.x + index * (width + GAP), screen.y, width, Math.min(HEIGHT, screen.height));
  }

  private static JButton button(String text, Runnable action) {
    JButton button = new JButton(text);
    button.setName(text.toLowerCase(java.util.Locale.ROOT));
    button.addActionListener(e -> action.run());
    return button;
  }

  private void load(String loadedTitle, String loadedBody) {
    title.setText(loadedTitle);
    body.setText(loadedBody);
    savedTitle = loadedTitle;
    savedBody = loadedBody;
  }

  private void create() {
    String newTitle = title.getText().isBlank() ? "Untitled" : title.getText();
    String newBody = body.getText();
    call(() -> {
      Note note = notes.create(newTitle, newBody).join();
      SwingUtilities.invokeLater(() -> load(newTitle, newBody));
      return "created " + note.describe();
    });
  }

  private void rename() {
    String newTitle = title.getText();
    selected(note -> {
      Note renamed = notes.rename(note.id(), newTitle);
      SwingUtilities.invokeLater(() -> savedTitle = renamed.title());
      return "renamed " + renamed.describe();
    });
  }

  /** Asked by the main process before it quits: what the editor holds that is not saved. */
  private CompletableFuture<List<Draft>> confirmClose() {
    CompletableFuture<List<Draft>> answer = new CompletableFuture<>();
    SwingUtilities.invokeLater(() -> answer.complete(title.getText().equals(savedTitle)
        && body.getText().equals(savedBody) ? List.of() : List.of(new Draft(title.getText(), body.getText()))));
    return answer;
  }

  /** A step that may fail with the declared exception. */
  private interface Step {
    String run() throws Exception;
  }

  /** A step on the selected note. */
  private interface NoteStep {
    String run(Note note) throws Exception;
  }

  private void selected(NoteStep step) {
    Note note = list.getSelectedValue();
    if (note != null) {
      call(() -> step.run(note));
    }
  }

  private void call(Step step) {
    calls.execute(() -> {
      String outcome;
      try {
        outcome = step.run();
      } catch (Exception e) {
        outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
      }
      refresh(outcome);
    });
  }

  private void refresh(String why) {
    calls.execute(() -> {
      List<Note> all = notes.list();
      SwingUtilities.invokeLater(() -> {
        Note selected = list.getSelectedValue();
        model.clear();
        all.forEach(model::addElement);
        if (selected != null) {
          for (int i = 0; i < model.size(); i++) {
            if (model.get(i).id() == selected.id()) {
              list.setSelectedIndex(i);
            }
          }
        }
        status.setText(why);
      });
    });
  }
}
