package io.ipc4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.ipc4j.processor.Models.Interface;
import io.ipc4j.processor.Models.Method;
import io.ipc4j.processor.Models.Param;
import io.ipc4j.processor.Models.Style;
import io.ipc4j.processor.Models.Thrown;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The serving side of an {@code @IpcChannel} interface: the two {@code register} methods of the main process, the one
 * of a renderer (served the same way, its owner a parameter) and {@code Handler}.
 */
record MainGenerator(Interface model, Generation generation) {
  private static final ClassName IPC_MAIN = ClassName.get("io.ipc4j", "IpcMain");
  private static final ClassName MAIN_EVENT = ClassName.get("io.ipc4j", "IpcMainEvent");
  private static final ClassName INVOKE_EVENT = ClassName.get("io.ipc4j", "IpcMainInvokeEvent");
  private static final ClassName WEB_CONTENTS = ClassName.get("io.ipc4j", "WebContents");

  void addTo(TypeSpec.Builder type) {
    type.addMethod(register(false));
    type.addMethod(register(true));
    type.addMethod(rendererRegister());
  }

  /**
   * {@code register(IpcRenderer, X)}: no {@code Handler} variant, as a renderer's event says only that the main
   * process asked; a {@code @SendSync} method gets nothing, since only a renderer may block on the main process.
   */
  private MethodSpec rendererRegister() {
    MethodSpec.Builder method = start(Snippets.IPC_RENDERER, "renderer", model.type(), "impl");
    method.addJavadoc("Serves {@code impl} in a renderer, for the main process's {@link #client($T)}: {@code handle}\n"
        + "for invoke methods, {@code on} for {@code @Send} ones. {@code @SendSync} methods are not served: only\n"
        + "a renderer may block on the main process, so none asks a renderer for them. There is no {@code Handler}\n"
        + "variant: the caller is always the main process, so the event has nothing to check.\n"
        + "\n@param renderer the renderer frame that answers\n", WEB_CONTENTS);
    return body(method, "renderer", "impl", false);
  }

  private MethodSpec register(boolean withEvent) {
    String target = withEvent ? "handler" : "impl";
    MethodSpec.Builder method = start(IPC_MAIN, "ipcMain",
        withEvent ? model.generated().nestedClass("Handler") : model.type(), target);
    if (withEvent) {
      method.addJavadoc("Registers {@code handler} for every channel of {@link $T}; each of its methods gets the\n"
          + "event first, to see and check the sender.\n", model.type());
    } else {
      method.addJavadoc("Registers {@code impl} for every channel of {@link $T}: {@code handle} for invoke\n"
          + "methods, {@code on} for {@code @Send} and {@code @SendSync} ones.\n", model.type());
    }
    method.addJavadoc("\n@param ipcMain the global {@code IpcMain} or a renderer's {@code webContents.ipc()}\n");
    return body(method, "ipcMain", target, withEvent);
  }

  /** {@code public static IpcRegistration register(owner, target)}. */
  private static MethodSpec.Builder start(ClassName ownerType, String owner, TypeName targetType, String target) {
    return Snippets.entryPoint("register", Snippets.REGISTRATION, ownerType, owner).addParameter(targetType, target);
  }

  /** Checks the arguments, gives {@code owner} the codecs and registers every method that {@code owner} serves. */
  private MethodSpec body(MethodSpec.Builder method, String owner, String target, boolean withEvent) {
    method.addJavadoc("@param $L what answers the calls\n"
        + "@return a registration whose {@code close()} removes exactly what this call added\n"
        + "@throws IllegalStateException if a channel already has a handler; nothing stays registered\n", target);
    method.addStatement("$T.requireNonNull($N, $S)", Snippets.OBJECTS, owner, owner);
    method.addStatement("$T.requireNonNull($L, $S)", Snippets.OBJECTS, target, target);
    method.addCode(generation.codecs().addTo(owner));
    List<CodeBlock> registrations = new ArrayList<>();
    for (Method m : model.methods()) {
      if (m.style() != Style.SEND_SYNC || owner.equals("ipcMain")) {
        registrations.add(registration(m, owner, target, withEvent));
      }
    }
    Snippets.addRegistrations(method, registrations);
    return method.build();
  }

  private CodeBlock registration(Method m, String owner, String target, boolean withEvent) {
    CodeBlock call = Snippets.call(target, m, withEvent, generation.converters());
    String channel = generation.names().channel(m);
    if (m.style() == Style.SEND) {
      return CodeBlock.of("$N.on($N, (event, args) -> $L)", owner, channel, call);
    }
    CodeBlock answer = answer(m, call);
    boolean invoke = m.style() == Style.INVOKE;
    // What the lambda does with the answer, and what it does after the call when there is none.
    CodeBlock statement = answer == null ? call
        : invoke ? CodeBlock.of("return $L", answer) : CodeBlock.of("event.setReturnValue($L)", answer);
    CodeBlock tail = answer != null ? null
        : invoke ? CodeBlock.of("return null") : CodeBlock.of("event.setReturnValue(null)");
    CodeBlock body;
    if (!m.reported().isEmpty()) {
      body = declaring(m, statement, tail);
    } else if (tail != null) {
      body = CodeBlock.of("{\n$>$L;\n$L;\n$<}", statement, tail);
    } else {
      body = invoke ? answer : statement;
    }
    return CodeBlock.of("$N.$L($N, (event, args) -> $L)", owner, invoke ? "handle" : "on", channel, body);
  }

  /**
   * What an invoke or {@code @SendSync} method answers with, in its untyped form; null when it returns nothing. A
   * future or stream of a method that declares checked exceptions is wrapped so that one it fails with later is
   * reported as the declared type too ({@code Calls.declaring}), as one thrown is ({@link #declaring}).
   */
  private static CodeBlock answer(Method m, CodeBlock call) {
    if (m.isStream()) {
      // The runtime streams a returned publisher's items; mapped only where an item's untyped form differs.
      CodeBlock items = laterDeclared(m, call);
      return ValueType.needsUntypedForm(m.returnType())
          ? CodeBlock.of("$T.untypedStream($L, $S)", Snippets.CALLS, items, "item of " + m.channel()) : items;
    }
    if (m.returnType() instanceof ValueType.VoidType && m.future() == null) {
      return null;
    }
    if (m.future() != null) {
      // Mapped by a future whose cancel reaches the implementation's, which a thenApply would not.
      return laterDeclared(m, ValueType.needsUntypedForm(m.returnType())
          ? CodeBlock.of("$T.untypedFuture($L)", Snippets.CALLS, call) : call);
    }
    return ConverterGenerator.untyped(m.returnType(), call);
  }

  /**
   * {@code Calls.declaring(result, Declared.class, ...)}: a returned future or stream whose later failure with a
   * declared checked exception is reported under the most specific declared type; {@code result} itself when the
   * method declares none.
   */
  private static CodeBlock laterDeclared(Method m, CodeBlock result) {
    if (m.reported().isEmpty()) {
      return result;
    }
    CodeBlock.Builder wrapped = CodeBlock.builder().add("$T.declaring($L", Snippets.CALLS, result);
    for (Thrown t : m.reported()) {
      wrapped.add(", $T.class", t.type());
    }
    return wrapped.add(")").build();
  }

  /**
   * The body of a handler whose method declares checked exceptions: each is caught, the most specific first, and
   * reported under its declared name ({@code Calls.declared}), so that the caller gets the declared type even when
   * the implementation threw a subclass of it.
   */
  private static CodeBlock declaring(Method m, CodeBlock statement, CodeBlock tail) {
    CodeBlock.Builder body = CodeBlock.builder().add("{\n$>").beginControlFlow("try").add("$L;\n", statement);
    for (Thrown t : m.reported()) {
      body.nextControlFlow("catch ($T e)", t.type());
      body.addStatement("throw $T.declared($S, e)", Snippets.CALLS, t.binaryName());
    }
    body.endControlFlow();
    if (tail != null) {
      body.add("$L;\n", tail);
    }
    return body.add("$<}").build();
  }

  /** {@code Handler}: the interface with the event first in every method. */
  TypeSpec handler() {
    TypeSpec.Builder handler = TypeSpec.interfaceBuilder("Handler")
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("{@link $T} with the event first in every method, so that implementations can see and check\n"
            + "the sender ({@code event.sender()}, {@code event.senderFrame()}). Register it with\n"
            + "{@link $T#register($T, Handler)}.\n", model.type(), model.generated(), IPC_MAIN);
    for (Method m : model.methods()) {
      NameAllocator locals = Names.locals(m);
      String event = locals.newName("event");
      MethodSpec.Builder method = MethodSpec.methodBuilder(m.name())
          .addModifiers(Modifier.PUBLIC, Modifier.ABSTRACT)
          .returns(Snippets.declaredReturn(m))
          .addParameter(m.style() == Style.INVOKE ? INVOKE_EVENT : MAIN_EVENT, event)
          .addJavadoc("Answers {@link $T#$L} on channel {@code $L}.\n\n", model.type(), m.name(), m.channel())
          .addJavadoc("@param $L who sent the call\n", event);
      for (Param p : m.params()) {
        method.addParameter(p.type().typeName(), p.name());
        method.addJavadoc("@param $L as in {@link $T#$L}\n", p.name(), model.type(), m.name());
      }
      if (m.isStream()) {
        method.addJavadoc("@return the stream of items\n");
      } else if (!(m.returnType() instanceof ValueType.VoidType) || m.future() != null) {
        method.addJavadoc("@return the reply\n");
      }
      for (Thrown t : m.thrown()) {
        method.addException(t.type());
        method.addJavadoc("@throws $T as in {@link $T#$L}\n", t.type(), model.type(), m.name());
      }
      method.varargs(m.varargs());
      handler.addMethod(method.build());
    }
    return handler.build();
  }
}
