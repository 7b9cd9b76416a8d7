package io.ipc4j.example;

import static com.google.common.truth.Truth.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** The audit log's publisher: replay then follow, items only as requested, and cancel lets go of the follower. */
class AuditLogTest {
  private final AuditLog log = new AuditLog();

  /** A subscriber that records what it gets and requests only when told. */
  private static class Recorder implements Flow.Subscriber<AuditEntry> {
    final List<Long> ids = new ArrayList<>();
    Flow.Subscription subscription;
    Throwable failure;

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
    }

    @Override
    public void onNext(AuditEntry entry) {
      ids.add(entry.noteId());
    }

    @Override
    public void onError(Throwable t) {
      failure = t;
    }

    @Override
    public void onComplete() {
      throw new AssertionError("the audit log never completes");
    }
  }

  private void add(long noteId) {
    log.add(new AuditEntry("A", "created", noteId, Instant.now()));
  }

  private Recorder follow() {
    Recorder recorder = new Recorder();
    log.follow().subscribe(recorder);
    return recorder;
  }

  @Test
  void aFollowerGetsTheEntriesSoFarThenEachNewOneInOrder() {
    add(1);
    add(2);
    Recorder recorder = follow();
    recorder.subscription.request(Long.MAX_VALUE);
    add(3);
    assertThat(recorder.ids).containsExactly(1L, 2L, 3L).inOrder();
  }

  @Test
  void entriesComeOnlyAsRequested() {
    add(1);
    add(2);
    add(3);
    Recorder recorder = follow();
    assertThat(recorder.ids).isEmpty();
    recorder.subscription.request(1);
    assertThat(recorder.ids).containsExactly(1L);
    recorder.subscription.request(1);
    add(4);
    assertThat(recorder.ids).containsExactly(1L, 2L).inOrder();
    recorder.subscription.request(5);
    assertThat(recorder.ids).containsExactly(1L, 2L, 3L, 4L).inOrder();
    add(5);
    assertThat(recorder.ids).containsExactly(1L, 2L, 3L, 4L, 5L).inOrder();
  }

  @Test
  void eachFollowerHasItsOwnPlace() {
    add(1);
    Recorder fast = follow();
    Recorder slow = follow();
    fast.subscription.request(10);
    add(2);
    slow.subscription.request(1);
    assertThat(fast.ids).containsExactly(1L, 2L).inOrder();
    assertThat(slow.ids).containsExactly(1L);
  }

  @Test
  void theLogIsHandedOutOnlyOnceEveryFollowerHasBeenSentEveryEntry() {
    assertThat(log.handedOut()).isTrue(); // no entries, no followers
    add(1);
    Recorder fast = follow();
    Recorder slow = follow();
    assertThat(log.handedOut()).isFalse();
    fast.subscription.request(10);
    slow.subscription.request(1);
    assertThat(log.handedOut()).isTrue();
    add(2); // the fast follower has asked for it, the slow one not yet
    assertThat(log.handedOut()).isFalse();
    slow.subscription.request(1);
    assertThat(log.handedOut()).isTrue();
    slow.subscription.cancel(); // a follower that stopped is owed nothing
    add(3);
    assertThat(log.handedOut()).isTrue();
  }

  @Test
  void anEntryCountsAsHandedOutOnlyOnceItsFollowerHasIt() {
    add(1);
    List<Boolean> seenWhileHanding = new ArrayList<>();
    log.follow().subscribe(new Recorder() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(1);
      }

      @Override
      public void onNext(AuditEntry entry) {
        seenWhileHanding.add(log.handedOut());
      }
    });
    assertThat(seenWhileHanding).containsExactly(false);
    assertThat(log.handedOut()).isTrue();
  }

  @Test
  void cancelStopsTheEntriesAndLetsGoOfTheFollower() {
    Recorder recorder = follow();
    recorder.subscription.request(10);
    add(1);
    assertThat(log.followers()).isEqualTo(1);
    recorder.subscription.cancel();
    add(2);
    recorder.subscription.request(10);
    assertThat(recorder.ids).containsExactly(1L);
    assertThat(log.followers()).isEqualTo(0);
  }

  @Test
  void aRequestOfNoEntriesFailsTheFollowerAsTheReactiveStreamsRulesSay() {
    add(1);
    Recorder recorder = follow();
    recorder.subscription.request(0);
    assertThat(recorder.failure).isInstanceOf(IllegalArgumentException.class);
    assertThat(recorder.failure).hasMessageThat().contains("n > 0");
    assertThat(recorder.ids).isEmpty();
    assertThat(log.followers()).isEqualTo(0);
  }
}
