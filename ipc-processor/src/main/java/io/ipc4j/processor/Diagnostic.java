package io.ipc4j.processor;

import javax.tools.Diagnostic.Kind;

/**
 * Every diagnostic the processor reports, each with a stable code that starts its message. Tests and users match
 * codes, not prose. Each message states the rule and the fix.
 */
enum Diagnostic {
  NOT_INTERFACE("IpcNotInterface",
      "@%s applies to interfaces only, and %s is %s; declare it as an interface"),
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
  DUPLICATE_CHANNEL("IpcDuplicateChannel",
      "%s uses channel '%s', which %s already uses: every method needs its own channel (overloads are not "
          + "supported); rename one of them or give it its own @Channel"),
  CONSTANT_CLASH("IpcConstantClash",
      "the channel constant of %s would be %s, like that of %s; rename one of the methods"),
  CONFLICTING_ANNOTATIONS("IpcConflictingAnnotations", "%s"),
  BAD_PREFIX("IpcBadPrefix",
      "channel prefix \"%s\" of %s %s; a prefix must be non-empty and contain no whitespace: remove the value to "
          + "use the default \"%s\", or write one such as \"%s\""),
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

  private final String code;
  private final Kind kind;
  private final String template;

  Diagnostic(String code, String template) {
    this(code, Kind.ERROR, template);
  }

  Diagnostic(String code, Kind kind, String template) {
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

  /** The full message: {@code [code] } and the filled-in template. */
  String format(Object... args) {
    return "[" + code + "] " + String.format(template, args);
  }
}
