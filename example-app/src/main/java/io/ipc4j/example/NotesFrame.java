package io.ipc4j.example;

import java.awt.BorderLayout;
import java.awt.GridLayout;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

/** A Swing notes window (a list and an editor) on the same generated client as the scripted session. */
final class NotesFrame {
  private final NotesApi notes;
  private final DefaultListModel<Note> model = new DefaultListModel<>();
  private final JList<Note> list = new JList<>(model);
  private final JTextField title = new JTextField();
  private final JTextArea body = new JTextArea();
  private final JLabel status = new JLabel(" ");
  // IPC calls leave the Swing thread, so a slow reply never freezes the window.
  private final ExecutorService calls = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "notes-calls");
    t.setDaemon(true);
    return t;
  });

  private NotesFrame(NotesApi notes) {
    this.notes = notes;
  }

  /**
   * Opens the window; with {@code exitOnClose}, closing it ends this renderer process.
   *
   * @param graph the window's object graph
   * @param name the window's name
   * @param exitOnClose whether closing the window ends the process
   */
  static void open(WindowComponent graph, String name, boolean exitOnClose) {
    NotesFrame frame = new NotesFrame(graph.notes());
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
    SwingUtilities.invokeLater(() -> frame.show(name, exitOnClose));
    frame.refresh("connected");
  }

  private void show(String name, boolean exitOnClose) {
    JFrame window = new JFrame("ipc4j notes - window " + name);
    window.setDefaultCloseOperation(exitOnClose ? WindowConstants.EXIT_ON_CLOSE : WindowConstants.DISPOSE_ON_CLOSE);
    list.setCellRenderer(new javax.swing.DefaultListCellRenderer() {
      private static final long serialVersionUID = 1L;

      @Override
      public java.awt.Component getListCellRendererComponent(JList<?> owner, Object value, int index,
          boolean selected, boolean focused) {
        return super.getListCellRendererComponent(owner, ((Note) value).title(), index, selected, focused);
      }
    });
    list.addListSelectionListener(e -> {
      Note note = list.getSelectedValue();
      if (note != null) {
        title.setText(note.title());
        body.setText(note.body());
      }
    });
    JPanel editor = new JPanel(new BorderLayout(4, 4));
    editor.add(title, BorderLayout.NORTH);
    editor.add(new JScrollPane(body), BorderLayout.CENTER);
    JPanel buttons = new JPanel(new GridLayout(1, 3, 4, 4));
    JButton create = new JButton("New");
    JButton rename = new JButton("Rename");
    JButton delete = new JButton("Delete");
    buttons.add(create);
    buttons.add(rename);
    buttons.add(delete);
    editor.add(buttons, BorderLayout.SOUTH);
    create.addActionListener(e -> call(() -> notes.create(title.getText(), body.getText()).join().describe()));
    rename.addActionListener(e -> selected(note -> notes.rename(note.id(), title.getText()).describe()));
    delete.addActionListener(e -> selected(note -> notes.delete(note.id()).join() ? "deleted" : "already gone"));
    window.add(new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, new JScrollPane(list), editor), BorderLayout.CENTER);
    window.add(status, BorderLayout.SOUTH);
    window.setSize(640, 400);
    window.setVisible(true);
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
