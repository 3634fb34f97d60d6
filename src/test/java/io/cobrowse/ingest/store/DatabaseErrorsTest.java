package io.cobrowse.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;

/** Which failures mean "the database is away" (503, the sender retries) rather than an error (500). */
class DatabaseErrorsTest {

    @Test
    void anExhaustedPoolIsTheDatabaseBeingAway() {
        // what Agroal throws when every connection hangs, as in a network partition
        SQLException exhausted =
                new SQLException("Acquisition timeout while waiting for new connection", new TimeoutException());
        assertThat(DatabaseErrors.isUnavailable(new RuntimeException(exhausted)))
                .isTrue();
        assertThat(DatabaseErrors.isUnavailable(new SQLException("Sorry, acquisition timeout!")))
                .isTrue();
    }

    @Test
    void aCommitWhoseAnswerNeverCameIsTheDatabaseBeingAway() {
        // Narayana reports a failed commit as a RollbackException, with the driver's error suppressed in it
        XAException commitFailed = new XAException(XAException.XAER_RMERR);
        commitFailed.initCause(new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        RollbackException rolledBack = new RollbackException("could not commit");
        rolledBack.addSuppressed(commitFailed);
        assertThat(DatabaseErrors.isUnavailable(new IllegalStateException(rolledBack)))
                .isTrue();
    }

    @Test
    void aConstraintViolationIsNot() {
        assertThat(DatabaseErrors.isUnavailable(new SQLException("duplicate key", "23505")))
                .isFalse();
        assertThat(DatabaseErrors.isUnavailable(new RollbackException("marked for rollback")))
                .isFalse();
    }
}
