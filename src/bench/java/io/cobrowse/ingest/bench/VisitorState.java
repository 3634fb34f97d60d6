package io.cobrowse.ingest.bench;

import java.time.Instant;
import java.util.List;

/**
 * What the traffic generator remembers of one visitor. Only the sender holding the visitor (see
 * {@link EventMix}) touches it, so a visitor never has two events in flight: the service would
 * otherwise rightly treat the older one as stale and publish nothing for it.
 */
final class VisitorState {

    /** Where the visitor is in a visit. */
    enum Phase {
        ARRIVING,
        BROWSING,
        IN_SESSION,
        LEAVING,
        LEFT
    }

    final String id;
    final int index;
    long lastMillis;
    String openSession;
    Instant sessionStartedAt;
    List<Integer> sessionAgents;
    int sessions;
    Phase phase = Phase.ARRIVING;

    VisitorState(String id, int index) {
        this.id = id;
        this.index = index;
    }

    /** A timestamp later than every earlier event of this visitor. */
    Instant nextTimestamp() {
        lastMillis = Math.max(System.currentTimeMillis(), lastMillis + 1);
        return Instant.ofEpochMilli(lastMillis);
    }
}
