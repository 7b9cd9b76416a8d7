package io.ipc4j.internal;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime keeps no static mutable state: every static field of every class it compiles to is final and of a
 * kind that cannot change (a primitive, a string, an enum, a record of such, a constant of an immutable JDK type,
 * or an object with no instance fields at all, such as a sentinel or a function that captures nothing). State
 * lives in the objects that own it (a host, a renderer, a pair of ports), so two hosts in one JVM share nothing.
 * A field that is an exception to this is named in {@link #ALLOWED} with the reason it may be.
 */
class NoStaticStateTest {
  /** The static fields that may break the rule ("Class.field"), and why each may. */
  private static final Map<String, String> ALLOWED = Map.ofEntries(
      Map.entry("io.ipc4j.internal.RuntimeEntry.child",
          "the child JVM's one connection to the host that launched it: process-wide by nature, as Electron's "
              + "ipcRenderer module is; set once, under the class's lock"),
      Map.entry("io.ipc4j.internal.PortTable.LOCK",
          "the one monitor shared by hosts, with no state of its own: it orders every port transfer in the "
              + "process, whether the ports belong to a host or to none (see PortTable)"),
      Map.entry("io.ipc4j.internal.Emitter.NONE", "an empty array: it has no element to change"),
      Map.entry("io.ipc4j.internal.StreamProducer.NO_PAYLOAD", "an empty array: it has no element to change"),
      Map.entry("io.ipc4j.internal.socket.Frames.MAGIC",
          "never written: frames copy it out and compare with it"),
      Map.entry("io.ipc4j.internal.socket.ClassDataArchive$Use.NONE", "an empty List.of() and no path"),
      Map.entry("io.ipc4j.internal.socket.Ticket.RANDOM",
          "a thread-safe source of randomness, no state of the runtime's"),
      Map.entry("io.ipc4j.internal.jfr.IpcCallEvent.PROBE", "never committed: it only asks whether it is enabled"),
      Map.entry("io.ipc4j.internal.jfr.IpcMessageEvent.PROBE",
          "never committed: it only asks whether it is enabled"),
      Map.entry("io.ipc4j.internal.jfr.IpcPortMessageEvent.PROBE",
          "never committed: it only asks whether it is enabled"),
      Map.entry("io.ipc4j.internal.jfr.IpcStreamEvent.PROBE",
          "never committed: it only asks whether it is enabled"));

  /** Samples for the check's own test: a function that captures nothing, and a list. */
  private static final Runnable NOTHING = () -> {};
  private static final List<String> SOMETHING = new ArrayList<>();

  /** JDK types whose instances cannot change. */
  private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, System.Logger.class, VarHandle.class,
      MethodHandle.class, Pattern.class, Duration.class, Path.class, Class.class, Integer.class, Long.class,
      Boolean.class);

  @Test
  void everyStaticFieldOfTheRuntimeIsAFinalConstantOfAnImmutableKind() throws Exception {
    List<String> classes = runtimeClasses();
    assertWithMessage("runtime classes found in target/classes").that(classes.size()).isGreaterThan(100);
    Set<String> found = new TreeSet<>();
    for (String name : classes) {
      Class<?> type = Class.forName(name, false, NoStaticStateTest.class.getClassLoader());
      for (Field field : type.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
          continue; // synthetic statics are the compiler's own (enum value arrays, switch maps)
        }
        String key = name + "." + field.getName();
        if (ALLOWED.containsKey(key)) {
          continue;
        }
        if (!Modifier.isFinal(field.getModifiers())) {
          found.add(key + " is not final");
        } else if (!immutable(field.getType(), new ArrayList<>()) && !stateless(field)) {
          found.add(key + " is a " + field.getType().getName() + ", which can change");
        }
      }
    }
    assertWithMessage("static fields that hold mutable state").that(found).isEmpty();
  }

  @Test
  void everyAllowedExceptionStillExists() throws Exception {
    for (String key : ALLOWED.keySet()) {
      int dot = key.lastIndexOf('.');
      Class<?> type = Class.forName(key.substring(0, dot), false, NoStaticStateTest.class.getClassLoader());
      Field field = type.getDeclaredField(key.substring(dot + 1)); // throws if it went: drop it from the list
      assertWithMessage(key + " is static").that(Modifier.isStatic(field.getModifiers())).isTrue();
    }
  }

  @Test
  void theCheckSeesMutableKinds() {
    assertWithMessage("a list").that(immutable(List.class, new ArrayList<>())).isFalse();
    assertWithMessage("an array").that(immutable(int[].class, new ArrayList<>())).isFalse();
    assertWithMessage("an Object").that(immutable(Object.class, new ArrayList<>())).isFalse();
    assertWithMessage("a record of a list").that(immutable(Holder.class, new ArrayList<>())).isFalse();
    assertWithMessage("a record of strings").that(immutable(Name.class, new ArrayList<>())).isTrue();
  }

  @Test
  void anObjectWithoutFieldsCountsAsStatelessAndOneWithFieldsDoesNot() throws Exception {
    assertWithMessage("a lambda that captures nothing").that(stateless(getClass().getDeclaredField("NOTHING")))
        .isTrue();
    assertWithMessage("a list").that(stateless(getClass().getDeclaredField("SOMETHING"))).isFalse();
  }

  private record Holder(List<String> items) {}

  private record Name(String first, String last, int age) {}

  /** Whether a static final field holds an object whose class, and each superclass, declares no instance field. */
  private static boolean stateless(Field field) throws IllegalAccessException {
    field.setAccessible(true); // a test may look: the runtime itself never does
    Object value = field.get(null);
    if (value == null) {
      return true;
    }
    for (Class<?> c = value.getClass(); c != null; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers())) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean immutable(Class<?> type, List<Class<?>> seen) {
    if (type.isPrimitive() || type.isEnum() || IMMUTABLE.contains(type)) {
      return true;
    }
    if (!type.isRecord() || seen.contains(type)) {
      return false;
    }
    seen.add(type);
    for (RecordComponent component : type.getRecordComponents()) {
      if (!immutable(component.getType(), seen)) {
        return false;
      }
    }
    return true;
  }

  private static List<String> runtimeClasses() throws IOException {
    Path root = Path.of("target", "classes");
    try (Stream<Path> files = Files.walk(root)) {
      return files.map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(p -> p.endsWith(".class") && !p.endsWith("module-info.class") && !p.endsWith("package-info.class"))
          .map(p -> p.substring(0, p.length() - ".class".length()).replace('/', '.'))
          .sorted()
          .toList();
    }
  }
}
