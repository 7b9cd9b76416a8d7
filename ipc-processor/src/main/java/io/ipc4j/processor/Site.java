package io.ipc4j.processor;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Where a diagnostic goes: an element, optionally narrowed to one of its annotations and one of that annotation's
 * values. The model carries sites only so that the validator can point at the source; the generator ignores them.
 */
record Site(Element element, AnnotationMirror annotation, AnnotationValue value) {
  static Site of(Element element) {
    return new Site(element, null, null);
  }
}
