package io.ipc4j.internal;

import io.ipc4j.IpcRenderer;
import io.ipc4j.IpcRendererListener;
import io.ipc4j.internal.codec.CodecOwner;
import io.ipc4j.internal.codec.CodecRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** One frame's {@link IpcRenderer}. */
final class IpcRendererImpl extends Emitter<IpcRendererListener> implements IpcRenderer, CodecOwner {
  private final RendererCore core;
  private final int frameId;

  IpcRendererImpl(RendererCore core, int frameId) {
    this.core = core;
    this.frameId = frameId;
  }

  @Override
  public void send(String channel, Object... args) {
    Args.channel(channel);
    core.ensureOpen();
    core.toMain(new Message.Send(frameId, channel, core.values.encodeArgs(args)));
  }

  @Override
  public Object sendSync(String channel, Object... args) {
    return sendSyncWithTimeout(core.defaultTimeout, channel, args);
  }

  @Override
  public Object sendSyncWithTimeout(Duration timeout, String channel, Object... args) {
    checkTimeout(timeout);
    Args.channel(channel);
    core.ensureOpen();
    core.checkNotMainLoop(channel);
    byte[] payload = core.values.encodeArgs(args);
    PendingCall call = core.newCall(channel, timeout);
    start(call, new Message.SendSync(call.id, frameId, channel, payload));
    return call.await();
  }

  @Override
  public CompletableFuture<Object> invoke(String channel, Object... args) {
    return invokeWithTimeout(core.defaultTimeout, channel, args);
  }

  @Override
  public CompletableFuture<Object> invokeWithTimeout(Duration timeout, String channel, Object... args) {
    checkTimeout(timeout);
    Args.channel(channel);
    byte[] payload;
    try {
      core.ensureOpen();
      payload = core.values.encodeArgs(args);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    PendingCall call = core.newCall(channel, timeout);
    CompletableFuture<Object> future = call.future();
    start(call, new Message.Invoke(call.id, frameId, channel, payload));
    return future;
  }

  private void start(PendingCall call, Message message) {
    try {
      core.toMain(message);
    } catch (RuntimeException e) {
      call.end(e);
    }
  }

  private static void checkTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  @Override
  public CodecRegistry codecRegistry() {
    return core.values.registry();
  }

  @Override
  public int frameId() {
    return frameId;
  }

  @Override
  public IpcRenderer openFrame() {
    return core.openFrame();
  }

  @Override
  public Duration defaultTimeout() {
    return core.defaultTimeout;
  }

  @Override
  public String toString() {
    return "IpcRenderer[frame " + frameId + "]";
  }
}
