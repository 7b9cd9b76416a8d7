package io.ipc4j;

/**
 * A renderer-side handler for {@link WebContents#invoke} and {@link WebFrameMain#invoke}: its result, or the failure
 * it throws, is the answer, as for an {@link IpcMainHandler} the other way round. It runs on the renderer's event
 * loop; return a {@link java.util.concurrent.CompletionStage} to free the loop while slow work goes on elsewhere. If
 * the main process stops waiting (it cancels its future, its deadline passes, or this renderer closes), a
 * {@code CompletableFuture} returned here is cancelled and {@link IpcRendererEvent#isCancelled()} turns true.
 *
 * <pre>{@code
 * ipcRenderer.handle("notes:dirty", (event, args) -> editor.hasUnsavedEdits());
 * ipcRenderer.handle("notes:export", (event, args) -> CompletableFuture.supplyAsync(editor::export, pool));
 * }</pre>
 *
 * <p>A handler that returns a {@link java.util.concurrent.Flow.Publisher} streams its items to
 * {@link WebContents#stream} and {@link WebFrameMain#stream}, as the subscriber requests them;
 * {@link WebContents#invoke} of such a handler fails, naming {@code stream(...)} as the way to call it.
 */
@FunctionalInterface
public interface IpcRendererHandler {
  /**
   * Answers one call from the main process.
   *
   * @param event the frame that was called, the channel, the caller's deadline and whether it still waits
   * @param args the call's arguments, decoded
   * @return the answer, a {@link java.util.concurrent.CompletionStage} of it, or for a stream a
   *     {@link java.util.concurrent.Flow.Publisher} of its items
   * @throws Exception if the call fails; the main process gets an {@link IpcInvokeException} with this exception's
   *     type and message
   */
  Object handle(IpcRendererEvent event, Object... args) throws Exception;
}
