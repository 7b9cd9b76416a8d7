package io.ipc4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import io.ipc4j.processor.Message.Detail;
import io.ipc4j.processor.Models.Streaming;
import io.ipc4j.processor.TypeClassifier.Position;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads what a method returns: void, a value, a future of one, or a stream ({@code Flow.Publisher<T>}) of items.
 * Like the {@link ModelReader} it records what it finds, a shape that cannot be a stream included; the
 * {@link Validator} judges.
 */
final class ResultReader {
  private ResultReader() {}

  /**
   * What a method returns.
   *
   * @param type the value, a future's result or a stream's item
   * @param future the future around it, or null
   * @param streaming whether it is a stream
   */
  record Result(ValueType type, ClassName future, Streaming streaming) {}

  static Result read(TypeMirror returns, TypeClassifier classifier) {
    if (returns.getKind() == TypeKind.VOID) {
      return new Result(new ValueType.VoidType(TypeName.VOID), null, Streaming.NONE);
    }
    if (Mirrors.isPublisher(returns)) {
      return stream((DeclaredType) returns, classifier);
    }
    if (!Mirrors.isFuture(returns)) {
      return new Result(classifier.classify(returns, Position.TOP), null, Streaming.NONE);
    }
    DeclaredType declared = (DeclaredType) returns;
    ClassName future = ClassName.get((TypeElement) declared.asElement());
    if (declared.getTypeArguments().isEmpty()) {
      return new Result(new ValueType.Unsupported(returns.toString(), Detail.RAW_FUTURE.format(future.simpleName())),
          future, Streaming.NONE);
    }
    TypeMirror value = declared.getTypeArguments().get(0);
    if (Mirrors.isNamed(value, "java.lang.Void")) {
      return new Result(new ValueType.VoidType(ClassName.get(Void.class)), future, Streaming.NONE);
    }
    if (Mirrors.isPublisher(value)) {
      return nested(returns, future);
    }
    return new Result(classifier.classify(value, Position.TOP), future, Streaming.NONE);
  }

  /** {@code Flow.Publisher<T>}: a stream of {@code T}, unless it is raw, a wildcard or a stream of streams. */
  private static Result stream(DeclaredType publisher, TypeClassifier classifier) {
    List<? extends TypeMirror> args = publisher.getTypeArguments();
    if (args.isEmpty() || args.get(0).getKind() == TypeKind.WILDCARD) {
      return new Result(new ValueType.Unsupported(publisher.toString(), ""), null, Streaming.RAW);
    }
    TypeMirror item = args.get(0);
    if (Mirrors.isPublisher(item)) {
      return nested(publisher, null);
    }
    ValueType type = classifier.classify(item, Position.TOP);
    if (type instanceof ValueType.OptionalOf) {
      // A stream's items are never null (Reactive Streams), so an Optional item could never be empty.
      type = new ValueType.Unsupported(item.toString(), Detail.OPTIONAL_ITEM.format());
    }
    return new Result(type, null, Streaming.STREAM);
  }

  /** A publisher inside a future or another publisher; the detail is the innermost item type, for the fix. */
  private static Result nested(TypeMirror returns, ClassName future) {
    TypeMirror item = returns;
    while ((Mirrors.isPublisher(item) || Mirrors.isFuture(item))
        && ((DeclaredType) item).getTypeArguments().size() == 1) {
      item = ((DeclaredType) item).getTypeArguments().get(0);
    }
    String innermost = Mirrors.isPublisher(item) || Mirrors.isFuture(item) ? "T" : item.toString();
    return new Result(new ValueType.Unsupported(returns.toString(), innermost), future, Streaming.NESTED);
  }
}
