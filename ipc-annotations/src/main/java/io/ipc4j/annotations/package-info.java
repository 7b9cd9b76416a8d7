/**
 * Annotations for ipc4j contracts.
 *
 * <pre>{@code
 * @IpcChannel("notes")
 * public interface NotesApi {
 *   Note get(long id);                 // invoke / handle
 *   @Send void log(String line);       // send / on
 *   @SendSync Settings settings();     // sendSync / on + event.setReturnValue
 * }
 * }</pre>
 *
 * <p>All annotations have {@code CLASS} retention: the processor reads them, the runtime never does.
 */
package io.ipc4j.annotations;
