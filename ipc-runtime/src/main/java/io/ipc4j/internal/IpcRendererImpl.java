package io.ipc4j.internal;

import io.ipc4j.IpcRenderer;
import io.ipc4j.IpcRendererHandler;
import io.ipc4j.IpcRendererListener;
import io.ipc4j.internal.codec.CodecOwner;
import io.ipc4j.internal.codec.CodecRegistry;
import io.ipc4j.internal.codec.ValueCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** One frame's {@link IpcRenderer}. */
final class IpcRendererImpl extends Emitter<IpcRendererListener, IpcRendererHandler>
    implements IpcRenderer, CodecOwner {
  private final RendererContext context;
  private final int frameId;

  IpcRendererImpl(RendererContext context, int frameId) {
    this.context = context;
    this.frameId = frameId;
  }

  @Override
  public void send(String channel, Object... args) {
    Args.channel(channel);
    context.ensureOpen();
    byte[] payload = AsIs.ofArguments(args, context.mainFramesAsSent(), context.values);
    context.toMain(new Message.Send(frameId, channel, payload, AsIs.isArgument(payload, args)));
  }

  @Override
  public Object sendSync(String channel, Object... args) {
    return sendSyncWithTimeout(context.defaultTimeout, channel, args);
  }

  @Override
  public Object sendSyncWithTimeout(Duration timeout, String channel, Object... args) {
    Args.timeout(timeout);
    Args.channel(channel);
    context.ensureOpen();
    context.checkNotMainLoop(channel);
    byte[] payload = context.values.encodeArgs(args);
    PendingCall call = context.newCall(channel, timeout);
    start(call, new Message.SendSync(call.id, frameId, channel, payload));
    return call.await();
  }

  @Override
  public CompletableFuture<Object> invoke(String channel, Object... args) {
    return invokeWithTimeout(context.defaultTimeout, channel, args);
  }

  @Override
  public CompletableFuture<Object> invokeWithTimeout(Duration timeout, String channel, Object... args) {
    Args.timeout(timeout);
    Args.channel(channel);
    ValueCodec main = context.mainValues(); // in process: the arguments are copied for it here, not encoded
    byte[] payload = null;
    Object[] copy = null;
    int copiedBytes = 0;
    Throwable undecodable = null;
    try {
      context.ensureOpen();
      if (main == null) {
        payload = AsIs.ofArguments(args, context.mainFramesAsSent(), context.values);
      } else {
        try {
          copy = context.values.copyArgs(args, main);
        } catch (ValueCodec.Undecodable e) {
          undecodable = e.getCause(); // the main process answers the call with it, as if it had decoded them
        }
        copiedBytes = context.values.copiedBytes();
      }
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    PendingCall call = context.newCall(channel, timeout);
    CompletableFuture<Object> future = call.future();
    long millis = Message.timeoutMillis(timeout);
    start(call, main == null
        ? new Message.Invoke(call.id, frameId, channel, millis, payload, AsIs.isArgument(payload, args))
        : new Message.InvokeCopy(call.id, frameId, channel, millis, copy, copiedBytes, undecodable));
    return future;
  }

  @Override
  public Flow.Publisher<Object> stream(String channel, Object... args) {
    return context.streams.publisher(frameId, channel, args);
  }

  private void start(PendingCall call, Message message) {
    try {
      context.toMain(message);
    } catch (RuntimeException e) {
      call.end(e);
    }
  }

  @Override
  public CodecRegistry codecRegistry() {
    return context.values.registry();
  }

  @Override
  public int frameId() {
    return frameId;
  }

  @Override
  public IpcRenderer openFrame() {
    return context.openFrame();
  }

  @Override
  public Duration defaultTimeout() {
    return context.defaultTimeout;
  }

  @Override
  public void postMessage(String channel, Object message, java.util.List<io.ipc4j.MessagePort> transfer) {
    context.ports.postToMain(frameId, channel, message, transfer);
  }

  @Override
  public io.ipc4j.MessageChannel createMessageChannel() {
    return context.ports.createChannel();
  }

  @Override
  public String toString() {
    return "IpcRenderer[frame " + frameId + "]";
  }
}
