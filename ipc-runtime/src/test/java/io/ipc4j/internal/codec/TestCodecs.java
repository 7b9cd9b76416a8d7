package io.ipc4j.internal.codec;

import io.ipc4j.spi.EnumCodec;
import io.ipc4j.spi.RecordCodec;
import io.ipc4j.spi.TypeCodec;
import java.util.List;
import java.util.function.Function;

/** Hand-written codecs, as the processor would generate them, for the codec's own tests. */
final class TestCodecs {
  enum Color { RED, GREEN }

  record Point(int x, int y) {}

  record Shape(String name, List<Point> points, Color color) {}

  record Unregistered(int a) {}

  enum UnregisteredEnum { A }

  static class PointCodec implements RecordCodec<Point> {
    @Override
    public Class<Point> type() {
      return Point.class;
    }

    @Override
    public String typeName() {
      return "io.ipc4j.internal.codec.TestCodecs$Point";
    }

    @Override
    public List<String> componentNames() {
      return List.of("x", "y");
    }

    @Override
    public Object[] components(Point value) {
      return new Object[] {value.x(), value.y()};
    }

    @Override
    public Point create(Object[] c) {
      return new Point(c[0] == null ? 0 : (Integer) c[0], c[1] == null ? 0 : (Integer) c[1]);
    }
  }

  static class ShapeCodec implements RecordCodec<Shape> {
    @Override
    public Class<Shape> type() {
      return Shape.class;
    }

    @Override
    public String typeName() {
      return "io.ipc4j.internal.codec.TestCodecs$Shape";
    }

    @Override
    public List<String> componentNames() {
      return List.of("name", "points", "color");
    }

    @Override
    public Object[] components(Shape value) {
      return new Object[] {value.name(), value.points(), value.color()};
    }

    @Override
    @SuppressWarnings("unchecked")
    public Shape create(Object[] c) {
      return new Shape((String) c[0], (List<Point>) c[1], (Color) c[2]);
    }
  }

  static final class ColorCodec implements EnumCodec<Color> {
    @Override
    public Class<Color> type() {
      return Color.class;
    }

    @Override
    public String typeName() {
      return "io.ipc4j.internal.codec.TestCodecs$Color";
    }

    @Override
    public Color valueOf(String name) {
      return Color.valueOf(name);
    }
  }

  /**
   * A record codec made of its parts, for a test's record that needs no codec class of its own; its wire name is the
   * record's binary name, as a generated codec's is.
   */
  static <T extends Record> RecordCodec<T> recordCodec(Class<T> type, List<String> names,
      Function<T, Object[]> components, Function<Object[], T> create) {
    return recordCodec(type, type.getName(), names, components, create);
  }

  /** As {@link #recordCodec(Class, List, Function, Function)}, under the wire name {@code typeName}. */
  static <T extends Record> RecordCodec<T> recordCodec(Class<T> type, String typeName, List<String> names,
      Function<T, Object[]> components, Function<Object[], T> create) {
    return new RecordCodec<>() {
      @Override
      public Class<T> type() {
        return type;
      }

      @Override
      public String typeName() {
        return typeName;
      }

      @Override
      public List<String> componentNames() {
        return names;
      }

      @Override
      public Object[] components(T value) {
        return components.apply(value);
      }

      @Override
      public T create(Object[] values) {
        return create.apply(values);
      }
    };
  }

  /** A value codec whose own registry holds the codecs above and {@code more}. */
  static ValueCodec codec(TypeCodec<?>... more) {
    CodecRegistry registry = new CodecRegistry();
    registry.addAll(List.of(new PointCodec(), new ShapeCodec(), new ColorCodec()));
    registry.addAll(List.of(more));
    return new ValueCodec(registry);
  }

  private TestCodecs() {}
}
