package io.ipc4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.ipc4j.processor.Models.Method;
import io.ipc4j.processor.Models.Param;
import io.ipc4j.processor.Models.Thrown;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/** Pieces of generated code that more than one generator writes. */
final class Snippets {
  static final ClassName CALLS = ClassName.get("io.ipc4j.spi", "Calls");
  static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  static final ClassName IPC_RENDERER = ClassName.get("io.ipc4j", "IpcRenderer");
  static final ClassName REGISTRATION = ClassName.get("io.ipc4j", "IpcRegistration");
  static final ClassName PUBLISHER = ClassName.get("java.util.concurrent", "Flow", "Publisher");

  private Snippets() {}

  /** A public static entry point of the generated class, taking the IPC object it works on first. */
  static MethodSpec.Builder entryPoint(String name, TypeName returns, ClassName ipc, String ipcName) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(returns)
        .addParameter(ipc, ipcName);
  }

  /** A nested class implementing the interface over the IPC object in its one field. */
  static TypeSpec.Builder implementation(String name, Modifier access, TypeName iface, ClassName ipc, String field) {
    return TypeSpec.classBuilder(name)
        .addModifiers(access, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(iface)
        .addField(ipc, field, Modifier.PRIVATE, Modifier.FINAL);
  }

  /** {@code target.name([event, ]converted args...)}: how a registered listener calls the user's code. */
  static CodeBlock call(String target, Method m, boolean withEvent, ConverterGenerator converters) {
    List<CodeBlock> arguments = new ArrayList<>();
    if (withEvent) {
      arguments.add(CodeBlock.of("event"));
    }
    for (int i = 0; i < m.params().size(); i++) {
      Param p = m.params().get(i);
      arguments.add(converters.convert(p.type(), ConverterGenerator.arg("args", i),
          "argument '" + p.name() + "' of " + m.channel()));
    }
    if (arguments.isEmpty() || (withEvent && arguments.size() == 1)) {
      return CodeBlock.of("$L.$N($L)", target, m.name(), CodeBlock.join(arguments, ", "));
    }
    return CodeBlock.of("$L.$N(\n$>$>$L$<$<)", target, m.name(), CodeBlock.join(arguments, ",\n"));
  }

  /** Adds the registrations, closing those made so far if one fails, and returns them as one. */
  static void addRegistrations(MethodSpec.Builder method, List<CodeBlock> registrations) {
    method.addStatement("$T[] added = new $T[$L]", REGISTRATION, REGISTRATION, registrations.size());
    if (registrations.isEmpty()) {
      method.addStatement("return $T.registration(added)", CALLS);
      return;
    }
    method.beginControlFlow("try");
    for (int i = 0; i < registrations.size(); i++) {
      method.addCode("added[$L] = $L;\n", i, registrations.get(i));
    }
    method.nextControlFlow("catch ($T | $T e)", RuntimeException.class, Error.class);
    method.addStatement("$T.closeAll(added)", CALLS);
    method.addStatement("throw e");
    method.endControlFlow();
    method.addStatement("return $T.registration(added)", CALLS);
  }

  /** An {@code @Override} of the interface method, parameters and throws as declared. */
  static MethodSpec.Builder override(Method m) {
    MethodSpec.Builder method = MethodSpec.methodBuilder(m.name())
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(declaredReturn(m))
        .varargs(m.varargs());
    for (Param p : m.params()) {
      method.addParameter(ParameterSpec.builder(p.type().typeName(), p.name()).build());
    }
    for (Thrown t : m.thrown()) {
      method.addException(t.type());
    }
    return method;
  }

  static TypeName declaredReturn(Method m) {
    TypeName result = m.returnType().typeName();
    if (m.isStream()) {
      return ParameterizedTypeName.get(PUBLISHER, result.box());
    }
    return m.future() == null ? result : ParameterizedTypeName.get(m.future(), result.box());
  }

  /** {@code , a, b} — each argument in its untyped form, as sent. */
  static CodeBlock outboundArgs(Method m) {
    CodeBlock.Builder args = CodeBlock.builder();
    for (Param p : m.params()) {
      args.add(", $L", ConverterGenerator.untyped(p.type(), CodeBlock.of("$N", p.name())));
    }
    return args.build();
  }
}
