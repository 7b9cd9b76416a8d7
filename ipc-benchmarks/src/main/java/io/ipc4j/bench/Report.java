package io.ipc4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Compares each row with its baseline from the same run, and renders the table and the CSV. */
final class Report {
  static final String CSV_HEADER = "scenario,payload_bytes,p50_ns,p99_ns,ratio_to_raw";

  private Report() {}

  /**
   * Each row's baseline: cross-process round trips against {@code raw-uds} at the same payload, one-way rows
   * against {@code send-raw-uds}, in-process rows against {@code inproc-handoff} (the best bare hand-off), cold
   * start against {@code coldstart-jvm}, the concurrency scenario against {@code concurrency-raw-uds}, streams against
   * {@code stream-raw-uds}, port round trips against {@code port-ipc4j-untyped} (renderer to main invoke); the main
   * process's calls into a renderer ({@code main-…}, {@code inproc-main-…}) against the same call made the other
   * way, renderer to main process.
   */
  static String baselineOf(String scenario) {
    if (scenario.startsWith("inproc-main-")) {
      return "inproc-" + scenario.substring("inproc-main-".length());
    }
    if (scenario.startsWith("main-")) {
      return scenario.substring("main-".length());
    }
    if (scenario.startsWith("inproc-")) {
      return "inproc-handoff";
    }
    if (scenario.startsWith("send-")) {
      return "send-raw-uds";
    }
    if (scenario.startsWith("concurrency-")) {
      return "concurrency-raw-uds";
    }
    if (scenario.startsWith("stream-")) {
      return StreamBench.RAW;
    }
    if (scenario.startsWith("port-")) {
      return PortBench.INVOKE;
    }
    if (scenario.startsWith("coldstart-")) {
      return "coldstart-jvm";
    }
    return "raw-uds";
  }

  static List<Row> compare(List<Row> rows) {
    Map<String, Row> byKey = rows.stream()
        .collect(Collectors.toMap(r -> r.scenario() + "@" + r.payloadBytes(), Function.identity(), (a, b) -> a));
    List<Row> compared = new ArrayList<>();
    for (Row row : rows) {
      Row base = byKey.get(baselineOf(row.scenario()) + "@" + row.payloadBytes());
      compared.add(base == null ? row : row.against(base));
    }
    return compared;
  }

  static String csv(List<Row> rows) {
    StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
    for (Row row : rows) {
      out.append(row.csv()).append('\n');
    }
    return out.toString();
  }

  static String table(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-28s %10s %12s %12s %8s  %s%n", "scenario", "payload", "p50", "p99",
        "ratio", "baseline"));
    for (Row row : rows) {
      out.append(String.format(Locale.ROOT, "%-28s %10s %12s %12s %8s  %s%n", row.scenario(),
          bytes(row.payloadBytes()), duration(row.p50Nanos()), duration(row.p99Nanos()),
          Double.isNaN(row.ratio()) ? "" : String.format(Locale.ROOT, "%.2fx", row.ratio()),
          row.baseline() == null ? "" : row.baseline()));
    }
    return out.toString();
  }

  /** The concurrency rows as throughput: calls per second and payload megabytes per second. */
  static String throughput(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    for (Row row : rows) {
      if (row.scenario().startsWith("concurrency-")) {
        out.append(String.format(Locale.ROOT, "%-28s %8s %,12.0f calls/s %10.1f MB/s%n", row.scenario(),
            bytes(row.payloadBytes()), ConcurrencyBench.callsPerSecond(row), ConcurrencyBench.megabytesPerSecond(row)));
      }
    }
    return out.toString();
  }

  static String bytes(int n) {
    if (n == 0) {
      return "-";
    }
    if (n % (1024 * 1024) == 0) {
      return n / (1024 * 1024) + " MiB";
    }
    if (n % 1024 == 0) {
      return n / 1024 + " KiB";
    }
    return n + " B";
  }

  static String duration(long nanos) {
    if (nanos < 1_000) {
      return nanos + " ns";
    }
    if (nanos < 10_000) {
      return String.format(Locale.ROOT, "%.2f us", nanos / 1e3);
    }
    if (nanos < 10_000_000) {
      return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
    }
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }
}
