package io.ipc4j.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * The problems found in one annotated interface, collected before any is printed. A problem whose element has no
 * source in this build (a method inherited from a compiled super-interface) is printed on the interface's own
 * annotation instead, naming the method and where it comes from, so that it still has a position.
 */
final class Report {
  private final Site subject;
  private final List<Problem> problems = new ArrayList<>();

  /** A report on the interface at {@code subject} (its element and ipc4j annotation). */
  Report(Site subject) {
    this.subject = subject;
  }

  void add(Message message, Site site, Object... args) {
    problems.add(Problem.of(message, site, args));
  }

  boolean hasErrors() {
    return problems.stream().anyMatch(Problem::isError);
  }

  /** Prints every problem; {@code inThisBuild} tells whether an element's source is being compiled. */
  void printTo(Messager messager, Predicate<Element> inThisBuild) {
    for (Problem p : problems) {
      Site site = p.site();
      if (inThisBuild.test(site.element())) {
        print(messager, p.message(), p.text(), site);
      } else {
        Element member = site.element().getKind() == ElementKind.PARAMETER
            ? site.element().getEnclosingElement() : site.element();
        print(messager, p.message(), Message.Detail.FROM_COMPILED_TYPE.format(p.text(), subject.element(), member,
            origin(member)), subject);
      }
    }
  }

  private static String origin(Element member) {
    Element owner = member.getEnclosingElement();
    return owner instanceof TypeElement type ? type.getQualifiedName().toString() : String.valueOf(owner);
  }

  private static void print(Messager messager, Message message, String text, Site site) {
    if (site.annotation() != null && site.value() != null) {
      messager.printMessage(message.kind(), text, site.element(), site.annotation(), site.value());
    } else if (site.annotation() != null) {
      messager.printMessage(message.kind(), text, site.element(), site.annotation());
    } else {
      messager.printMessage(message.kind(), text, site.element());
    }
  }
}
