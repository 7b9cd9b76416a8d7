package io.ipc4j.bench;

import org.HdrHistogram.Histogram;

/** Latency samples in nanoseconds, summarised as percentiles. */
final class Samples {
  private final Histogram histogram = new Histogram(3_600_000_000_000L, 3);

  void record(long nanos) {
    histogram.recordValue(Math.max(1, Math.min(nanos, histogram.getHighestTrackableValue())));
  }

  void recordAll(long[] nanos) {
    for (long n : nanos) {
      record(n);
    }
  }

  long p50() {
    return histogram.getValueAtPercentile(50);
  }

  long p99() {
    return histogram.getValueAtPercentile(99);
  }

  long count() {
    return histogram.getTotalCount();
  }

  Row row(String scenario, int payloadBytes) {
    return new Row(scenario, payloadBytes, p50(), p99(), null, Double.NaN);
  }
}
