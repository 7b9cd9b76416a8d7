package io.ipc4j.example;

import dagger.Binds;
import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import io.ipc4j.IpcRenderer;
import jakarta.inject.Named;

/**
 * A window's object graph, built by Dagger at compile time (no reflection, like ipc4j itself): the generated
 * clients are injected through their {@code @Inject} constructors.
 */
@Component(modules = WindowComponent.Clients.class)
interface WindowComponent {
  /** The window, with its clients injected. */
  NotesWindow window();

  /** The notes client, for the Swing window. */
  NotesApi notes();

  /** The window's renderer frame. */
  IpcRenderer ipc();

  /** Builds the graph for one renderer frame. */
  @Component.Factory
  interface Factory {
    WindowComponent create(@BindsInstance IpcRenderer ipc, @BindsInstance @Named("window") String name);
  }

  /** Binds each contract to its generated client. */
  @Module
  abstract class Clients {
    @Binds
    abstract NotesApi notes(NotesApiIpc.Client client);

    @Binds
    abstract TranscriptApi transcript(TranscriptApiIpc.Client client);
  }
}
