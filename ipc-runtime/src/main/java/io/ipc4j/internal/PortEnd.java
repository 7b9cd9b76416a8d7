package io.ipc4j.internal;

import java.util.HashSet;
import java.util.Set;

/**
 * One end of an entangled pair of ports as the main process knows it, wherever it is held: by a
 * {@link MainPort} in this JVM's main process, or by a renderer (the host relays its messages). Every field is
 * guarded by {@link PortTable#LOCK}.
 */
final class PortEnd {
  /** Its id: negative when the main process made it, else the making renderer's id in the high 32 bits. */
  final long id;
  PortEnd peer;
  /** The main-side object that holds it, or null. */
  MainPort local;
  /** The renderer that holds it, or null. */
  WebContentsImpl renderer;
  /** The renderers that held it before: a message that crossed its transfer may come back from them only. */
  Set<WebContentsImpl> formerHolders;
  /** The host it belongs to (which relays for it and knows its id), or null while its pair is wholly main-side. */
  PortTable table;
  /** Whether it or its peer closed (its holder may not know yet). */
  boolean closed;

  PortEnd(long id) {
    this.id = id;
  }

  /** Entangles two ends. */
  static void pair(PortEnd a, PortEnd b) {
    a.peer = b;
    b.peer = a;
  }

  /** Remembers who held it before it moves on. */
  void leaving() {
    if (renderer != null) {
      if (formerHolders == null) {
        formerHolders = new HashSet<>(2);
      }
      formerHolders.add(renderer);
      renderer.portsHeld--;
      renderer = null;
    }
  }

  boolean heldBefore(WebContentsImpl wc) {
    return formerHolders != null && formerHolders.contains(wc);
  }

  @Override
  public String toString() {
    return "port " + id;
  }
}
