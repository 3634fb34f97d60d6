package io.cobrowse.ingest.outbox;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The relay's log of parked rows: a warning the first time this replica parks a row (after a restart, or under a new
 * leader, once more) and whenever a retry is refused for another reason than the last, debug level each time it is
 * refused again for the same one, and a line when the row goes through.
 */
final class ParkedRowLog {

    /** The relay's category: operators filter on it. */
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /** Rows remembered as warned of, at most; beyond it the memory starts again. */
    private static final int WARNED_MAX = 10_000;

    /** The rows warned of, each with the reason it was last refused for. */
    private final Map<Long, String> warned = new ConcurrentHashMap<>();

    void parked(RoundResult.Parked p) {
        if (warned.size() >= WARNED_MAX) {
            warned.clear();
        }
        String before = warned.put(p.row().id(), p.reason());
        if (before == null) {
            LOG.warnf(
                    "outbox row %d parked: topic %s refused it for good (%s); the later rows of its key wait",
                    p.row().id(), p.row().topic(), p.reason());
        } else if (!Objects.equals(before, p.reason())) {
            LOG.warnf(
                    "parked outbox row %d is now refused for another reason: topic %s refused it (%s; before: %s)",
                    p.row().id(), p.row().topic(), p.reason(), before);
        } else {
            LOG.debugf("parked outbox row %d is still refused (%s)", p.row().id(), p.reason());
        }
    }

    void published(OutboxRow row) {
        warned.remove(row.id());
        LOG.infof("parked outbox row %d is published; the later rows of its key follow", row.id());
    }
}
