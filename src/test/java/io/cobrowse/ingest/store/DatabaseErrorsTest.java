package io.cobrowse.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.TimeoutException;
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
    void aConstraintViolationIsNot() {
        assertThat(DatabaseErrors.isUnavailable(new SQLException("duplicate key", "23505")))
                .isFalse();
    }
}
