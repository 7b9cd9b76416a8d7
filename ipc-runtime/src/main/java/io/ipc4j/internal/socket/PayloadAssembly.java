package io.ipc4j.internal.socket;

import java.nio.ByteBuffer;

/**
 * The payload of the frame a {@link FrameReader} is reading, assembled as its bytes arrive, without trusting the
 * length the frame claims: nothing is allocated ahead of the bytes (see {@link #capacityFor}).
 *
 * <p>A small payload (see {@link #exactFrom}) goes straight into an array of its own. A larger one starts in a
 * staging array that is reused from frame to frame, and moves to an array of its own once a fifth of it is here:
 * so a large payload costs its own array and one copy of its first fifth, not a series of growing arrays each
 * copied into the next. The staging array is never handed out.
 */
final class PayloadAssembly {
  /** The smallest array a payload that has not all arrived gets (a smaller payload's array is its exact size). */
  static final int MIN_PAYLOAD_CHUNK = 64 * 1024;
  /** How many times what has arrived a payload's array may hold (see {@link #capacityFor}). */
  private static final int GROWTH = 4;
  /** The largest staging array kept between frames: the start of any payload up to 5 MiB fits. */
  static final int MAX_KEPT_STAGING = 1 << 20;

  /** The array the payload's bytes go into now: its own, or the staging array. */
  private byte[] array;
  private int length;
  /** Where the next bytes go, or null when no payload is being assembled. */
  private ByteBuffer rest;
  /** Reused for the start of large payloads; made by the first. */
  private byte[] staging;

  /**
   * How large the array for a payload is allowed to be once {@code received} of its {@code length} bytes are here:
   * four times what arrived (or {@link #MIN_PAYLOAD_CHUNK}), or the whole length when that is at most a quarter
   * more, so a length that is claimed but not sent costs at most five times what came.
   */
  static int capacityFor(int length, int received) {
    long step = Math.max(MIN_PAYLOAD_CHUNK, GROWTH * (long) received);
    return step + step / 4 >= length ? length : (int) step;
  }

  /**
   * How much of a payload of {@code length} bytes must have arrived before its own array is allocated: the least
   * {@code received} for which {@link #capacityFor} is the whole length (a fifth of it; 0 for a payload of at most
   * a chunk and a quarter).
   */
  static int exactFrom(int length) {
    long chunk = MIN_PAYLOAD_CHUNK;
    if (chunk + chunk / 4 >= length) {
      return 0;
    }
    return (int) ((length + 4L) / 5); // four times that is above the chunk, and a quarter more reaches the length
  }

  /** Whether a payload is being assembled. */
  boolean inProgress() {
    return rest != null;
  }

  /**
   * Starts a payload of {@code length} bytes with the next {@code buffered} bytes of {@code from}, which it
   * consumes.
   *
   * @return where the next bytes go (nothing remaining once the payload is whole: see {@link #whole})
   */
  ByteBuffer start(int length, ByteBuffer from, int buffered) {
    this.length = length;
    this.array = null;
    moveTo(buffered);
    from.get(array, 0, buffered);
    return rest;
  }

  /** Where the next bytes go; read into it until it is full, then ask {@link #whole}. */
  ByteBuffer rest() {
    return rest;
  }

  /**
   * Whether the payload has all arrived, once {@link #rest} is full; if it has not, makes more room in
   * {@link #rest}.
   */
  boolean whole() {
    int received = rest.position();
    if (received == length) {
      return true; // only the payload's own array gets this far: the staging array stops below exactFrom's mark
    }
    moveTo(received);
    return false;
  }

  /** The whole payload, in an array of exactly its size; the assembly is ready for the next. */
  byte[] take() {
    byte[] payload = array;
    array = null;
    rest = null;
    if (staging != null && staging.length > MAX_KEPT_STAGING) {
      staging = null; // the start of an unusually large payload: not worth keeping
    }
    return payload;
  }

  /**
   * Points {@link #array} and {@link #rest} at room for the next bytes after the {@code received} ones, copying
   * those over if the array changes: the payload's own array once {@link #exactFrom} allows it, else the staging
   * array, grown (within {@link #capacityFor}) if it has no room.
   */
  private void moveTo(int received) {
    byte[] from = array;
    int end;
    if (received >= exactFrom(length)) {
      array = new byte[length];
      end = length;
    } else {
      if (staging == null || staging.length <= received) {
        staging = new byte[capacityFor(length, received)]; // what came so far is copied over below
      }
      array = staging;
      end = Math.min(staging.length, exactFrom(length));
    }
    if (from != null && from != array) {
      System.arraycopy(from, 0, array, 0, received);
    }
    rest = ByteBuffer.wrap(array, received, end - received);
  }
}
