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

/** The renderer side of an {@code @IpcChannel} interface: {@code client(renderer)} and the {@code Client} class. */
record ClientGenerator(Interface model, Generation generation) {
  private static final ClassName INVOKE_EXCEPTION = ClassName.get("io.ipc4j", "IpcInvokeException");
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
      client.addMethod(method(m));
    }
    return client.build();
  }

  private MethodSpec method(Method m) {
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
        return method.addStatement("this.renderer.send($L$L)", channel, args).build();
      case INVOKE:
        CodeBlock invoke = deadline == null
            ? CodeBlock.of("this.renderer.invoke($L$L)", channel, args)
            : CodeBlock.of("this.renderer.invokeWithTimeout($L, $L$L)", deadline, channel, args);
        if (m.future() != null) {
          String result = locals.newName("result");
          CodeBlock convert = m.returnType() instanceof ValueType.VoidType ? CodeBlock.of("$N -> null", result)
              : CodeBlock.of("$N -> $L", result, convert(m, result, what));
          return method.addStatement("return $T.async($L,\n$L,\n$L)", Snippets.CALLS, invoke, convert,
              rebuildFunction(rebuilt, locals)).build();
        }
        return blockingCall(method, m, CodeBlock.of("$T.await($L)", Snippets.CALLS, invoke), rebuilt, locals, what);
      default:
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
