package io.ipc4j;

/**
 * A main-process handler for {@link IpcRenderer#invoke}: its result, or the failure it throws, is the reply.
 * It runs on the main event loop; return a {@link java.util.concurrent.CompletionStage} to free the loop while
 * slow work goes on elsewhere.
 *
 * <pre>{@code
 * ipcMain.handle("notes:get", (event, args) -> store.get((Integer) args[0]));
 * ipcMain.handle("notes:list", (event, args) -> CompletableFuture.supplyAsync(store::list, pool));
 * }</pre>
 *
 * <p>A handler that returns a {@link java.util.concurrent.Flow.Publisher} streams its items to
 * {@link IpcRenderer#stream}, as the subscriber requests them; {@link IpcRenderer#invoke} of such a handler fails,
 * naming {@code stream(...)} as the way to call it.
 */
@FunctionalInterface
public interface IpcMainHandler {
  /**
   * Answers one call.
   *
   * @param event who called
   * @param args the call's arguments, decoded
   * @return the reply value, a {@link java.util.concurrent.CompletionStage} of it, or for a stream a
   *     {@link java.util.concurrent.Flow.Publisher} of its items
   * @throws Exception if the call fails; the caller gets an {@link IpcInvokeException} with this exception's
   *     type and message
   */
  Object handle(IpcMainInvokeEvent event, Object... args) throws Exception;
}
