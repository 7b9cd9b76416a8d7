package io.ipc4j.processor;

import javax.tools.Diagnostic.Kind;

/**
 * Every text the processor shows a user. Each entry has a stable code that starts its message; tests and users
 * match codes, not prose. Each message states the rule and the fix. The {@link Detail}s are the phrases that fill
 * an entry's blanks (why a type cannot cross, what is wrong with a name), kept here so that no prose is assembled
 * anywhere else.
 */
enum Message {
  NOT_INTERFACE("IpcNotInterface",
      "@%s applies to interfaces only, and %s is not an interface; declare it as an interface"),
  NOT_ACCESSIBLE("IpcNotAccessible",
      "%s must be visible in its package for the generated %s to implement it; make it (and every type "
          + "enclosing it) at least package-private, and not local to a method"),
  GENERIC_INTERFACE("IpcGenericInterface",
      "%s declares type parameters, but the wire carries no type arguments: an IPC interface must not be generic; "
          + "declare a non-generic interface (it may extend a generic one with concrete type arguments)"),
  GENERIC_METHOD("IpcGenericMethod",
      "%s declares type parameters, but the wire carries no type arguments: an IPC method must not be generic; "
          + "use concrete types"),
  UNSUPPORTED_TYPE("IpcUnsupportedType",
      "%s has type %s, which cannot cross the wire because %s"),
  SEND_NOT_VOID("IpcSendNotVoid",
      "@Send method %s must return void: send is fire-and-forget and no reply comes back; return void, or remove "
          + "@Send to make it an invoke call"),
  EVENT_NOT_VOID("IpcEventNotVoid",
      "@IpcEvents method %s must return void: events are pushed to renderers and no reply comes back; return void"),
  ASYNC_NOT_INVOKE("IpcAsyncNotInvoke",
      "@SendSync method %s returns a %s, but only invoke methods may return a future; remove @SendSync to make it "
          + "an invoke call, or return the value itself"),
  STREAM_NOT_INVOKE("IpcStreamNotInvoke",
      "@%1$s method %2$s returns a Flow.Publisher, but a stream method cannot be @%1$s: its items come back one "
          + "by one, as the caller requests them; remove @%1$s to make it a stream"),
  RAW_STREAM("IpcRawStream",
      "%s returns %s, which says nothing exact about its items; a stream method returns Flow.Publisher<T> of one "
          + "exact item type (no wildcard): declare it, for example Flow.Publisher<Note>"),
  UNSUPPORTED_STREAM_ITEM("IpcUnsupportedStreamItem",
      "the items of stream %s have type %s, which cannot cross the wire because %s"),
  NESTED_STREAM("IpcNestedStream",
      "%s returns %s, but a stream is a result of its own: it cannot be inside a future or another stream; "
          + "return Flow.Publisher<%s> instead"),
  DUPLICATE_CHANNEL("IpcDuplicateChannel",
      "%s uses channel '%s', which %s already uses: every method needs its own channel (overloads are not "
          + "supported); rename one of them or give it its own @Channel"),
  CONSTANT_CLASH("IpcConstantClash",
      "the channel constant of %s would be %s, like that of %s; rename one of the methods"),
  /** Filled with one of the {@code CONFLICT_*} details. */
  CONFLICTING_ANNOTATIONS("IpcConflictingAnnotations", "%s"),
  BAD_PREFIX("IpcBadPrefix",
      "channel prefix \"%s\" of %s %s; a prefix must be non-empty and contain no whitespace: remove the value to "
          + "use the default \"%s\", or write one such as \"notes\""),
  BAD_CHANNEL("IpcBadChannel",
      "@Channel(\"%s\") on %s %s; a channel name must be non-empty and contain no whitespace, for example "
          + "\"%s\""),
  BAD_TIMEOUT("IpcBadTimeout",
      "@Timeout(%d) on %s is not positive; a deadline must be greater than zero: remove it to use the host's "
          + "default deadline, or give a positive amount"),
  TIMEOUT_IGNORED("IpcTimeoutIgnored", Kind.WARNING,
      "@Timeout on %s has no effect because %s; remove it"),
  EXCEPTION_NOT_REBUILDABLE("IpcExceptionNotRebuildable",
      "%s declares %s, which the calling side cannot rebuild: a transportable checked exception is a concrete "
          + "class with a public constructor taking the message (String); add such a constructor, or throw an "
          + "unchecked exception (it arrives as IpcInvokeException)"),
  EXCEPTION_ON_ONE_WAY("IpcExceptionOnOneWay",
      "%s declares checked exception %s, but %s, so no reply can carry it back; remove it from the throws "
          + "clause"),
  MISSING_TYPE("IpcMissingType",
      "%s was not processed because type %s never became available; fix the errors that keep it from being "
          + "generated or found"),
  INTERNAL_ERROR("IpcInternalError",
      "the ipc4j processor failed on %s; please report this with the stack trace:%n%s");

  /** The phrases that fill the blanks of an entry; never shown on their own. */
  enum Detail {
    CONFLICT_CHANNEL_AND_EVENTS("%s carries both @IpcChannel and @IpcEvents, but an interface holds either "
        + "renderer-to-main calls or main-to-renderer events; split it into two interfaces"),
    CONFLICT_STYLE_ON_EVENT("@%s on %s has no meaning in an @IpcEvents interface, whose methods are all pushed "
        + "events; remove it"),
    CONFLICT_TWO_STYLES("%s carries @%s and @%s, but a method has one call style; keep one of them"),
    NAME_EMPTY("is empty"),
    NAME_BLANK("is blank"),
    NAME_WHITESPACE("contains whitespace"),
    EVENT_NO_REPLY("events never wait for a reply"),
    SEND_NO_REPLY("@Send never waits for a reply"),
    STREAM_NO_DEADLINE("a stream has no deadline: it lasts until it completes, fails or is cancelled"),
    EVENT_ONE_WAY("events are fire-and-forget"),
    SEND_ONE_WAY("@Send is fire-and-forget"),
    PARAMETER("parameter '%s' of %s"),
    RESULT("the result of %s"),
    RAW_FUTURE("a raw %1$s; give its result type, for example %1$s<String>"),
    RAW_CONTAINER("a raw %1$s says nothing about its elements; give its type arguments, for example %1$s%2$s"),
    GENERIC_ARRAY("an array of a generic type cannot be created without unchecked casts; use a List instead"),
    TYPE_VARIABLE("a type variable says nothing about what crosses the wire; use a concrete type"),
    WILDCARD("a wildcard says nothing exact about what crosses the wire; use the exact type, for example "
        + "List<Note> instead of List<? extends Note>"),
    OBJECT("Object says nothing about what crosses the wire; declare the concrete type"),
    NESTED_OPTIONAL("Optional is supported only as a parameter, a result or a record component, where it crosses "
        + "as the value or null; inside a collection or array, leave it out and use null"),
    GENERIC_RECORD("a generic record's codec cannot know its type arguments; declare a record without type "
        + "parameters"),
    IPC4J_OBJECT("an ipc4j object only means something in its own process; the main side sees the sender "
        + "through the generated Handler's event instead"),
    PUBLISHER("a publisher can only be the result of an invoke method, declared as Flow.Publisher<T>, where its "
        + "items stream to the caller; pass the items themselves, for example as a List"),
    OPTIONAL_ITEM("a stream's items are never null, so an Optional item could never be empty; declare a stream of "
        + "the value type itself and leave out the missing ones"),
    FUTURE("a future can only be the result of an invoke method; pass the value itself"),
    THREAD("a thread belongs to one process; send the data it works on"),
    STREAM("a stream can be consumed once, in one process; collect it into a List"),
    OTHER_COLLECTION("collections cross as List, Set or Map only; declare List<T>, Set<T> or Map<K, V>"),
    FUNCTION("a function cannot cross a process boundary; send data and let the other side decide what to run"),
    NO_CODEC("it has no codec: only primitives and their boxes, String, Instant, Duration, UUID, BigInteger, "
        + "BigDecimal, records, enums, arrays, List, Set, Map and Optional cross the wire"),
    CONTAINS("it contains %s: %s"),
    COMPONENT("its component '%s' has type %s: %s"),
    CANNOT_WRITE("could not write %s: %s"),
    FROM_COMPILED_TYPE("%s (reported on %s because %s comes from %s, which is compiled: its source is not part of "
        + "this build)");

    private final String template;

    Detail(String template) {
      this.template = template;
    }

    /** The phrase with its blanks filled. */
    String format(Object... args) {
      return String.format(template, args);
    }

    /** The phrase with its blanks, as written here. */
    String template() {
      return template;
    }
  }

  private final String code;
  private final Kind kind;
  private final String template;

  Message(String code, String template) {
    this(code, Kind.ERROR, template);
  }

  Message(String code, Kind kind, String template) {
    this.code = code;
    this.kind = kind;
    this.template = template;
  }

  /** The stable code, for example {@code IpcNotInterface}. */
  String code() {
    return code;
  }

  /** Error or warning. */
  Kind kind() {
    return kind;
  }

  /** The message after its code, with its blanks, as written here. */
  String template() {
    return template;
  }

  /** The full message: {@code [code] } and the filled-in template. */
  String format(Object... args) {
    return "[" + code + "] " + String.format(template, args);
  }
}
