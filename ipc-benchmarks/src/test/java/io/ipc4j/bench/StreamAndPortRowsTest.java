package io.ipc4j.bench;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the stream and port rows are compared: each group with its own baseline from the same turns. */
class StreamAndPortRowsTest {
  private static Row row(String scenario, long p50) {
    return new Row(scenario, 64, p50, p50 * 2, null, Double.NaN);
  }

  @Test
  void streamRowsAreComparedWithTheRawFramesOfTheirOwnTurnsNotTheOneWayGroup() {
    List<Row> rows = Report.compare(List.of(row("send-raw-uds", 1_000), row(StreamBench.RAW, 4_000),
        row(StreamBench.SEND, 6_000), row(StreamBench.STREAM, 5_000), row(StreamBench.STREAM_INPROC, 400)));
    assertThat(rows.get(2).baseline()).isEqualTo("stream-raw-uds");
    assertThat(rows.get(2).ratio()).isWithin(1e-9).of(1.5);
    assertThat(rows.get(3).baseline()).isEqualTo("stream-raw-uds");
    assertThat(rows.get(3).ratio()).isWithin(1e-9).of(1.25);
    assertThat(rows.get(4).ratio()).isWithin(1e-9).of(0.1);
  }

  @Test
  void portRowsAreComparedWithTheRendererToMainInvokeOfTheirOwnTurnsNotTheCrossProcessGroup() {
    List<Row> rows = Report.compare(List.of(row("raw-uds", 10_000), row("ipc4j-untyped", 12_000),
        row(PortBench.INVOKE, 20_000), row(PortBench.R2R, 50_000), row(PortBench.MAIN, 30_000)));
    assertThat(rows.get(2).baseline()).isEqualTo("port-ipc4j-untyped");
    assertThat(rows.get(3).baseline()).isEqualTo("port-ipc4j-untyped");
    assertThat(rows.get(3).ratio()).isWithin(1e-9).of(2.5);
    assertThat(rows.get(4).ratio()).isWithin(1e-9).of(1.5);
    assertThat(rows.get(1).baseline()).isEqualTo("raw-uds"); // the cross-process row keeps its own
  }
}
