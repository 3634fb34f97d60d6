package io.cobrowse.ingest.jobs;

import java.util.ArrayList;
import java.util.List;

/**
 * What one replay step copies of the rows it read for its keys (in the keys' order, then each key's id
 * order): as many as the step takes, and which keys that finishes. A key whose rows go on past the last one
 * taken is left partial, to be continued by the next step; the keys after it are not reached.
 *
 * @param taken the rows to copy, in order
 * @param complete the keys finished by this step, in order (also those that had no row left)
 * @param partialKey the key to continue, or null
 * @param afterId the last row copied of the partial key
 */
record CopyBatch(List<ReplayRecord> taken, List<String> complete, String partialKey, long afterId) {

    /**
     * @param keys the step's keys, in lock order
     * @param read the rows read for them: at most one more than {@code max}; those past the byte budget are
     *     marked not taken (the first row always is)
     */
    static CopyBatch of(List<String> keys, List<ReplayRecord> read, int max) {
        List<ReplayRecord> taken = new ArrayList<>();
        ReplayRecord next = null;
        for (ReplayRecord r : read) {
            if (taken.size() < max && r.taken()) {
                taken.add(r);
            } else {
                next = r;
                break;
            }
        }
        if (next == null) {
            return new CopyBatch(taken, keys, null, 0);
        }
        if (taken.isEmpty()) {
            throw new IllegalStateException("a replay step took no row");
        }
        ReplayRecord last = taken.get(taken.size() - 1);
        int lastKey = keys.indexOf(last.visitorKey());
        if (last.visitorKey().equals(next.visitorKey())) {
            return new CopyBatch(taken, List.copyOf(keys.subList(0, lastKey)), last.visitorKey(), last.id());
        }
        return new CopyBatch(taken, List.copyOf(keys.subList(0, lastKey + 1)), null, 0);
    }
}
