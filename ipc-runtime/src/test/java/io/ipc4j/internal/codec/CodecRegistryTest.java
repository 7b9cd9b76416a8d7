package io.ipc4j.internal.codec;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipc4j.internal.codec.TestCodecs.Color;
import io.ipc4j.internal.codec.TestCodecs.Point;
import io.ipc4j.internal.codec.TestCodecs.Shape;
import io.ipc4j.spi.EnumCodec;
import io.ipc4j.spi.RecordCodec;
import io.ipc4j.spi.TypeCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One side's codecs: typed lookups, one wire name per type, and nothing shared between registries. */
class CodecRegistryTest {
  private static CodecRegistry withTestCodecs() {
    CodecRegistry registry = new CodecRegistry();
    registry.addAll(List.of(new TestCodecs.PointCodec(), new TestCodecs.ColorCodec()));
    return registry;
  }

  @Test
  void recordAndEnumCodecsAreFoundByClassAndByWireNameEachAsItsOwnKind() {
    CodecRegistry registry = withTestCodecs();
    RecordCodec<?> point = registry.recordFor(Point.class);
    assertThat(point).isInstanceOf(TestCodecs.PointCodec.class);
    assertThat(registry.recordNamed("io.ipc4j.internal.codec.TestCodecs$Point")).isSameInstanceAs(point);
    EnumCodec<?> color = registry.enumFor(Color.class);
    assertThat(color).isInstanceOf(TestCodecs.ColorCodec.class);
    assertThat(registry.enumNamed("io.ipc4j.internal.codec.TestCodecs$Color")).isSameInstanceAs(color);
    // An enum is no record and a record no enum, by class or by name.
    assertThat(registry.recordFor(Color.class)).isNull();
    assertThat(registry.enumFor(Point.class)).isNull();
    assertThat(registry.recordNamed("io.ipc4j.internal.codec.TestCodecs$Color")).isNull();
    assertThat(registry.enumNamed("io.ipc4j.internal.codec.TestCodecs$Point")).isNull();
    assertThat(registry.recordFor(Shape.class)).isNull();
    assertThat(registry.recordNamed("io.ipc4j.internal.codec.TestCodecs$Shape")).isNull();
  }

  @Test
  void addingASecondCodecForTheSameTypeAndNameKeepsTheFirst() {
    CodecRegistry registry = withTestCodecs();
    RecordCodec<?> first = registry.recordFor(Point.class);
    registry.add(new TestCodecs.PointCodec());
    assertThat(registry.recordFor(Point.class)).isSameInstanceAs(first);
  }

  @Test
  void aTypeUnderAnotherNameOrANameForAnotherTypeIsRefusedAndChangesNothing() {
    CodecRegistry registry = withTestCodecs();
    TestCodecs.PointCodec renamed = new TestCodecs.PointCodec() {
      @Override
      public String typeName() {
        return "com.example.Point";
      }
    };
    assertThat(assertThrows(IllegalStateException.class, () -> registry.add(renamed))).hasMessageThat()
        .contains("as 'com.example.Point'");
    assertThat(registry.recordNamed("com.example.Point")).isNull();

    TestCodecs.ShapeCodec namedLikePoint = new TestCodecs.ShapeCodec() {
      @Override
      public String typeName() {
        return "io.ipc4j.internal.codec.TestCodecs$Point";
      }
    };
    assertThat(assertThrows(IllegalStateException.class, () -> registry.add(namedLikePoint))).hasMessageThat()
        .contains("is already there");
    assertThat(registry.recordFor(Shape.class)).isNull();
  }

  @Test
  void aCodecThatIsNeitherARecordNorAnEnumCodecIsRefused() {
    TypeCodec<String> neither = new TypeCodec<>() {
      @Override
      public Class<String> type() {
        return String.class;
      }

      @Override
      public String typeName() {
        return "java.lang.String";
      }
    };
    assertThrows(IllegalArgumentException.class, () -> new CodecRegistry().add(neither));
  }

  @Test
  void registriesShareNothing() {
    CodecRegistry one = withTestCodecs();
    CodecRegistry other = new CodecRegistry();
    other.add(new TestCodecs.ShapeCodec());
    assertThat(other.recordFor(Point.class)).isNull();
    assertThat(other.enumNamed("io.ipc4j.internal.codec.TestCodecs$Color")).isNull();
    assertThat(one.recordFor(Shape.class)).isNull();
  }

  @Test
  void aValueCodecUsesCodecsAddedToItsRegistryAfterItWasMade() {
    CodecRegistry registry = new CodecRegistry();
    ValueCodec codec = new ValueCodec(registry);
    byte[] encoded = TestCodecs.codec().encodeValue(new Point(1, 2));
    assertThat(codec.decodeValue(encoded)).isEqualTo(java.util.Map.of("x", 1, "y", 2));
    registry.add(new TestCodecs.PointCodec());
    assertThat(codec.decodeValue(encoded)).isEqualTo(new Point(1, 2));
    assertThat(codec.registry()).isSameInstanceAs(registry);
  }
}
