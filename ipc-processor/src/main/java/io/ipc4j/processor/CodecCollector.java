package io.ipc4j.processor;

import com.palantir.javapoet.ClassName;
import io.ipc4j.processor.Message.Detail;
import io.ipc4j.processor.Models.Param;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;

/**
 * The records and enums one interface's signatures reach, each read once: what the generated class needs a codec
 * for. Sorted by binary name, so that the output does not depend on the order in which they were met.
 */
final class CodecCollector {
  private final Mirrors mirrors;
  private final TypeClassifier classifier;
  private final Map<String, ValueType> seen = new HashMap<>();
  private final Map<String, Models.RecordCodec> records = new TreeMap<>();
  private final Map<String, Models.EnumCodec> enums = new TreeMap<>();

  CodecCollector(Mirrors mirrors, TypeClassifier classifier) {
    this.mirrors = mirrors;
    this.classifier = classifier;
  }

  ValueType enumType(TypeElement element) {
    String binary = mirrors.elements().getBinaryName(element).toString();
    if (!enums.containsKey(binary)) {
      List<String> constants = new ArrayList<>();
      for (Element e : element.getEnclosedElements()) {
        if (e.getKind() == ElementKind.ENUM_CONSTANT) {
          constants.add(e.getSimpleName().toString());
        }
      }
      enums.put(binary, new Models.EnumCodec(ClassName.get(element), binary, List.copyOf(constants)));
    }
    return new ValueType.Coded(ClassName.get(element));
  }

  ValueType recordType(TypeElement element) {
    String binary = mirrors.elements().getBinaryName(element).toString();
    ValueType known = seen.get(binary);
    if (known != null) {
      return known;
    }
    ValueType coded = new ValueType.Coded(ClassName.get(element));
    seen.put(binary, coded);   // a record that contains itself refers to its own codec
    List<Param> components = new ArrayList<>();
    for (RecordComponentElement c : element.getRecordComponents()) {
      ValueType t = classifier.classify(c.asType(), TypeClassifier.Position.COMPONENT);
      if (t instanceof ValueType.Unsupported u) {
        ValueType.Unsupported result = new ValueType.Unsupported(element.getQualifiedName().toString(),
            Detail.COMPONENT.format(c.getSimpleName(), u.display(), u.reason()));
        seen.put(binary, result);
        return result;
      }
      components.add(new Param(c.getSimpleName().toString(), t, Site.of(c)));
    }
    records.put(binary, new Models.RecordCodec(ClassName.get(element), binary, List.copyOf(components)));
    return coded;
  }

  List<Models.RecordCodec> records() {
    return List.copyOf(records.values());
  }

  List<Models.EnumCodec> enums() {
    return List.copyOf(enums.values());
  }
}
