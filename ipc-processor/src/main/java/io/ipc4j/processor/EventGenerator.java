package io.ipc4j.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.ipc4j.processor.Models.Interface;
import io.ipc4j.processor.Models.Method;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/** Both sides of an {@code @IpcEvents} interface: {@code emitter(target)} for main, {@code subscribe} for renderers. */
record EventGenerator(Interface model, Generation generation) {
  private static final ClassName WEB_CONTENTS = ClassName.get("io.ipc4j", "WebContents");

  MethodSpec emitterFactory() {
    return Snippets.entryPoint("emitter", model.type(), WEB_CONTENTS, "target")
        .addJavadoc("An {@link $T} whose every call sends that event to {@code target}'s main frame.\n\n"
            + "@param target the renderer to send to\n@return the emitter\n", model.type())
        .addStatement("$T.requireNonNull(target, $S)", Snippets.OBJECTS, "target")
        .addCode(generation.codecs().addTo("target"))
        .addStatement("return new Emitter(target)")
        .build();
  }

  TypeSpec emitter() {
    TypeSpec.Builder emitter = Snippets.implementation("Emitter", Modifier.PRIVATE, model.type(), WEB_CONTENTS,
            "target")
        .addMethod(MethodSpec.constructorBuilder()
            .addParameter(WEB_CONTENTS, "target")
            .addStatement("this.target = target")
            .build());
    for (Method m : model.methods()) {
      emitter.addMethod(Snippets.override(m)
          .addStatement("this.target.send($T.$N$L)", model.generated(), generation.names().channel(m),
              Snippets.outboundArgs(m))
          .build());
    }
    return emitter.build();
  }

  MethodSpec subscribe() {
    MethodSpec.Builder method = Snippets.entryPoint("subscribe", Snippets.REGISTRATION, Snippets.IPC_RENDERER,
            "renderer")
        .addParameter(model.type(), "listener")
        .addJavadoc("Calls {@code listener} for every event of {@link $T} that reaches {@code renderer}.\n\n"
            + "@param renderer the renderer frame to listen on\n"
            + "@param listener what handles the events\n"
            + "@return a registration whose {@code close()} removes exactly these listeners\n", model.type())
        .addStatement("$T.requireNonNull(renderer, $S)", Snippets.OBJECTS, "renderer")
        .addStatement("$T.requireNonNull(listener, $S)", Snippets.OBJECTS, "listener")
        .addCode(generation.codecs().addTo("renderer"));
    List<CodeBlock> registrations = new ArrayList<>();
    for (Method m : model.methods()) {
      registrations.add(CodeBlock.of("renderer.on($N, (event, args) -> $L)", generation.names().channel(m),
          Snippets.call("listener", m, false, generation.converters())));
    }
    Snippets.addRegistrations(method, registrations);
    return method.build();
  }
}
