package io.ipc4j.it;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Every supported kind of value, as record components.
 *
 * @param b a byte
 * @param s a short
 * @param i an int
 * @param l a long
 * @param f a float
 * @param d a double
 * @param c a char
 * @param z a boolean
 * @param boxedLong a nullable Long
 * @param text a String
 * @param instant an Instant
 * @param duration a Duration
 * @param uuid a UUID
 * @param big a BigInteger
 * @param decimal a BigDecimal
 * @param bytes a byte[]
 * @param ints an int[]
 * @param chars a char[]
 * @param names a String[]
 * @param longs a List of Long
 * @param priorities a Set of enums
 * @param byName a Map of lists of records
 * @param maybe an Optional
 * @param priority an enum
 */
public record Everything(
    byte b, short s, int i, long l, float f, double d, char c, boolean z,
    Long boxedLong, String text, Instant instant, Duration duration, UUID uuid, BigInteger big, BigDecimal decimal,
    byte[] bytes, int[] ints, char[] chars, String[] names,
    List<Long> longs, Set<Priority> priorities, Map<String, List<Note>> byName, Optional<String> maybe,
    Priority priority) {}
