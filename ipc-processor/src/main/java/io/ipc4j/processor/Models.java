package io.ipc4j.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;

/** The immutable model the reader builds from one annotated interface, and the generator turns into code. */
final class Models {
  private Models() {}

  /** Which annotation the interface carries. */
  enum Kind {
    /** {@code @IpcChannel}: renderer-to-main calls. */
    CHANNEL,
    /** {@code @IpcEvents}: main-to-renderer pushes. */
    EVENTS
  }

  /** How a method crosses. */
  enum Style {
    /** {@code invoke} / {@code handle}. */
    INVOKE,
    /** {@code send} / {@code on}. */
    SEND,
    /** {@code sendSync} / {@code on} + {@code setReturnValue}. */
    SEND_SYNC,
    /** {@code webContents.send} / {@code ipcRenderer.on}. */
    EVENT
  }

  /** Whether a method's result is a stream of items ({@code Flow.Publisher<T>}), and if so whether it can be one. */
  enum Streaming {
    /** Not a publisher: a plain result, a future or void. */
    NONE,
    /** {@code Flow.Publisher<T>}: the return type is the item type {@code T}. */
    STREAM,
    /** A raw publisher or one with a wildcard: says nothing exact about its items. */
    RAW,
    /** A publisher inside a future or of publishers: a stream is the result itself, never part of one. */
    NESTED
  }

  /**
   * A string-valued annotation attribute as written.
   *
   * @param value the value, or null when the annotation is absent
   * @param explicit whether the attribute was written out (not left to its default)
   * @param site the annotation value, for diagnostics
   */
  record Attribute(String value, boolean explicit, Site site) {}

  /**
   * A {@code @Timeout}.
   *
   * @param amount the amount as written
   * @param nanos the deadline in nanoseconds (saturated), when positive
   * @param site the annotation's value, for diagnostics
   */
  record Deadline(long amount, long nanos, Site site) {}

  /**
   * A declared exception.
   *
   * @param type the exception class
   * @param binaryName its binary name: what the runtime reports as the remote type
   * @param checked whether callers must catch it
   * @param rebuildable whether it is a concrete class with a public {@code (String)} constructor
   */
  record Thrown(ClassName type, String binaryName, boolean checked, boolean rebuildable) {}

  /**
   * One parameter.
   *
   * @param name its name
   * @param type its type
   * @param site the parameter, for diagnostics
   */
  record Param(String name, ValueType type, Site site) {}

  /**
   * One abstract method: one channel.
   *
   * @param name the method name
   * @param constant the channel constant's name
   * @param channel the channel name
   * @param channelAttribute the {@code @Channel} annotation, if any
   * @param styleAnnotations the style annotations present ({@code Invoke}, {@code Send}...), by simple name
   * @param style the call style
   * @param generic whether the method declares type parameters
   * @param varargs whether the last parameter is varargs
   * @param params the parameters
   * @param returnType the declared return type (a future's result type when {@code future} is set, the item type
   *     of a stream)
   * @param future {@code CompletableFuture}/{@code CompletionStage} when the method returns one, else null
   * @param streaming whether the result is a stream of items
   * @param thrown the declared exceptions, in declaration order
   * @param reported the declared checked exceptions the serving side reports under their own names, each before
   *     its supertypes (the order of its {@code catch} clauses), otherwise in declaration order
   * @param deadline the method's own {@code @Timeout}, or null
   * @param site the method, for diagnostics
   */
  record Method(
      String name,
      String constant,
      String channel,
      Attribute channelAttribute,
      List<Attribute> styleAnnotations,
      Style style,
      boolean generic,
      boolean varargs,
      List<Param> params,
      ValueType returnType,
      ClassName future,
      Streaming streaming,
      List<Thrown> thrown,
      List<Thrown> reported,
      Deadline deadline,
      Site site) {
    /** Whether the method returns {@code Flow.Publisher<T>} (of any item type, supported or not). */
    boolean isStream() {
      return streaming == Streaming.STREAM;
    }
  }

  /**
   * A record that needs a codec.
   *
   * @param type the record
   * @param binaryName its wire name
   * @param components component names and types, in declaration order
   */
  record RecordCodec(ClassName type, String binaryName, List<Param> components) {}

  /**
   * An enum that needs a codec.
   *
   * @param type the enum
   * @param binaryName its wire name
   * @param constants the constants' names, in declaration order
   */
  record EnumCodec(ClassName type, String binaryName, List<String> constants) {}

  /**
   * One annotated type and everything generated for it.
   *
   * @param kind which annotation it carries
   * @param isInterface whether it is an interface (annotation types are not)
   * @param accessible whether the generated class, in the same package, can see it
   * @param bothAnnotations whether it carries both {@code @IpcChannel} and {@code @IpcEvents}
   * @param generic whether it declares type parameters
   * @param type the interface
   * @param generated the class to generate
   * @param prefix the channel prefix attribute
   * @param deadline the interface's {@code @Timeout}, or null
   * @param methods its channels, in declaration order (own methods, then inherited ones)
   * @param records record codecs, sorted by binary name
   * @param enums enum codecs, sorted by binary name
   * @param inject the {@code @Inject} annotation to put on the client's constructor, or null
   * @param javaxGenerated whether {@code javax.annotation.processing.Generated} is readable by the user's code
   * @param site the type and its ipc4j annotation, for diagnostics
   */
  record Interface(
      Kind kind,
      boolean isInterface,
      boolean accessible,
      boolean bothAnnotations,
      boolean generic,
      ClassName type,
      ClassName generated,
      Attribute prefix,
      Deadline deadline,
      List<Method> methods,
      List<RecordCodec> records,
      List<EnumCodec> enums,
      ClassName inject,
      boolean javaxGenerated,
      Site site) {}
}
