package io.ipc4j.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import io.ipc4j.processor.Models.Interface;
import io.ipc4j.processor.Models.Method;
import io.ipc4j.processor.Models.Param;
import java.util.Locale;

/**
 * The names of one generated class's members, allocated once with {@link NameAllocator} so that they never clash:
 * channel constants first (they are public and named after their methods), then {@code CODECS}, the codec classes
 * and constants, and the converter constants. Also the local names of one generated method.
 */
final class Names {
  /** What generated code declares itself besides the members named here. */
  private static final String[] RESERVED_TYPES = {"Handler", "Client", "Emitter"};
  private static final String CODEC_NAMES_FIELD = "NAMES";

  private final NameAllocator fields = new NameAllocator();
  private final NameAllocator types = new NameAllocator();
  private final String codecsField;

  Names(Interface model) {
    for (Method m : model.methods()) {
      fields.newName(m.constant(), m);
    }
    fields.newName(CODEC_NAMES_FIELD);
    for (Method m : model.methods()) {
      for (Param p : m.params()) {
        fields.newName(p.name());   // a parameter in scope would hide a constant of the same name
      }
    }
    codecsField = fields.newName("CODECS");
    types.newName(model.generated().simpleName());
    for (String reserved : RESERVED_TYPES) {
      types.newName(reserved);
    }
    for (Models.RecordCodec r : model.records()) {
      codec(r.type());
    }
    for (Models.EnumCodec e : model.enums()) {
      codec(e.type());
    }
  }

  private void codec(ClassName type) {
    String className = types.newName(String.join("_", type.simpleNames()) + "Codec", type);
    fields.newName(upperSnake(className), className);
  }

  /** The channel constant of {@code m}. */
  String channel(Method m) {
    return fields.get(m);
  }

  /** The public list of the class's codecs. */
  String codecs() {
    return codecsField;
  }

  /** The nested codec class of a record or enum. */
  String codecClass(ClassName type) {
    return types.get(type);
  }

  /** The constant holding the codec of a record or enum. */
  String codecConstant(ClassName type) {
    return fields.get(types.get(type));
  }

  /** A new constant for the converter to {@code type}, named after it: {@code LIST_OF_NOTE}. */
  String converter(ValueType type) {
    return fields.newName(describe(type), type);
  }

  /** The local names of one generated method: its parameters are taken. */
  static NameAllocator locals(Method m) {
    NameAllocator locals = new NameAllocator();
    for (Param p : m.params()) {
      locals.newName(p.name());
    }
    return locals;
  }

  private static String describe(ValueType type) {
    if (type instanceof ValueType.Primitive p) {
      return p.primitive().toUpperCase(Locale.ROOT);
    }
    if (type instanceof ValueType.ListOf l) {
      return "LIST_OF_" + describe(l.element());
    }
    if (type instanceof ValueType.SetOf s) {
      return "SET_OF_" + describe(s.element());
    }
    if (type instanceof ValueType.OptionalOf o) {
      return "OPTIONAL_OF_" + describe(o.element());
    }
    if (type instanceof ValueType.MapOf m) {
      return "MAP_OF_" + describe(m.key()) + "_TO_" + describe(m.value());
    }
    if (type instanceof ValueType.ArrayOf a) {
      return describe(a.element()) + "_ARRAY";
    }
    return describe(type.typeName());
  }

  private static String describe(TypeName name) {
    if (name instanceof ArrayTypeName array) {
      return describe(array.componentType()) + "_ARRAY";
    }
    if (name instanceof ClassName c) {
      return upperSnake(String.join("_", c.simpleNames()));
    }
    return name.toString().toUpperCase(Locale.ROOT);
  }

  static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  /** {@code getAll} → {@code GET_ALL}, {@code loadHTTPPage} → {@code LOAD_HTTP_PAGE}. */
  static String upperSnake(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (i > 0 && Character.isUpperCase(c)) {
        char prev = name.charAt(i - 1);
        boolean nextLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if (Character.isLowerCase(prev) || Character.isDigit(prev) || (Character.isUpperCase(prev) && nextLower)) {
          out.append('_');
        }
      }
      out.append(Character.toUpperCase(c));
    }
    return out.toString();
  }
}
