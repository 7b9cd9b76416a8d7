package io.ipc4j.bench;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's own arithmetic and formats (the benchmarks themselves never run as tests). */
class ReportTest {
  private static Row row(String scenario, int payload, long p50) {
    return new Row(scenario, payload, p50, p50 * 2, null, Double.NaN);
  }

  @Test
  void eachRowIsComparedWithItsBaselineAtTheSamePayload() {
    List<Row> rows = Report.compare(List.of(row("raw-uds", 64, 20_000), row("raw-uds", 4096, 40_000),
        row("ipc4j-generated", 64, 25_000), row("ipc4j-generated", 4096, 40_000), row("inproc-handoff", 64, 1_000),
        row("inproc-generated", 64, 1_500), row("send-raw-uds", 64, 500), row("send-ipc4j", 64, 1_000),
        row("grpc", 1, 7)));
    assertThat(rows.get(2).ratio()).isWithin(1e-9).of(1.25);
    assertThat(rows.get(2).baseline()).isEqualTo("raw-uds");
    assertThat(rows.get(3).ratio()).isWithin(1e-9).of(1.0);
    assertThat(rows.get(5).ratio()).isWithin(1e-9).of(1.5);
    assertThat(rows.get(5).baseline()).isEqualTo("inproc-handoff");
    assertThat(rows.get(7).ratio()).isWithin(1e-9).of(2.0);
    assertThat(rows.get(8).baseline()).isNull(); // no raw-uds row at that payload
  }

  @Test
  void theMainProcesssCallsAreComparedWithTheSameCallFromTheRenderer() {
    List<Row> rows = Report.compare(List.of(row("raw-uds", 64, 20_000), row("ipc4j-generated", 64, 30_000),
        row("main-ipc4j-generated", 64, 33_000), row("inproc-handoff", 64, 1_000), row("inproc-untyped", 64, 2_000),
        row("inproc-main-untyped", 64, 2_200)));
    assertThat(rows.get(2).baseline()).isEqualTo("ipc4j-generated");
    assertThat(rows.get(2).ratio()).isWithin(1e-9).of(1.1);
    assertThat(rows.get(5).baseline()).isEqualTo("inproc-untyped");
    assertThat(rows.get(5).ratio()).isWithin(1e-9).of(1.1);
  }

  @Test
  void concurrencyRowsAreComparedWithRawSocketsAndShownAsThroughput() {
    List<Row> rows = Report.compare(List.of(row("concurrency-raw-uds", 16384, 50_000),
        row("concurrency-ipc4j-generated", 16384, 100_000), row("raw-uds", 16384, 10_000)));
    assertThat(rows.get(1).baseline()).isEqualTo("concurrency-raw-uds");
    assertThat(rows.get(1).ratio()).isWithin(1e-9).of(2.0);
    assertThat(ConcurrencyBench.callsPerSecond(rows.get(1))).isWithin(1e-6).of(10_000);
    assertThat(ConcurrencyBench.megabytesPerSecond(rows.get(1))).isWithin(1e-6).of(163.84);
    String throughput = Report.throughput(rows);
    assertThat(throughput).contains("concurrency-ipc4j-generated");
    assertThat(throughput).contains("10,000 calls/s");
    assertThat(throughput).contains("163.8 MB/s");
    assertThat(throughput.lines().count()).isEqualTo(2); // the concurrency rows only, not the raw-uds row
  }

  @Test
  void csvHasTheAgreedHeaderAndColumns() {
    String csv = Report.csv(Report.compare(List.of(row("raw-uds", 64, 20_000), row("rmi", 64, 40_000))));
    assertThat(csv).isEqualTo("scenario,payload_bytes,p50_ns,p99_ns,ratio_to_raw\n"
        + "raw-uds,64,20000,40000,1.000\n"
        + "rmi,64,40000,80000,2.000\n");
  }

  @Test
  void tableUsesReadableUnits() {
    assertThat(Report.bytes(3 * 1024 * 1024)).isEqualTo("3 MiB");
    assertThat(Report.bytes(4096)).isEqualTo("4 KiB");
    assertThat(Report.bytes(64)).isEqualTo("64 B");
    assertThat(Report.duration(850)).isEqualTo("850 ns");
    assertThat(Report.duration(1_234)).isEqualTo("1.23 us");
    assertThat(Report.duration(123_456)).isEqualTo("123.5 us");
    assertThat(Report.duration(12_345_678)).isEqualTo("12.3 ms");
  }

  @Test
  void samplesGivePercentiles() {
    Samples s = new Samples();
    for (int i = 1; i <= 100; i++) {
      s.record(i * 1000L);
    }
    assertThat(s.p50()).isWithin(50).of(50_000);
    assertThat(s.p99()).isWithin(100).of(99_000);
    assertThat(s.count()).isEqualTo(100);
  }
}
