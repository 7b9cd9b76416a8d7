package com.example.inbox;

import dagger.Binds;
import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import io.ipc4j.IpcRenderer;

/** A window's object graph: the contract is bound to its generated client, built through its @Inject constructor. */
@Component(modules = WindowComponent.Clients.class)
public interface WindowComponent {
  /** The inbox, as the window calls it. */
  Inbox inbox();

  /** Builds the graph for one renderer frame. */
  @Component.Factory
  interface Factory {
    /** The graph whose clients call through {@code ipc}. */
    WindowComponent create(@BindsInstance IpcRenderer ipc);
  }

  /** Binds each contract to its generated client. */
  @Module
  abstract class Clients {
    @Binds
    abstract Inbox inbox(InboxIpc.Client client);
  }
}
