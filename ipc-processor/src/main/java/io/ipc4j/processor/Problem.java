package io.ipc4j.processor;

/**
 * One diagnostic to report.
 *
 * @param diagnostic what kind
 * @param message the full message, code first
 * @param site where it goes
 */
record Problem(Diagnostic diagnostic, String message, Site site) {
  static Problem of(Diagnostic diagnostic, Site site, Object... args) {
    return new Problem(diagnostic, diagnostic.format(args), site);
  }

  boolean isError() {
    return diagnostic.kind() == javax.tools.Diagnostic.Kind.ERROR;
  }
}
