package com.example.inbox;

import io.ipc4j.annotations.IpcChannel;

/** A contract that a window reaches through Dagger. */
@IpcChannel
public interface Inbox {
  /** How many messages of {@code folder} are unread. */
  int unread(String folder);
}
