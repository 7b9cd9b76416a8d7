package io.ipc4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeSpec;
import io.ipc4j.processor.Models.Interface;
import io.ipc4j.processor.Models.Method;
import io.ipc4j.processor.Models.Thrown;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * The calling sides of an {@code @IpcChannel} interface: {@code client(renderer)} and {@code Client} for a renderer
 * calling the main process, {@code client(contents)} and {@code RendererClient} for the main process calling a
 * renderer. Both call through an object with the same {@code send}, {@code invoke} and {@code invokeWithTimeout}, so
 * one method generator writes both; only {@code @SendSync} differs.
 */
record ClientGenerator(Interface model, Generation generation) {
  private static final ClassName INVOKE_EXCEPTION = ClassName.get("io.ipc4j", "IpcInvokeException");
  private static final ClassName IPC_EXCEPTION = ClassName.get("io.ipc4j", "IpcException");
  private static final ClassName WEB_CONTENTS = ClassName.get("io.ipc4j", "WebContents");
  private static final ClassName DURATION = ClassName.get("java.time", "Duration");

  MethodSpec factory() {
    return Snippets.entryPoint("client", model.type(), Snippets.IPC_RENDERER, "renderer")
        .addJavadoc("A client that calls the main process's {@link $T} over {@code renderer}.\n\n"
            + "@param renderer the renderer frame to call from\n@return the client\n", model.type())
        .addStatement("return new Client(renderer)")
        .build();
  }

  TypeSpec client() {
    TypeSpec.Builder client = Snippets.implementation("Client", Modifier.PUBLIC, model.type(),
            Snippets.IPC_RENDERER, "renderer")
        .addJavadoc("The renderer-side {@link $T}: every call crosses to the main process. Injectable: its\n"
            + "constructor takes the {@link $T} to call from.\n", model.type(), Snippets.IPC_RENDERER);
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PUBLIC)
        .addParameter(Snippets.IPC_RENDERER, "renderer")
        .addJavadoc("Creates a client.\n\n@param renderer the renderer frame to call from\n")
        .addStatement("this.renderer = $T.requireNonNull(renderer, $S)", Snippets.OBJECTS, "renderer")
        .addCode(generation.codecs().addTo("renderer"));
    if (model.inject() != null) {
      constructor.addAnnotation(model.inject());
    }
    client.addMethod(constructor.build());
    for (Method m : model.methods()) {
      client.addMethod(method(m, "renderer"));
    }
    return client.build();
  }

  /** {@code client(WebContents)}: the main process calling a renderer that serves the interface. */
  MethodSpec rendererFactory() {
    return Snippets.entryPoint("client", model.type(), WEB_CONTENTS, "contents")
        .addJavadoc("A client that calls the {@link $T} that {@code contents} serves (see\n"
            + "{@link #register($T, $T)}); its callbacks run on the main loop.\n\n"
            + "@param contents the renderer to call\n@return the client\n", model.type(), Snippets.IPC_RENDERER,
            model.type())
        .addStatement("return new RendererClient(contents)")
        .build();
  }

  /** {@code RendererClient}: every call goes to a renderer; {@code @SendSync} cannot, so it throws. */
  TypeSpec rendererClient() {
    TypeSpec.Builder client = Snippets.implementation("RendererClient", Modifier.PUBLIC, model.type(),
            WEB_CONTENTS, "contents")
        .addJavadoc("The main-side {@link $T}: every call crosses to a renderer's main frame. Blocking methods\n"
            + "must not be called on the main loop (use the future methods there); {@code @SendSync} methods\n"
            + "throw {@link $T}, since only a renderer may block on the main process.\n", model.type(),
            IPC_EXCEPTION);
    client.addMethod(MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PUBLIC)
        .addParameter(WEB_CONTENTS, "contents")
        .addJavadoc("Creates a client.\n\n@param contents the renderer to call\n")
        .addStatement("this.contents = $T.requireNonNull(contents, $S)", Snippets.OBJECTS, "contents")
        .addCode(generation.codecs().addTo("contents"))
        .build());
    for (Method m : model.methods()) {
      client.addMethod(method(m, "contents"));
    }
    return client.build();
  }

  private MethodSpec method(Method m, String field) {
    MethodSpec.Builder method = Snippets.override(m);
    NameAllocator locals = Names.locals(m);
    CodeBlock args = Snippets.outboundArgs(m);
    CodeBlock channel = CodeBlock.of("$T.$N", model.generated(), generation.names().channel(m));
    String what = "result of " + m.channel();
    List<Thrown> rebuilt = m.thrown().stream().filter(t -> t.checked() && t.rebuildable()).collect(
        Collectors.toList());
    CodeBlock deadline = deadline(m);
    switch (m.style()) {
      case SEND:
        return method.addStatement("this.$N.send($L$L)", field, channel, args).build();
      case INVOKE:
        if (m.isStream()) {
          // No deadline: a stream lasts as long as its subscriber wants it.
          return method.addStatement("return $T.stream(this.$N.stream($L$L), $L, $S,\n$L)", Snippets.CALLS, field,
              channel, args, generation.converters().reference(m.returnType()), "item of " + m.channel(),
              rebuildFunction(rebuilt, locals)).build();
        }
        CodeBlock invoke = deadline == null
            ? CodeBlock.of("this.$N.invoke($L$L)", field, channel, args)
            : CodeBlock.of("this.$N.invokeWithTimeout($L, $L$L)", field, deadline, channel, args);
        if (m.future() != null) {
          String result = locals.newName("result");
          CodeBlock convert = m.returnType() instanceof ValueType.VoidType ? CodeBlock.of("$N -> null", result)
              : CodeBlock.of("$N -> $L", result, convert(m, result, what));
          return method.addStatement("return $T.async($L,\n$L,\n$L)", Snippets.CALLS, invoke, convert,
              rebuildFunction(rebuilt, locals)).build();
        }
        return blockingCall(method, m, CodeBlock.of("$T.await($L)", Snippets.CALLS, invoke), rebuilt, locals, what);
      default:
        if (!field.equals("renderer")) {
          return method.addStatement("throw new $T($S)", IPC_EXCEPTION, "'" + m.channel()
              + "' is @SendSync: only a renderer may block on the main process").build();
        }
        return blockingCall(method, m, deadline == null
            ? CodeBlock.of("this.renderer.sendSync($L$L)", channel, args)
            : CodeBlock.of("this.renderer.sendSyncWithTimeout($L, $L$L)", deadline, channel, args),
            rebuilt, locals, what);
    }
  }

  private MethodSpec blockingCall(MethodSpec.Builder method, Method m, CodeBlock call, List<Thrown> rebuilt,
      NameAllocator locals, String what) {
    boolean isVoid = m.returnType() instanceof ValueType.VoidType;
    String result = locals.newName("result");
    CodeBlock converted = isVoid ? null : convert(m, result, what);
    if (rebuilt.isEmpty()) {
      if (isVoid) {
        method.addStatement("$L", call);
      } else {
        method.addStatement("$T $N = $L", Object.class, result, call);
        method.addStatement("return $L", converted);
      }
      return method.build();
    }
    if (!isVoid) {
      method.addStatement("$T $N", Object.class, result);
    }
    method.beginControlFlow("try");
    if (isVoid) {
      method.addStatement("$L", call);
    } else {
      method.addStatement("$N = $L", result, call);
    }
    String e = locals.newName("e");
    method.nextControlFlow("catch ($T $N)", INVOKE_EXCEPTION, e);
    for (Thrown t : rebuilt) {
      method.beginControlFlow("if ($S.equals($N.remoteType()))", t.binaryName(), e);
      method.addStatement("throw $T.withCause(new $T($N.remoteMessage()), $N)", Snippets.CALLS, t.type(), e, e);
      method.endControlFlow();
    }
    method.addStatement("throw $N", e);
    method.endControlFlow();
    if (!isVoid) {
      method.addStatement("return $L", converted);
    }
    return method.build();
  }

  private CodeBlock convert(Method m, String result, String what) {
    return generation.converters().convert(m.returnType(), CodeBlock.of("$N", result), what);
  }

  /** {@code null}, or {@code e -> "x.Y".equals(e.remoteType()) ? new Y(e.remoteMessage()) : null}. */
  private static CodeBlock rebuildFunction(List<Thrown> rebuilt, NameAllocator locals) {
    if (rebuilt.isEmpty()) {
      return CodeBlock.of("null");
    }
    String e = locals.newName("e");
    CodeBlock.Builder body = CodeBlock.builder().add("$N -> ", e);
    for (Thrown t : rebuilt) {
      body.add("$S.equals($N.remoteType()) ? new $T($N.remoteMessage())\n: ", t.binaryName(), e, t.type(), e);
    }
    return body.add("null").build();
  }

  private CodeBlock deadline(Method m) {
    Models.Deadline d = m.deadline() != null ? m.deadline() : model.deadline();
    if (d == null) {
      return null;
    }
    long nanos = d.nanos();
    if (nanos % 1_000_000_000L == 0) {
      return CodeBlock.of("$T.ofSeconds($L)", DURATION, literal(nanos / 1_000_000_000L));
    }
    if (nanos % 1_000_000L == 0) {
      return CodeBlock.of("$T.ofMillis($L)", DURATION, literal(nanos / 1_000_000L));
    }
    return CodeBlock.of("$T.ofNanos($L)", DURATION, literal(nanos));
  }

  private static String literal(long value) {
    return value > Integer.MAX_VALUE ? value + "L" : Long.toString(value);
  }
}
