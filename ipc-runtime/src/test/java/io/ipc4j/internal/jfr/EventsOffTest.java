package io.ipc4j.internal.jfr;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** While no recording wants the events, gathering them costs a check: no event, and no allocation. */
class EventsOffTest {
  private static long allocatedByThisThread() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  @Test
  void withoutARecordingNoEventIsMadeAndNothingIsAllocated() {
    assertThat(IpcCallEvent.begin("invoke", Outcomes.TO_MAIN, "ch", 1, 1, 10)).isNull();
    assertThat(IpcMessageEvent.begin(Outcomes.TO_MAIN, "ch", 1, 1, 10)).isNull();
    IpcMessageEvent.sent("ch", 1, 1, 10); // loads and links what the loop below runs
    long before = allocatedByThisThread();
    int made = 0;
    for (int i = 0; i < 100_000; i++) {
      made += IpcCallEvent.begin("invoke", Outcomes.TO_RENDERER, "ch", 1, 1, i) == null ? 0 : 1;
      made += IpcMessageEvent.begin(Outcomes.TO_MAIN, "ch", 1, 1, i) == null ? 0 : 1;
      IpcMessageEvent.sent("ch", 1, 1, i);
    }
    long allocated = allocatedByThisThread() - before;
    assertThat(made).isEqualTo(0);
    // One object an event would be 4.8 MB; what the JVM itself allocates meanwhile (a compilation, the bean) is not.
    assertWithMessage("bytes allocated by 300,000 events while none is recorded").that(allocated)
        .isLessThan(64 * 1024L);
  }
}
