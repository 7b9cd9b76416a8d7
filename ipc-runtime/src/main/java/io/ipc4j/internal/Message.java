package io.ipc4j.internal;

import io.ipc4j.internal.codec.ValueCodec;

/**
 * The vocabulary between a renderer and the main process: the kinds of message, which way each goes, the main
 * frame's id and the form of a failed reply. Payloads are already encoded by the value codec, so the in-process and
 * the socket transports carry exactly the same bytes.
 */
public sealed interface Message extends EventLoop.Labelled {
  /** The id of every renderer's main frame; the frames it opens later count up from it. */
  int MAIN_FRAME_ID = 1;

  /**
   * How a caller's timeout travels with its call: whole milliseconds, rounded up so that a timeout under one is
   * still positive (the wire refuses 0), and a wait too long to count in milliseconds as the longest there is.
   *
   * @param timeout a positive timeout
   * @return its milliseconds, at least 1
   */
  static long timeoutMillis(java.time.Duration timeout) {
    try {
      long millis = timeout.toMillis(); // a positive timeout: whole when no nanosecond is left below the millis
      boolean whole = timeout.getNano() % 1_000_000 == 0 || millis == Long.MAX_VALUE;
      return whole ? Math.max(1, millis) : millis + 1;
    } catch (ArithmeticException e) { // centuries: nobody waits that long
      return Long.MAX_VALUE;
    }
  }

  /** Which way a message goes; a peer that sends one the other way breaks the protocol. */
  enum Direction {
    /** From a renderer to the main process. */
    TO_MAIN,
    /** From the main process to a renderer. */
    TO_RENDERER
  }

  /** {@return which way this kind of message goes} */
  default Direction direction() {
    return this instanceof Push || this instanceof Reply || this instanceof CallingRenderer
        || this instanceof CancelCall || isStreamToRenderer() ? Direction.TO_RENDERER : Direction.TO_MAIN;
  }

  /** Whether this is one of the stream messages the main process sends. */
  private boolean isStreamToRenderer() {
    return this instanceof StreamItem || this instanceof StreamEnd || this instanceof CallStream
        || this instanceof CallStreamRequest;
  }

  /** What handling this message is, for the blocked-loop warning. */
  @Override
  default String label() {
    if (this instanceof Invoking m) {
      return "handling invoke on '" + m.channel() + "'";
    }
    if (this instanceof SendSync m) {
      return "handling sendSync on '" + m.channel() + "'";
    }
    if (this instanceof Send m) {
      return "handling send on '" + m.channel() + "'";
    }
    if (this instanceof CallingRenderer m) {
      return "handling invoke from the main process on '" + m.channel() + "'";
    }
    if (this instanceof Stream m) {
      return "opening the stream on '" + m.channel() + "'";
    }
    if (this instanceof CallStream m) {
      return "opening the stream from the main process on '" + m.channel() + "'";
    }
    return "handling " + getClass().getSimpleName();
  }

  /** A message with an encoded value or arguments, which its frame carries after its fields. */
  sealed interface WithPayload extends Message {
    /** The encoded value or arguments. */
    byte[] payload();

    /**
     * Whether the payload is not an encoding but one {@code byte[]} as it is: the only argument of a message or a
     * call ({@link Send}, {@link Push}, {@link Invoke}, {@link CallRenderer}) or a call's answer ({@link Reply},
     * {@link RendererReply}, when ok), of at least {@link ValueCodec#LARGE_ARRAY_BYTES} (see {@link AsIs}). Only
     * frames carry such a payload: the sender's own array, which the socket transport writes (or copies what it could
     * not write yet) before the send returns; on arrival, the frame's array. So a large array crosses without being
     * encoded, copied and decoded again on the way.
     *
     * @return whether the payload is the bytes as they are
     */
    default boolean asIs() {
      return false;
    }
  }

  /** Renderer to main: {@code ipcRenderer.send}. */
  record Send(int frameId, String channel, byte[] payload, boolean asIs) implements WithPayload {
    /** A message whose arguments are encoded. */
    public Send(int frameId, String channel, byte[] payload) {
      this(frameId, channel, payload, false);
    }
  }

  /** Renderer to main: {@code ipcRenderer.sendSync}; answered by a {@link Reply} with the same call id. */
  record SendSync(long callId, int frameId, String channel, byte[] payload) implements WithPayload {}

  /**
   * Renderer to main: {@code ipcRenderer.invoke}; answered by a {@link Reply} with the same call id. It carries the
   * caller's timeout so that the handler can see its deadline.
   */
  record Invoke(long callId, int frameId, String channel, long timeoutMillis, byte[] payload, boolean asIs)
      implements Invoking, WithPayload {
    /** An invoke whose arguments are encoded. */
    public Invoke(long callId, int frameId, String channel, long timeoutMillis, byte[] payload) {
      this(callId, frameId, channel, timeoutMillis, payload, false);
    }

    @Override
    public int payloadBytes() {
      return payload.length;
    }
  }

  /** A call either way, framed or copied in process: what its handler's event and its answer need. */
  sealed interface Calling extends Message permits Invoking, CallingRenderer {
    /** The caller's id of the call. */
    long callId();

    /** The frame that called (an invoke) or is called (a call from the main process). */
    int frameId();

    /** The channel. */
    String channel();

    /** The caller's deadline, in milliseconds. */
    long timeoutMillis();
  }

  /** Renderer to main: an invoke, framed ({@link Invoke}) or copied in process ({@link InvokeCopy}). */
  sealed interface Invoking extends Calling permits Invoke, InvokeCopy {
    /** How many bytes the arguments took encoded. */
    int payloadBytes();
  }

  /** A call copied in process, never framed: the caller's thread copied its arguments ({@link ValueCodec#copyArgs}). */
  sealed interface CopiedCall permits InvokeCopy, CallRendererCopy {
    /** The receiver's copy of the arguments, or null when decoding them threw. */
    Object[] args();

    /** What decoding the copy threw, or null: the receiver answers with it as if it had decoded them itself. */
    Throwable undecodable();

    /** The copy, or what decoding it threw, thrown as the receiver's own decoding of the bytes would throw it. */
    default Object[] arguments() {
      Throwable t = undecodable();
      if (t == null) {
        return args();
      }
      // An Error, or a codec's undeclared checked exception, in a wrapper that the failure reply takes off.
      throw t instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(t);
    }
  }

  /** Renderer to main: an {@link Invoke} copied in process; {@code payloadBytes}: the size of the arguments encoded. */
  record InvokeCopy(long callId, int frameId, String channel, long timeoutMillis, Object[] args, int payloadBytes,
      Throwable undecodable) implements Invoking, CopiedCall {}

  /**
   * Renderer to main: the caller of an {@link Invoke} stopped waiting (its future was cancelled, or its deadline
   * passed); the handler's event turns cancelled, and the reply that may still come is dropped by the renderer.
   */
  record Cancel(long callId) implements Message {}

  /** Renderer to main: asks the host for a new frame id; answered by a {@link Reply} holding the id. */
  record OpenFrame(long callId) implements Message {}

  /**
   * Main to renderer: {@code webContents.invoke} (or a frame's), answered by a {@link RendererReply} with the same
   * call id. The host chooses these ids; they are apart from the renderer's own. It carries the caller's timeout so
   * that the renderer's handler can see its deadline.
   */
  record CallRenderer(long callId, int frameId, String channel, long timeoutMillis, byte[] payload, boolean asIs)
      implements WithPayload, CallingRenderer {
    /** A call whose arguments are encoded. */
    public CallRenderer(long callId, int frameId, String channel, long timeoutMillis, byte[] payload) {
      this(callId, frameId, channel, timeoutMillis, payload, false);
    }
  }

  /** Main to renderer: a call, framed ({@link CallRenderer}) or copied in process ({@link CallRendererCopy}). */
  sealed interface CallingRenderer extends Calling permits CallRenderer, CallRendererCopy {}

  /** Main to renderer: a {@link CallRenderer} copied in process, as {@link InvokeCopy} the other way. */
  record CallRendererCopy(long callId, int frameId, String channel, long timeoutMillis, Object[] args,
      Throwable undecodable) implements CallingRenderer, CopiedCall {}

  /**
   * Main to renderer: the main process stopped waiting for a {@link CallRenderer} (its future was cancelled, or its
   * deadline passed); the renderer handler's event turns cancelled, and the reply that may still come is dropped by
   * the main process. {@link Cancel} the other way round.
   */
  record CancelCall(long callId) implements Message {}

  /** Renderer to main: the answer to a {@link CallRenderer}, in the form of a {@link Reply}, a failure's too. */
  record RendererReply(long callId, boolean ok, byte[] payload, boolean asIs) implements WithPayload, RendererAnswer {
    /** An answer whose payload is encoded. */
    public RendererReply(long callId, boolean ok, byte[] payload) {
      this(callId, ok, payload, false);
    }
  }

  /**
   * Renderer to main, in process only (never framed): the value a {@link CallRendererCopy}'s handler answered with,
   * copied for the main process on the renderer's thread; {@code payloadBytes} is the size its encoding had.
   */
  record RendererReplyCopy(long callId, Object value, int payloadBytes) implements RendererAnswer {}

  /** Renderer to main: an answer to a main process's call, framed ({@link RendererReply}) or copied in process. */
  sealed interface RendererAnswer extends Message permits RendererReply, RendererReplyCopy {
    /** The main process's id of the call it answers. */
    long callId();
  }

  /**
   * Renderer to main: {@code ipcRenderer.stream} opens a stream on a main handler. Its items come as
   * {@link StreamItem}s, only as many as {@link StreamRequest}s have asked for, and it ends with one
   * {@link StreamEnd}; a {@link Cancel} with its call id cancels it. It has no deadline.
   */
  record Stream(long callId, int frameId, String channel, byte[] payload) implements WithPayload {}

  /** Renderer to main: the subscriber of a {@link Stream} asks for {@code n} (positive) more items. */
  record StreamRequest(long callId, long n) implements Message {}

  /** Main to renderer: one item of a renderer's {@link Stream} (the encoded value). */
  record StreamItem(long callId, byte[] payload) implements WithPayload {}

  /**
   * Main to renderer: a renderer's {@link Stream} has ended, its last message. When {@code ok} the payload is empty
   * (completed, or ended after a cancel); otherwise it is the pair (remote type, remote message), as a failed
   * {@link Reply}'s.
   */
  record StreamEnd(long callId, boolean ok, byte[] payload) implements WithPayload {}

  /**
   * Main to renderer: {@code webContents.stream} (or a frame's) opens a stream on a renderer handler, with ids the
   * host chooses; {@link Stream} the other way round. Its items come as {@link CallStreamItem}s, as many as
   * {@link CallStreamRequest}s asked for, it ends with one {@link CallStreamEnd}, and a {@link CancelCall} cancels it.
   */
  record CallStream(long callId, int frameId, String channel, byte[] payload) implements WithPayload {}

  /** Main to renderer: the main process's subscriber of a {@link CallStream} asks for {@code n} more items. */
  record CallStreamRequest(long callId, long n) implements Message {}

  /** Renderer to main: one item of a {@link CallStream}. */
  record CallStreamItem(long callId, byte[] payload) implements WithPayload {}

  /** Renderer to main: a {@link CallStream} has ended, in the form of a {@link StreamEnd}. */
  record CallStreamEnd(long callId, boolean ok, byte[] payload) implements WithPayload {}

  /** Main to renderer: {@code webContents.send}, {@code frame.send} and {@code event.reply}. */
  record Push(int frameId, String channel, byte[] payload, boolean asIs) implements WithPayload {
    /** A message whose arguments are encoded. */
    public Push(int frameId, String channel, byte[] payload) {
      this(frameId, channel, payload, false);
    }
  }

  // MessagePorts (see PortTable): a port id names one end of an entangled pair; the main process's ids are negative,
  // a renderer's carry its renderer id in their high 32 bits, so the host can tell who may name which.

  /** The most ports one message may carry, so that a frame's fields stay small whatever a peer claims. */
  int MAX_TRANSFER = 64;

  /** Renderer to main: the renderer made a pair of entangled ports ({@code ipcRenderer.createMessageChannel()}). */
  record PortChannel(long port1, long port2) implements Message {}

  /** Renderer to main: a message posted on a port the renderer holds, for that port's peer, with ports it gives up. */
  record PortPost(long portId, long[] transfer, byte[] payload) implements WithPayload {}

  /** Renderer to main: the renderer closed a port it held (or learnt that its peer closed); it names it no more. */
  record PortClose(long portId) implements Message {}

  /** Renderer to main: {@code ipcRenderer.postMessage}: one value and the ports it gives up, for main's listeners. */
  record PostMessage(int frameId, String channel, long[] transfer, byte[] payload) implements WithPayload {}

  /**
   * Renderer to main: a message that reached a port the renderer had just given away (it crossed the transfer),
   * handed back so that the host delivers it to the port's new holder.
   */
  record PortReturn(long portId, long[] transfer, byte[] payload) implements WithPayload {}

  /** Main to renderer: a message for a port the renderer holds, with the ports it carries. */
  record PortDeliver(long portId, long[] transfer, byte[] payload) implements WithPayload {
    @Override
    public Direction direction() {
      return Direction.TO_RENDERER;
    }
  }

  /** Main to renderer: the peer of a port the renderer holds closed, or its holder went away. */
  record PortClosed(long portId) implements Message {
    @Override
    public Direction direction() {
      return Direction.TO_RENDERER;
    }
  }

  /** Main to renderer: {@code webContents.postMessage}: one value and the ports it carries, for a frame's listeners. */
  record PostToRenderer(int frameId, String channel, long[] transfer, byte[] payload) implements WithPayload {
    @Override
    public Direction direction() {
      return Direction.TO_RENDERER;
    }
  }

  /**
   * Main to renderer: the answer to a {@link SendSync} or {@link Invoke}. When {@code ok}, the payload is the value,
   * encoded or as it is ({@link #asIs}); otherwise it is the encoded pair (remote type, remote message) of the failure.
   */
  record Reply(long callId, boolean ok, byte[] payload, boolean asIs) implements WithPayload {
    /** An answer whose payload is encoded: the value when {@code ok}, else the failure's pair. */
    public Reply(long callId, boolean ok, byte[] payload) {
      this(callId, ok, payload, false);
    }

    /** A failed reply: its payload is the pair ({@code type}, what the handler threw, by class name; its message). */
    public static Reply failed(long callId, String type, String message, ValueCodec values) {
      return new Reply(callId, false, failurePayload(type, message, values));
    }

    /** The payload of a failed answer in either direction, encoded by the answering side: (type, message or null). */
    public static byte[] failurePayload(String type, String message, ValueCodec values) {
      return values.encodeArgs(new Object[] {type, message});
    }

    /**
     * The fields of a failed reply's payload, as they came: the caller checks that they are {@code [type,
     * message]}, since the payload comes from the other side.
     *
     * @param payload a failed reply's payload
     * @param values the codec of the side that receives it
     * @return the decoded fields
     * @throws RuntimeException if the payload does not decode as a list
     */
    public static Object[] failureFields(byte[] payload, ValueCodec values) {
      return values.decodeArgs(payload);
    }
  }
}
