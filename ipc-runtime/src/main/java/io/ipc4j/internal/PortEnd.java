package io.ipc4j.internal;

import java.util.HashSet;
import java.util.Set;

/**
 * One end of an entangled pair of ports as the main process knows it, wherever it is held: by a
 * {@link MainPort} in this JVM's main process, or by a renderer (the host relays its messages). Every field is
 * guarded by {@link PortTable#LOCK}.
 */
final class PortEnd {
  /**
   * Its id in its host: negative when the main process made it (given when its pair is bound to a host; 0 until
   * then), else the making renderer's id in the high 32 bits. Volatile for {@link #toString()}.
   */
  volatile long id;
  /** The loop and codec of its pair while the pair belongs to no host; null for a pair a renderer made. */
  final UnboundPair unbound;
  /**
   * The renderer that made its pair, or null for the main process's: the host keeps this end on that renderer's
   * account ({@link WebContentsImpl#portsKept}) until it forgets it, whoever holds it by then.
   */
  final WebContentsImpl maker;
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

  /** An end of a pair {@code maker} made, with its id. */
  PortEnd(long id, WebContentsImpl maker) {
    this.id = id;
    this.unbound = null;
    this.maker = maker;
  }

  /** An end of a pair the main process made, which has no host and no id yet. */
  PortEnd(UnboundPair unbound) {
    this.unbound = unbound;
    this.maker = null;
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
      renderer = null;
    }
  }

  boolean heldBefore(WebContentsImpl wc) {
    return formerHolders != null && formerHolders.contains(wc);
  }

  @Override
  public String toString() {
    long known = id;
    return known == 0 ? "a port of no host" : "port " + known;
  }
}
