package io.ipc4j.processor;

import javax.tools.Diagnostic.Kind;

/**
 * One problem found in a model.
 *
 * @param message which catalogue entry
 * @param text the full text, code first
 * @param site where it goes
 */
record Problem(Message message, String text, Site site) {
  static Problem of(Message message, Site site, Object... args) {
    return new Problem(message, message.format(args), site);
  }

  boolean isError() {
    return message.kind() == Kind.ERROR;
  }
}
