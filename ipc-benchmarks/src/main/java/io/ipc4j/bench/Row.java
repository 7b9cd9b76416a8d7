package io.ipc4j.bench;

/**
 * One line of the results: a scenario at a payload size, its median and 99th percentile in nanoseconds, and its
 * ratio to the baseline row of the same run.
 *
 * @param scenario the scenario name
 * @param payloadBytes the payload size
 * @param p50Nanos the median (for throughput rows: the time per message)
 * @param p99Nanos the 99th percentile (for throughput rows: the same as p50)
 * @param baseline the scenario this row is compared with, or null
 * @param ratio {@code p50 / baseline p50}, or NaN when there is no baseline
 */
public record Row(String scenario, int payloadBytes, long p50Nanos, long p99Nanos, String baseline, double ratio) {
  /** The same row compared with {@code base}. */
  Row against(Row base) {
    return new Row(scenario, payloadBytes, p50Nanos, p99Nanos, base.scenario(),
        base.p50Nanos() == 0 ? Double.NaN : (double) p50Nanos / base.p50Nanos());
  }

  /** The CSV line: {@code scenario,payload_bytes,p50_ns,p99_ns,ratio_to_raw}. */
  String csv() {
    return scenario + "," + payloadBytes + "," + p50Nanos + "," + p99Nanos + ","
        + (Double.isNaN(ratio) ? "" : String.format(java.util.Locale.ROOT, "%.3f", ratio));
  }
}
