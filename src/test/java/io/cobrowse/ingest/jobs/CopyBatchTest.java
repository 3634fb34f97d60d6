package io.cobrowse.ingest.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which visitors a replay step finishes, and where it leaves off, from the rows it read. */
class CopyBatchTest {

    private static final List<String> KEYS = List.of("a", "b", "c");

    @Test
    void rowsThatAllFitFinishEveryKeyEvenThoseWithoutRows() {
        CopyBatch batch = CopyBatch.of(KEYS, List.of(row(1, "a"), row(2, "a"), row(3, "c")), 5);

        assertThat(ids(batch)).containsExactly(1L, 2L, 3L);
        assertThat(batch.complete()).containsExactly("a", "b", "c");
        assertThat(batch.partialKey()).isNull();
    }

    @Test
    void aKeyCutByTheRowLimitIsLeftPartialAfterItsLastRowTaken() {
        CopyBatch batch = CopyBatch.of(KEYS, List.of(row(1, "a"), row(2, "b"), row(3, "b")), 2);

        assertThat(ids(batch)).containsExactly(1L, 2L);
        assertThat(batch.complete()).containsExactly("a");
        assertThat(batch.partialKey()).isEqualTo("b");
        assertThat(batch.afterId()).isEqualTo(2);
    }

    @Test
    void aCutBetweenTwoKeysFinishesTheFirstAndLeavesTheRestUnreached() {
        CopyBatch batch = CopyBatch.of(KEYS, List.of(row(1, "a"), row(2, "a"), row(3, "b")), 2);

        assertThat(ids(batch)).containsExactly(1L, 2L);
        assertThat(batch.complete()).containsExactly("a");
        assertThat(batch.partialKey()).isNull();
    }

    @Test
    void theByteBudgetCutsLikeTheRowLimitButAlwaysTakesTheFirstRow() {
        CopyBatch batch = CopyBatch.of(KEYS, List.of(row(1, "a"), row(2, "a", false)), 10);

        assertThat(ids(batch)).containsExactly(1L);
        assertThat(batch.complete()).isEmpty();
        assertThat(batch.partialKey()).isEqualTo("a");
        assertThat(batch.afterId()).isEqualTo(1);
    }

    @Test
    void noRowsLeftFinishesEveryKey() {
        CopyBatch batch = CopyBatch.of(KEYS, List.of(), 10);

        assertThat(batch.taken()).isEmpty();
        assertThat(batch.complete()).containsExactly("a", "b", "c");
    }

    private static List<Long> ids(CopyBatch batch) {
        return batch.taken().stream().map(ReplayRecord::id).toList();
    }

    private static ReplayRecord row(long id, String visitor) {
        return row(id, visitor, true);
    }

    private static ReplayRecord row(long id, String visitor, boolean fits) {
        return new ReplayRecord(
                id,
                "w" + id,
                "t",
                visitor,
                "cobrowse.visitor.updated",
                visitor,
                Instant.EPOCH,
                visitor,
                "{}",
                fits,
                null);
    }
}
