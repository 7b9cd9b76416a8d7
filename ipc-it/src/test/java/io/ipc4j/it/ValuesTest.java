package io.ipc4j.it;

import static com.google.common.truth.Truth.assertThat;

import io.ipc4j.IpcHost;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every supported type, with edge values, through a generated client and registration. */
class ValuesTest {
  private IpcHost host;
  private NotesApi notes;

  @BeforeEach
  void open() {
    host = Hosts.open();
    NotesApiIpc.register(host.ipcMain(), new Store());
    notes = NotesApiIpc.client(host.openRenderer().ipcRenderer());
  }

  @AfterEach
  void close() {
    host.close();
  }

  private static Everything everything(byte b, short s, int i, long l, float f, double d, char c, Optional<String> maybe) {
    Note note = new Note(-1, "", List.of("x"), Instant.ofEpochSecond(-1_000_000, 999_999_999), Priority.HIGH);
    Map<String, List<Note>> byName = new LinkedHashMap<>();
    byName.put("n", List.of(note));
    byName.put("empty", List.of());
    return new Everything(b, s, i, l, f, d, c, true,
        null, "ünïcödé ✓", Instant.ofEpochSecond(0, 1), Duration.ofNanos(-1), new UUID(Long.MIN_VALUE, -1),
        new BigInteger("-123456789012345678901234567890"), new BigDecimal("1e-40"),
        new byte[] {Byte.MIN_VALUE, 0, Byte.MAX_VALUE}, new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
        new char[] {'a', '\uffff'}, new String[] {"x", null},
        List.of(Long.MIN_VALUE, 0L, 1L), new LinkedHashSet<>(List.of(Priority.HIGH, Priority.LOW)), byName, maybe,
        Priority.LOW);
  }

  private static void assertSame(Everything actual, Everything expected) {
    // Arrays compare by content; everything else by equals.
    assertThat(actual.bytes()).isEqualTo(expected.bytes());
    assertThat(actual.ints()).isEqualTo(expected.ints());
    assertThat(actual.chars()).isEqualTo(expected.chars());
    assertThat(actual.names()).isEqualTo(expected.names());
    Everything withoutArrays = new Everything(actual.b(), actual.s(), actual.i(), actual.l(), actual.f(), actual.d(),
        actual.c(), actual.z(), actual.boxedLong(), actual.text(), actual.instant(), actual.duration(), actual.uuid(),
        actual.big(), actual.decimal(), expected.bytes(), expected.ints(), expected.chars(), expected.names(),
        actual.longs(), actual.priorities(), actual.byName(), actual.maybe(), actual.priority());
    assertThat(withoutArrays).isEqualTo(expected);
  }

  @Test
  void minimumValuesSurvive() {
    Everything value = everything(Byte.MIN_VALUE, Short.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE,
        -Float.MAX_VALUE, -Double.MAX_VALUE, Character.MIN_VALUE, Optional.empty());
    assertSame(notes.echo(value), value);
  }

  @Test
  void maximumValuesSurvive() {
    Everything value = everything(Byte.MAX_VALUE, Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE,
        Float.MAX_VALUE, Double.MAX_VALUE, Character.MAX_VALUE, Optional.of("present"));
    assertSame(notes.echo(value), value);
  }

  @Test
  void smallValuesThatDecodeAsIntegerStillFillLongAndShortSlots() {
    Everything value = everything((byte) 0, (short) 1, 0, 5L, Float.NaN, -0.0d, 'z', Optional.of(""));
    Everything back = notes.echo(value);
    assertThat(back.l()).isEqualTo(5L);
    assertThat(Float.isNaN(back.f())).isTrue();
    assertThat(Double.doubleToRawLongBits(back.d())).isEqualTo(Double.doubleToRawLongBits(-0.0d));
    assertThat(back.priorities()).isInstanceOf(Set.class);
    assertThat(back.maybe()).hasValue("");
  }

  @Test
  void primitiveParametersArriveExactly() {
    assertThat(notes.primitives(Byte.MIN_VALUE, Short.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE,
        Float.MIN_VALUE, Double.NEGATIVE_INFINITY, 'ß', false))
        .isEqualTo("-128 32767 -2147483648 9223372036854775807 1.4E-45 -Infinity ß false");
  }

  @Test
  void optionalSetAndMapParametersAndResult() {
    Note note = new Note(3, "t", List.of(), Instant.EPOCH, Priority.LOW);
    Map<Priority, Integer> counts = new LinkedHashMap<>();
    counts.put(Priority.HIGH, 2);
    Optional<Note> back = notes.optional(Optional.of(note), Set.of("k"), counts);
    assertThat(back.orElseThrow().title()).isEqualTo("t[k]{HIGH=2}");
    assertThat(notes.optional(Optional.empty(), Set.of(), Map.of())).isEmpty();
  }
}
