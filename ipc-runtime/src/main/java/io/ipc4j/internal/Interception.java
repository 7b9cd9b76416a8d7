package io.ipc4j.internal;

import io.ipc4j.IpcDisconnectedException;
import io.ipc4j.IpcIncoming;
import io.ipc4j.IpcInterceptor;
import io.ipc4j.WebContents;
import io.ipc4j.WebFrameMain;
import io.ipc4j.internal.jfr.IpcCallEvent;
import io.ipc4j.internal.jfr.IpcMessageEvent;
import io.ipc4j.internal.jfr.Outcomes;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One observed message from a renderer, from its arrival until it is done: what the interceptors see of it, the
 * completions they asked for, and its Flight Recorder event while a recording wants one. It ends once ({@link
 * #finish}), on whichever thread finishes the message.
 */
final class Interception implements IpcIncoming {
  private final Kind kind;
  /** The event its listeners or handler get: the message's sender and frame, as the host identified them. */
  private final MainEvent event;
  private final WebContentsImpl sender;
  private final IpcCallEvent call;
  private final IpcMessageEvent message;
  private final long startNanos = System.nanoTime();
  private final AtomicBoolean done = new AtomicBoolean();
  private Object[] args = new Object[0];
  /** The interceptors' completions, in their order; written on the main loop before the message goes on. */
  private IpcInterceptor.Completion[] completions;
  private int completionCount;

  Interception(Kind kind, MainEvent event, WebContentsImpl sender, IpcCallEvent call, IpcMessageEvent message) {
    this.kind = kind;
    this.event = event;
    this.sender = sender;
    this.call = call;
    this.message = message;
  }

  /**
   * Keeps this sendSync with its renderer until it is answered: a listener may keep the event to answer later, or
   * never, and if its caller cancels or the renderer goes first the call ends then ({@link UnansweredSyncs}).
   */
  void untilAnswered() {
    sender.unansweredSyncs.add(this);
    if (sender.isDestroyed()) { // it went meanwhile: the sweep of its going may have missed this one
      callerStopped(false);
    }
  }

  /** The call id of the sendSync this observes, or -1 for another kind of message. */
  long syncCallId() {
    return event.syncCallId();
  }

  void args(Object[] decoded) {
    this.args = decoded;
  }

  void onCompletion(IpcInterceptor.Completion completion) {
    if (completion == null) {
      return;
    }
    if (completions == null) {
      completions = new IpcInterceptor.Completion[4];
    } else if (completionCount == completions.length) {
      completions = Arrays.copyOf(completions, completionCount * 2);
    }
    completions[completionCount++] = completion;
  }

  /**
   * The message is done: its event is committed and each completion runs, once; later calls do nothing.
   *
   * @param answerBytes the payload bytes of the answer, 0 if none
   * @param outcome how it ended (see {@link Outcomes})
   * @param failure what ended it, or null if it ended well
   */
  void finish(long answerBytes, String outcome, Throwable failure) {
    if (!done.compareAndSet(false, true)) {
      return;
    }
    if (kind == Kind.SEND_SYNC) {
      sender.unansweredSyncs.remove(this);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
    if (call != null) {
      call.finish(answerBytes, outcome, Outcomes.typeOf(failure));
    }
    if (message != null) {
      message.finish(outcome);
    }
    for (int i = 0; i < completionCount; i++) {
      try {
        completions[i].completed(took, failure);
      } catch (Throwable t) { // an interceptor's own failure stays its own: the message and the thread go on
        Failures.log(Level.WARNING, "ipc4j: an interceptor's completion failed for " + this, t);
      }
    }
  }

  /**
   * The caller of this invoke or sendSync stopped waiting before its answer: the call ends now, cancelled (an invoke's
   * caller or its deadline, while the handler's stage ran; a sendSync's deadline, while a listener kept its event) or
   * disconnected (the caller's side went while the handler, its stage or the listeners ran, or before a kept event was
   * answered); how they end afterwards is not reported.
   */
  void callerStopped(boolean byCaller) {
    if (byCaller) {
      finish(0, Outcomes.CANCELLED,
          new CancellationException("The caller of '" + event.channel() + "' stopped waiting for its answer"));
    } else {
      finish(0, Outcomes.DISCONNECTED,
          new IpcDisconnectedException(sender + " went before '" + event.channel() + "' was answered"));
    }
  }

  /**
   * How an observed invoke is answered: as the renderer's own {@link Replies} do, and this interception finishes with
   * the answer as it goes out (a failed answer reports the {@code IpcInvokeException} its caller gets).
   */
  Replies replies() {
    return new Replies(sender.values(), sender.replies) {
      @Override
      Message reply(long callId, boolean ok, byte[] payload, boolean asIs) {
        return new Message.Reply(callId, ok, payload, asIs);
      }

      @Override
      boolean framesAsSent() {
        return sender.link.framesAsSent();
      }

      /** Its renderer went before the answer: the answer is dropped, and the invoke ends as disconnected. */
      @Override
      boolean callerWaits() {
        if (sender.replies.callerWaits()) {
          return true;
        }
        callerStopped(false);
        return false;
      }

      @Override
      void send(Message reply) {
        Message.Reply answer = (Message.Reply) reply;
        // Finished first, so that a caller who has its answer knows its completions ran and its event is in.
        finish(answer.payload().length, answer.ok() ? Outcomes.OK : Outcomes.ERROR,
            answer.ok() ? null : RemoteFailure.of(event.channel(), answer.payload(), sender.values()));
        sender.link.toRenderer(answer);
      }
    };
  }

  @Override
  public Kind kind() {
    return kind;
  }

  @Override
  public List<Object> args() {
    return Collections.unmodifiableList(Arrays.asList(args));
  }

  @Override
  public String channel() {
    return event.channel();
  }

  @Override
  public WebContents sender() {
    return event.sender();
  }

  @Override
  public int processId() {
    return event.processId();
  }

  @Override
  public int frameId() {
    return event.frameId();
  }

  @Override
  public WebFrameMain senderFrame() {
    return event.senderFrame();
  }

  @Override
  public String toString() {
    return kind + " on '" + event.channel() + "' from " + event.senderFrame();
  }
}
