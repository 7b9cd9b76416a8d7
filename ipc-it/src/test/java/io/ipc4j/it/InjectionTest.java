package io.ipc4j.it;

import static com.google.common.truth.Truth.assertThat;

import dagger.Binds;
import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import io.ipc4j.IpcHost;
import io.ipc4j.IpcRenderer;
import org.junit.jupiter.api.Test;

/** Dagger builds the generated client through its {@code @jakarta.inject.Inject} constructor. */
class InjectionTest {
  /** Binds the interface to the generated client. */
  @Module
  interface NotesModule {
    /**
     * The generated client is the renderer-side NotesApi.
     *
     * @param client the client Dagger builds
     * @return the API
     */
    @Binds
    NotesApi notes(NotesApiIpc.Client client);
  }

  /** A renderer's object graph. */
  @Component(modules = NotesModule.class)
  interface RendererGraph {
    /**
     * The API.
     *
     * @return the injected client
     */
    NotesApi notes();

    /** Builds the graph around a renderer. */
    @Component.Factory
    interface Factory {
      /**
       * Creates the graph.
       *
       * @param renderer the renderer frame to call from
       * @return the graph
       */
      RendererGraph create(@BindsInstance IpcRenderer renderer);
    }
  }

  @Test
  void daggerInjectsTheGeneratedClient() throws Exception {
    try (IpcHost host = Hosts.open()) {
      NotesApiIpc.register(host.ipcMain(), new Store());
      RendererGraph graph = DaggerInjectionTest_RendererGraph.factory().create(host.openRenderer().ipcRenderer());
      NotesApi notes = graph.notes();
      assertThat(notes).isInstanceOf(NotesApiIpc.Client.class);
      assertThat(notes.get(1).title()).isEqualTo("first");
    }
  }
}
