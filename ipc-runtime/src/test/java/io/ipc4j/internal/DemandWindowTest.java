package io.ipc4j.internal;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/** The producer is asked for a subscriber's demand at most {@value DemandWindow#WINDOW} items at a time. */
class DemandWindowTest {
  private static final int WINDOW = DemandWindow.WINDOW;

  @Test
  void smallRequestsPassThroughAsTheyAre() {
    DemandWindow w = new DemandWindow();
    assertThat(w.requested(3)).isEqualTo(3);
    assertThat(w.requested(2)).isEqualTo(2);
    for (int i = 0; i < 5; i++) {
      assertThat(w.delivered()).isEqualTo(0); // nothing more was wanted
    }
    assertThat(w.requested(1)).isEqualTo(1);
  }

  @Test
  void everythingIsAskedForAWindowAtATimeAndToppedUpAsItemsAreDelivered() {
    DemandWindow w = new DemandWindow();
    assertThat(w.requested(Long.MAX_VALUE)).isEqualTo(WINDOW);
    long outstanding = WINDOW;
    long asked = WINDOW;
    for (int i = 0; i < 10 * WINDOW; i++) {
      long more = w.delivered();
      outstanding += more - 1;
      asked += more;
      assertThat(outstanding).isAtMost(WINDOW);
      assertThat(outstanding).isAtLeast(WINDOW / 2);
    }
    assertThat(asked).isAtLeast(10L * WINDOW); // it kept flowing
    assertThat(w.requested(Long.MAX_VALUE)).isEqualTo(0); // still unbounded, and no more than a window out
  }

  @Test
  void aLargeFiniteRequestIsAskedForInWindowsAndNoMore() {
    DemandWindow w = new DemandWindow();
    long total = w.requested(1000);
    assertThat(total).isEqualTo(WINDOW);
    for (int i = 0; i < 1000; i++) {
      total += w.delivered();
    }
    assertThat(total).isEqualTo(1000);
    assertThat(w.delivered()).isEqualTo(0);
  }

  @Test
  void demandAddsUpWithoutOverflow() {
    DemandWindow w = new DemandWindow();
    w.requested(Long.MAX_VALUE - 1);
    assertThat(w.requested(Long.MAX_VALUE)).isEqualTo(0); // a window is out; the demand stays unbounded
    assertThat(DemandWindow.addCapped(Long.MAX_VALUE, 5)).isEqualTo(Long.MAX_VALUE);
  }
}
