package io.ipc4j.internal.codec;

import java.util.Arrays;
import java.util.Objects;

/**
 * The decoder's guard against maps and sets whose keys would make building them more than linear, with the scratch
 * it needs. Building a map or set costs a {@code hashCode} per key and an {@code equals} per earlier key with the
 * same hash code, so chosen keys could make it quadratic (20,000 list keys {@code [a, -31a]}, all with one hash
 * code, took 13 s). Before any key is inserted, the keys of a map or set are checked, and the input is refused as
 * malformed if:
 * <ol>
 *   <li>more than {@link ValueCodec#MAX_KEYS_PER_HASH} keys share one hash code. A map of at most that many keys
 *       cannot break the rule, so only larger ones are checked (records, maps of a few component names, pay
 *       nothing): their keys' hash codes go into a primitive array, which an LSD radix sort groups in linear
 *       time whatever the values (a hash table of counts could itself be attacked). Each insert then makes
 *       fewer than that many {@code equals} calls, none dearer than the key it inserts;</li>
 *   <li>more than {@link ValueCodec#MAX_NESTED_KEYS_PER_HASH} of the keys that hold a map or set share one
 *       hash code, or two of the keys that hold a map or set that itself has such keys do: comparing two maps
 *       looks each key of one up in the other, so each level of colliding map keys would multiply the cost;
 *       </li>
 *   <li>maps and sets nest through keys more than {@link ValueCodec#MAX_KEY_NESTING} levels deep: a key's hash
 *       code walks all of it, once for every key it is part of.</li>
 * </ol>
 * Real data seldom comes near, but can: {@code [x, y]} lists and small records hash as {@code 31x + y}, so a
 * grid of such keys over about 2,000 by 2,000 has 64 keys per hash code, and sets of small sets collide by sum
 * (nine sets {@code {i, 109 - i}} are refused). A record rebuilt by its codec does not hold its component
 * map, so it is no key holding a map; a record that arrives as that map is. (The third rule is
 * {@code ValueDecoder}'s, which counts the levels.)
 *
 * <p>Most values never need it (maps of at most {@link ValueCodec#MAX_KEYS_PER_HASH} keys that hold no map or set),
 * so a decoder makes one only when a value does.
 */
final class KeyCheck {
  /** For the keys of the maps and sets being decoded that hold a map or set: (index in their map, level) pairs. */
  private int[] keyLevels;
  private int keyLevelsTop;
  /** Scratch for checking hash codes. */
  private int[] hashes;
  private int[] sorted;
  private int[] digitCounts;

  /** Where the current map's keys start among the noted ones: {@link #check} and {@link #reset} take it back. */
  int mark() {
    return keyLevelsTop;
  }

  void reset(int mark) {
    keyLevelsTop = mark;
  }

  /** Notes that the {@code index}th key of the current map holds a map or set, {@code level} deep. */
  void noteNested(int index, int level) {
    if (keyLevels == null) {
      keyLevels = new int[16];
    } else if (keyLevelsTop == keyLevels.length) {
      keyLevels = Arrays.copyOf(keyLevels, keyLevelsTop * 2);
    }
    keyLevels[keyLevelsTop++] = index;
    keyLevels[keyLevelsTop++] = level;
  }

  /**
   * Why the keys at {@code keys[base + i * stride]}, {@code i < n}, of a map or set cannot be inserted in linear
   * time, or null if they can: more than {@link ValueCodec#MAX_KEYS_PER_HASH} keys with one hash code, more than
   * {@link ValueCodec#MAX_NESTED_KEYS_PER_HASH} among the keys that hold a map or set, or two among the keys that
   * hold a map or set that has such keys.
   *
   * @param mark what {@link #mark()} returned before the map's first key
   * @param what "map" or "set", for the reason
   */
  String refusal(Object[] keys, int base, int stride, int n, int mark, String what) {
    if (n > ValueCodec.MAX_KEYS_PER_HASH) {
      int[] h = hashScratch(n);
      for (int i = 0; i < n; i++) {
        h[i] = Objects.hashCode(keys[base + i * stride]);
      }
      if (longestRun(h, n) > ValueCodec.MAX_KEYS_PER_HASH) {
        return "a " + what + " with more than " + ValueCodec.MAX_KEYS_PER_HASH + " keys sharing one hash code";
      }
    }
    int holding = (keyLevelsTop - mark) / 2;
    if (holding > ValueCodec.MAX_NESTED_KEYS_PER_HASH
        && sameHash(keys, base, stride, mark, 1) > ValueCodec.MAX_NESTED_KEYS_PER_HASH) {
      return "a " + what + " with more than " + ValueCodec.MAX_NESTED_KEYS_PER_HASH + " keys holding maps or sets "
          + "that share one hash code";
    }
    if (holding > 1 && sameHash(keys, base, stride, mark, 2) > 1) {
      return "a " + what + " with two keys that share one hash code and hold maps or sets with such keys";
    }
    return null;
  }

  /** The most keys with one hash code among the current map's keys of at least {@code minLevel}. */
  private int sameHash(Object[] keys, int base, int stride, int mark, int minLevel) {
    int[] h = hashScratch((keyLevelsTop - mark) / 2);
    int count = 0;
    for (int i = mark; i < keyLevelsTop; i += 2) {
      if (keyLevels[i + 1] >= minLevel) {
        h[count++] = Objects.hashCode(keys[base + keyLevels[i] * stride]);
      }
    }
    return count < 2 ? count : longestRun(h, count);
  }

  private int[] hashScratch(int n) {
    if (hashes == null || hashes.length < n) {
      int size = Math.max(n, hashes == null ? 64 : hashes.length * 2);
      hashes = new int[size];
      sorted = new int[size];
    }
    return hashes;
  }

  /**
   * The largest number of equal values among {@code a[0..n)}, found by an LSD radix sort: linear whatever the values.
   */
  private int longestRun(int[] a, int n) {
    int[] from = a;
    int[] to = sorted;
    if (digitCounts == null) {
      digitCounts = new int[257];
    }
    int[] counts = digitCounts;
    for (int shift = 0; shift < 32; shift += 8) {
      Arrays.fill(counts, 0);
      for (int i = 0; i < n; i++) {
        counts[((from[i] >>> shift) & 0xff) + 1]++;
      }
      for (int d = 0; d < 256; d++) {
        counts[d + 1] += counts[d];
      }
      for (int i = 0; i < n; i++) {
        to[counts[(from[i] >>> shift) & 0xff]++] = from[i];
      }
      int[] swap = from;
      from = to;
      to = swap;
    }
    int longest = 1;
    int run = 1;
    for (int i = 1; i < n; i++) {
      run = from[i] == from[i - 1] ? run + 1 : 1;
      longest = Math.max(longest, run);
    }
    return longest;
  }
}
