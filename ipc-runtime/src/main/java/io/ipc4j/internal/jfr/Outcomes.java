package io.ipc4j.internal.jfr;

import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.IpcInvokeException;
import io.ipc4j.IpcTimeoutException;
import io.ipc4j.spi.DeclaredFailure;

/** The words the events use for directions and for how a message or call ended. */
public final class Outcomes {
  /** A renderer's message to the main process. */
  public static final String TO_MAIN = "renderer-to-main";
  /** The main process's message to a renderer. */
  public static final String TO_RENDERER = "main-to-renderer";
  /** It ended well. */
  public static final String OK = "ok";
  /** An interceptor rejected it: no listener or handler saw it. */
  public static final String REJECTED = "rejected";
  /** A handler or listener failed, or there was none. */
  public static final String ERROR = "error";
  /** Its deadline passed first. */
  public static final String TIMEOUT = "timeout";
  /** Its caller cancelled it before the answer came. */
  public static final String CANCELLED = "cancelled";
  /** The renderer or the host went first. */
  public static final String DISCONNECTED = "disconnected";

  private Outcomes() {}

  /**
   * The outcome of a call that ended with {@code failure}.
   *
   * @param failure what it failed with, or null
   * @return one of the outcome words
   */
  public static String of(Throwable failure) {
    if (failure == null) {
      return OK;
    }
    if (failure instanceof IpcTimeoutException) {
      return TIMEOUT;
    }
    return failure instanceof IpcDisconnectedException ? DISCONNECTED : ERROR;
  }

  /**
   * The class name an event gives for a failure: for a failure on the other side, the type it threw there.
   *
   * @param failure what a call failed with, or null
   * @return its class name (the remote one for an {@link IpcInvokeException}), or null
   */
  public static String typeOf(Throwable failure) {
    if (failure instanceof IpcInvokeException remote) {
      return remote.remoteType();
    }
    if (failure instanceof DeclaredFailure declared) { // reported as the type the method declares, as the reply is
      return declared.declaredType();
    }
    return failure == null ? null : failure.getClass().getName();
  }
}
