package io.ipc4j.internal;

import java.util.HashMap;
import java.util.Map;

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
  /**
   * How many messages the host sent {@link #renderer} for it since that renderer got it: as many may come back from
   * it after it gives the port up ({@link FormerHolder}).
   */
  long sentToHolder;
  /** Whether {@link #renderer} made its pair, and so may hold messages from its peer that the host never saw. */
  boolean holderHadPeer;
  /**
   * The renderers that held it before, by id, and what each may still hand back: a message that crossed its transfer
   * may come back from them only. Null until it leaves a renderer; dropped when the host forgets it.
   */
  Map<Integer, FormerHolder> formerHolders;
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

  /** Remembers who held it before it moves on, and what that renderer may still hand back for it. */
  void leaving() {
    if (renderer != null) {
      if (formerHolders == null) {
        formerHolders = new HashMap<>(2);
      }
      formerHolders.computeIfAbsent(renderer.id, k -> new FormerHolder())
          .gaveUp(sentToHolder, holderHadPeer, renderer.portFrames);
      renderer = null;
      sentToHolder = 0;
      holderHadPeer = false;
    }
  }

  /** What {@code wc} may still hand back for it, or null if it never held it (or the host forgot the port). */
  FormerHolder formerHolder(WebContentsImpl wc) {
    return formerHolders == null ? null : formerHolders.get(wc.id);
  }

  @Override
  public String toString() {
    long known = id;
    return known == 0 ? "a port of no host" : "port " + known;
  }
}
