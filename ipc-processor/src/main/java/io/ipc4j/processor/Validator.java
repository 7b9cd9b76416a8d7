package io.ipc4j.processor;

import io.ipc4j.processor.Message.Detail;
import io.ipc4j.processor.Models.Attribute;
import io.ipc4j.processor.Models.Deadline;
import io.ipc4j.processor.Models.Interface;
import io.ipc4j.processor.Models.Kind;
import io.ipc4j.processor.Models.Method;
import io.ipc4j.processor.Models.Param;
import io.ipc4j.processor.Models.Streaming;
import io.ipc4j.processor.Models.Style;
import io.ipc4j.processor.Models.Thrown;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks a model against the rules and collects every problem in a {@link Report}; it never stops at the first. */
final class Validator {
  private Validator() {}

  static Report validate(Interface model) {
    Report report = new Report(model.site());
    String annotation = model.kind() == Kind.CHANNEL ? "IpcChannel" : "IpcEvents";
    String typeName = model.type().canonicalName();
    if (!model.isInterface()) {
      report.add(Message.NOT_INTERFACE, model.site(), annotation, typeName);
      return report;
    }
    if (!model.accessible()) {
      report.add(Message.NOT_ACCESSIBLE, model.site(), typeName, model.generated().simpleName());
    }
    if (model.bothAnnotations()) {
      report.add(Message.CONFLICTING_ANNOTATIONS, model.site(),
          Detail.CONFLICT_CHANNEL_AND_EVENTS.format(typeName));
    }
    if (model.generic()) {
      report.add(Message.GENERIC_INTERFACE, model.site(), typeName);
    }
    Attribute prefix = model.prefix();
    String defect = defect(prefix.value());
    if (prefix.explicit() && defect != null) {
      report.add(Message.BAD_PREFIX, prefix.site(), prefix.value(), typeName, defect,
          Names.lowerFirst(model.type().simpleName()));
    }
    deadline(model.deadline(), typeName, report);
    if (model.deadline() != null && model.kind() == Kind.EVENTS) {
      report.add(Message.TIMEOUT_IGNORED, model.deadline().site(), typeName, Detail.EVENT_NO_REPLY.format());
    }

    Map<String, Method> channels = new HashMap<>();
    Map<String, Method> constants = new HashMap<>();
    for (Method method : model.methods()) {
      String where = model.type().simpleName() + "." + method.name();
      method(model, method, where, report);
      Method first = channels.putIfAbsent(method.channel(), method);
      if (first != null) {
        Site site = method.channelAttribute() != null ? method.channelAttribute().site() : method.site();
        report.add(Message.DUPLICATE_CHANNEL, site, where, method.channel(),
            model.type().simpleName() + "." + first.name());
      } else {
        Method sameConstant = constants.putIfAbsent(method.constant(), method);
        if (sameConstant != null) {
          report.add(Message.CONSTANT_CLASH, method.site(), where, method.constant(),
              model.type().simpleName() + "." + sameConstant.name());
        }
      }
    }
    return report;
  }

  private static void method(Interface model, Method method, String where, Report report) {
    if (method.generic()) {
      report.add(Message.GENERIC_METHOD, method.site(), where);
    }
    List<Attribute> styles = method.styleAnnotations();
    if (model.kind() == Kind.EVENTS) {
      for (Attribute style : styles) {
        report.add(Message.CONFLICTING_ANNOTATIONS, style.site(),
            Detail.CONFLICT_STYLE_ON_EVENT.format(style.value(), where));
      }
    } else if (styles.size() > 1) {
      report.add(Message.CONFLICTING_ANNOTATIONS, styles.get(1).site(),
          Detail.CONFLICT_TWO_STYLES.format(where, styles.get(0).value(), styles.get(1).value()));
    }
    Attribute channel = method.channelAttribute();
    if (channel != null) {
      String defect = defect(channel.value());
      if (defect != null) {
        report.add(Message.BAD_CHANNEL, channel.site(), channel.value(), where, defect,
            model.prefix().value() + ":" + method.name());
      }
    }
    deadline(method.deadline(), where, report);
    if (method.deadline() != null && (method.style() == Style.SEND || method.style() == Style.EVENT)) {
      report.add(Message.TIMEOUT_IGNORED, method.deadline().site(), where,
          (method.style() == Style.SEND ? Detail.SEND_NO_REPLY : Detail.EVENT_NO_REPLY).format());
    } else if (method.deadline() != null && method.isStream() && method.style() == Style.INVOKE) {
      report.add(Message.TIMEOUT_IGNORED, method.deadline().site(), where, Detail.STREAM_NO_DEADLINE.format());
    }

    for (Param param : method.params()) {
      if (param.type() instanceof ValueType.Unsupported u) {
        report.add(Message.UNSUPPORTED_TYPE, param.site(),
            Detail.PARAMETER.format(param.name(), where), u.display(), u.reason());
      }
    }
    boolean returnsValue = !(method.returnType() instanceof ValueType.VoidType) || method.future() != null;
    if (method.streaming() != Streaming.NONE && method.style() != Style.EVENT) {
      stream(method, where, report);
    } else {
      result(method, where, returnsValue, report);
    }

    for (Thrown thrown : method.thrown()) {
      if (!thrown.checked()) {
        continue;
      }
      if (method.style() == Style.SEND || method.style() == Style.EVENT) {
        report.add(Message.EXCEPTION_ON_ONE_WAY, method.site(), where,
            thrown.type().canonicalName(),
            (method.style() == Style.SEND ? Detail.SEND_ONE_WAY : Detail.EVENT_ONE_WAY).format());
      } else if (!thrown.rebuildable()) {
        report.add(Message.EXCEPTION_NOT_REBUILDABLE, method.site(), where,
            thrown.type().canonicalName());
      }
    }
  }

  /** A method that returns a publisher: it must be an invoke method and stream one exact, supported type. */
  private static void stream(Method method, String where, Report report) {
    ValueType.Unsupported shape = method.returnType() instanceof ValueType.Unsupported u ? u : null;
    if (method.style() != Style.INVOKE) {
      String style = method.style() == Style.SEND ? "Send" : "SendSync";
      report.add(Message.STREAM_NOT_INVOKE, method.site(), style, where);
    } else if (method.streaming() == Streaming.RAW) {
      report.add(Message.RAW_STREAM, method.site(), where, shape.display());
    } else if (method.streaming() == Streaming.NESTED) {
      report.add(Message.NESTED_STREAM, method.site(), where, shape.display(), shape.reason());
    } else if (shape != null) {
      report.add(Message.UNSUPPORTED_STREAM_ITEM, method.site(), where, shape.display(), shape.reason());
    }
  }

  private static void result(Method method, String where, boolean returnsValue, Report report) {
    switch (method.style()) {
      case SEND:
        if (returnsValue) {
          report.add(Message.SEND_NOT_VOID, method.site(), where);
        }
        break;
      case EVENT:
        if (returnsValue) {
          report.add(Message.EVENT_NOT_VOID, method.site(), where);
        }
        break;
      case SEND_SYNC:
        if (method.future() != null) {
          report.add(Message.ASYNC_NOT_INVOKE, method.site(), where, method.future().simpleName());
          break;
        }
        unsupportedResult(method, where, report);
        break;
      default:
        unsupportedResult(method, where, report);
    }
  }

  private static void unsupportedResult(Method method, String where, Report report) {
    if (method.returnType() instanceof ValueType.Unsupported u) {
      report.add(Message.UNSUPPORTED_TYPE, method.site(), Detail.RESULT.format(where), u.display(), u.reason());
    }
  }

  private static void deadline(Deadline deadline, String where, Report report) {
    if (deadline != null && deadline.amount() <= 0) {
      report.add(Message.BAD_TIMEOUT, deadline.site(), deadline.amount(), where);
    }
  }

  /** What is wrong with a channel name or prefix, or null if nothing. */
  private static String defect(String name) {
    if (name.isEmpty()) {
      return Detail.NAME_EMPTY.format();
    }
    if (name.isBlank()) {
      return Detail.NAME_BLANK.format();
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isWhitespace(name.charAt(i))) {
        return Detail.NAME_WHITESPACE.format();
      }
    }
    return null;
  }
}
