package io.ipc4j.internal.codec;

import io.ipc4j.IpcCloneException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * A value that {@link ValueEncoder} cannot send, on its way up: each container level adds its segment to the path,
 * so the path is built only when a refusal happens, and the top turns it into the {@link IpcCloneException} that
 * callers see ("An object could not be cloned.", as Electron says), naming the fix.
 */
final class CloneRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a record or enum class is refused, and how to give this side its codec. */
  static final String NO_CODEC = "with no codec on this side: use it in an @IpcChannel or @IpcEvents interface and "
      + "reach this side through the generated <Interface>Ipc class (its register, client, emitter or subscribe "
      + "add its codecs), or add <Interface>Ipc.CODECS yourself: IpcHost.builder().codecs(...) for the host, "
      + "io.ipc4j.spi.Codecs.addTo(ipcRenderer, ...) for a renderer";

  final transient Object value;
  final String reason;
  final int cycleDepth;
  final List<String> segments = new ArrayList<>();

  CloneRefusal(Object value, String reason, int cycleDepth) {
    super(null, null, false, false);
    this.value = value;
    this.reason = reason;
    this.cycleDepth = cycleDepth;
  }

  /** @param rootSegments how many leading path segments name the root (1 for an argument's index, else 0) */
  static IpcCloneException toException(CloneRefusal r, String where, int rootSegments) {
    StringBuilder full = new StringBuilder();
    for (int i = r.segments.size() - 1; i >= 0; i--) {
      full.append(r.segments.get(i));
    }
    String path = full.toString();
    String at = where.endsWith(" at ") ? where + path : (path.isEmpty() ? where : where + " at " + path);
    String type = r.value == null ? "null" : r.value.getClass().getName();
    String detail;
    if (r.cycleDepth >= 0) {
      // Segments were added innermost first; the container referred back to is cycleDepth levels below the root.
      StringBuilder back = new StringBuilder();
      int count = rootSegments + r.cycleDepth;
      for (int i = r.segments.size() - 1; i >= 0 && count > 0; i--, count--) {
        back.append(r.segments.get(i));
      }
      detail = at + " refers back to " + (back.length() == 0 ? "the value" : back) + ", which contains it: "
          + "a cycle cannot be sent; send a copy without the cycle";
    } else {
      detail = at + " is a " + type + ", " + r.reason;
    }
    return new IpcCloneException(path, type, detail);
  }

  static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  static String reasonFor(Object v) {
    Class<?> type = v.getClass();
    String name = type.getName();
    if (type.isSynthetic() || name.contains("$$Lambda")) {
      return "a lambda or method reference, which has no codec: functions cannot cross a process boundary; "
          + "send data and register a handler on the other side instead";
    }
    if (v instanceof Thread) {
      return "which has no codec: a thread cannot be sent; send the data it works on instead";
    }
    if (v instanceof java.util.stream.BaseStream<?, ?>) {
      return "which has no codec: collect the stream into a List first";
    }
    if (v instanceof java.util.Optional<?>) {
      return "which has no codec: send its value, or null when it is empty";
    }
    if (v instanceof java.util.concurrent.Future<?> || v instanceof java.util.concurrent.CompletionStage<?>) {
      return "which has no codec: wait for its result and send that";
    }
    if (v instanceof Iterator<?> || (v instanceof Iterable<?> && !(v instanceof Collection<?>))) {
      return "which has no codec: copy its elements into a List first";
    }
    if (name.startsWith("io.ipc4j.")) {
      return "a live ipc4j object, which has no codec: send an id (such as webContents.id()) instead";
    }
    return "which has no codec: send its data (records, lists, maps, strings, numbers) instead";
  }
}
