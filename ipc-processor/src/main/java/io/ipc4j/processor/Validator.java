package io.ipc4j.processor;

import io.ipc4j.processor.Models.Attribute;
import io.ipc4j.processor.Models.Deadline;
import io.ipc4j.processor.Models.Interface;
import io.ipc4j.processor.Models.Kind;
import io.ipc4j.processor.Models.Method;
import io.ipc4j.processor.Models.Param;
import io.ipc4j.processor.Models.Style;
import io.ipc4j.processor.Models.Thrown;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks a model against the rules and collects every problem; it never stops at the first. */
final class Validator {
  private Validator() {}

  static List<Problem> validate(Interface model) {
    List<Problem> problems = new ArrayList<>();
    String annotation = model.kind() == Kind.CHANNEL ? "IpcChannel" : "IpcEvents";
    String typeName = model.type().canonicalName();
    if (!model.isInterface()) {
      problems.add(Problem.of(Diagnostic.NOT_INTERFACE, model.site(), annotation, typeName, "not an interface"));
      return problems;
    }
    if (!model.accessible()) {
      problems.add(Problem.of(Diagnostic.NOT_ACCESSIBLE, model.site(), typeName, model.generated().simpleName()));
    }
    if (model.bothAnnotations()) {
      problems.add(Problem.of(Diagnostic.CONFLICTING_ANNOTATIONS, model.site(), typeName
          + " carries both @IpcChannel and @IpcEvents, but an interface holds either renderer-to-main calls or "
          + "main-to-renderer events; split it into two interfaces"));
    }
    if (model.generic()) {
      problems.add(Problem.of(Diagnostic.GENERIC_INTERFACE, model.site(), typeName));
    }
    Attribute prefix = model.prefix();
    String defect = defect(prefix.value());
    if (prefix.explicit() && defect != null) {
      problems.add(Problem.of(Diagnostic.BAD_PREFIX, prefix.site(), prefix.value(), typeName, defect,
          ModelReader.lowerFirst(model.type().simpleName()), "notes"));
    }
    deadline(model.deadline(), typeName, problems);
    if (model.deadline() != null && model.kind() == Kind.EVENTS) {
      problems.add(Problem.of(Diagnostic.TIMEOUT_IGNORED, model.deadline().site(), typeName,
          "events never wait for a reply"));
    }

    Map<String, Method> channels = new HashMap<>();
    Map<String, Method> constants = new HashMap<>();
    for (Method method : model.methods()) {
      String where = model.type().simpleName() + "." + method.name();
      method(model, method, where, problems);
      Method first = channels.putIfAbsent(method.channel(), method);
      if (first != null) {
        Site site = method.channelAttribute() != null ? method.channelAttribute().site() : method.site();
        problems.add(Problem.of(Diagnostic.DUPLICATE_CHANNEL, site, where, method.channel(),
            model.type().simpleName() + "." + first.name()));
      } else {
        Method sameConstant = constants.putIfAbsent(method.constant(), method);
        if (sameConstant != null) {
          problems.add(Problem.of(Diagnostic.CONSTANT_CLASH, method.site(), where, method.constant(),
              model.type().simpleName() + "." + sameConstant.name()));
        }
      }
    }
    return problems;
  }

  private static void method(Interface model, Method method, String where, List<Problem> problems) {
    if (method.generic()) {
      problems.add(Problem.of(Diagnostic.GENERIC_METHOD, method.site(), where));
    }
    List<Attribute> styles = method.styleAnnotations();
    if (model.kind() == Kind.EVENTS) {
      for (Attribute style : styles) {
        problems.add(Problem.of(Diagnostic.CONFLICTING_ANNOTATIONS, style.site(), "@" + style.value() + " on "
            + where + " has no meaning in an @IpcEvents interface, whose methods are all pushed events; remove it"));
      }
    } else if (styles.size() > 1) {
      problems.add(Problem.of(Diagnostic.CONFLICTING_ANNOTATIONS, styles.get(1).site(), where + " carries @"
          + styles.get(0).value() + " and @" + styles.get(1).value() + ", but a method has one call style; "
          + "keep one of them"));
    }
    Attribute channel = method.channelAttribute();
    if (channel != null) {
      String defect = defect(channel.value());
      if (defect != null) {
        problems.add(Problem.of(Diagnostic.BAD_CHANNEL, channel.site(), channel.value(), where, defect,
            model.prefix().value() + ":" + method.name()));
      }
    }
    deadline(method.deadline(), where, problems);
    if (method.deadline() != null && (method.style() == Style.SEND || method.style() == Style.EVENT)) {
      problems.add(Problem.of(Diagnostic.TIMEOUT_IGNORED, method.deadline().site(), where,
          method.style() == Style.SEND ? "@Send never waits for a reply" : "events never wait for a reply"));
    }

    for (Param param : method.params()) {
      if (param.type() instanceof ValueType.Unsupported u) {
        problems.add(Problem.of(Diagnostic.UNSUPPORTED_TYPE, param.site(),
            "parameter '" + param.name() + "' of " + where, u.display(), u.reason()));
      }
    }
    boolean returnsValue = !(method.returnType() instanceof ValueType.VoidType) || method.future() != null;
    switch (method.style()) {
      case SEND:
        if (returnsValue) {
          problems.add(Problem.of(Diagnostic.SEND_NOT_VOID, method.site(), where));
        }
        break;
      case EVENT:
        if (returnsValue) {
          problems.add(Problem.of(Diagnostic.EVENT_NOT_VOID, method.site(), where));
        }
        break;
      case SEND_SYNC:
        if (method.future() != null) {
          problems.add(Problem.of(Diagnostic.ASYNC_NOT_INVOKE, method.site(), where, method.future().simpleName()));
          break;
        }
        unsupportedResult(method, where, problems);
        break;
      default:
        unsupportedResult(method, where, problems);
    }

    for (Thrown thrown : method.thrown()) {
      if (!thrown.checked()) {
        continue;
      }
      if (method.style() == Style.SEND || method.style() == Style.EVENT) {
        problems.add(Problem.of(Diagnostic.EXCEPTION_ON_ONE_WAY, method.site(), where,
            thrown.type().canonicalName(), method.style() == Style.SEND ? "@Send is fire-and-forget"
                : "events are fire-and-forget"));
      } else if (!thrown.rebuildable()) {
        problems.add(Problem.of(Diagnostic.EXCEPTION_NOT_REBUILDABLE, method.site(), where,
            thrown.type().canonicalName()));
      }
    }
  }

  private static void unsupportedResult(Method method, String where, List<Problem> problems) {
    if (method.returnType() instanceof ValueType.Unsupported u) {
      problems.add(Problem.of(Diagnostic.UNSUPPORTED_TYPE, method.site(), "the result of " + where,
          u.display(), u.reason()));
    }
  }

  private static void deadline(Deadline deadline, String where, List<Problem> problems) {
    if (deadline != null && deadline.amount() <= 0) {
      problems.add(Problem.of(Diagnostic.BAD_TIMEOUT, deadline.site(), deadline.amount(), where));
    }
  }

  /** What is wrong with a channel name or prefix, or null if nothing. */
  private static String defect(String name) {
    if (name.isEmpty()) {
      return "is empty";
    }
    if (name.isBlank()) {
      return "is blank";
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isWhitespace(name.charAt(i))) {
        return "contains whitespace";
      }
    }
    return null;
  }
}
