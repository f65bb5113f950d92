package io.watchstream.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DueIndexTest {

  final DueIndex index = new DueIndex();

  @Test
  void returnsEachKeyDueByNowOnceAndNotKeysThatMovedLaterOrWereRemoved() {
    index.set("a", 100);
    index.set("b", 100);
    index.set("c", 200);
    index.set("moved", 100);
    index.set("moved", 300);
    index.set("gone", 100);
    index.remove("gone");
    index.set("back", 100);
    index.set("back", 300);
    index.set("back", 100);
    index.set("never", Long.MAX_VALUE);
    assertThat(index.dueAt(50)).isEmpty();
    assertThat(index.dueAt(150)).containsExactlyInAnyOrder("a", "b", "back");
  }

  @Test
  void aDueKeyStaysFindableUntilItIsSetAgain() {
    index.set("a", 100);
    assertThat(index.dueAt(100)).containsExactly("a");
    assertThat(index.dueAt(120)).as("not set since: still due").containsExactly("a");
    index.set("a", 160);
    assertThat(index.dueAt(150)).isEmpty();
    assertThat(index.dueAt(160)).containsExactly("a");
  }

  @Test
  void aFullScanIsNeededAfterClearAndWhenTheRulesChange() {
    assertThat(index.needsFullScan(1)).isTrue();
    index.fullScanDone(1);
    assertThat(index.needsFullScan(1)).isFalse();
    assertThat(index.needsFullScan(2)).isTrue();
    index.set("a", 1);
    index.clear();
    assertThat(index.needsFullScan(1)).isTrue();
    assertThat(index.dueAt(10)).isEmpty();
  }
}
