package io.cobrowse.ingest.bench;

import java.util.Locale;

/**
 * One performance target as one run measured it.
 *
 * @param what the target, in words; runs are compared by it
 * @param atMost whether the goal is an upper bound (else a lower one)
 */
record Target(String what, double measured, double goal, boolean atMost) {

    boolean met() {
        return atMost ? measured <= goal : measured >= goal;
    }

    /** Measured against the goal, as the tables show it. */
    String ofGoal() {
        return String.format(Locale.ROOT, "%.2f", measured / goal);
    }

    String verdict() {
        return met() ? "met" : "NOT met";
    }

    String bound() {
        return (atMost ? "<= " : ">= ") + number(goal);
    }

    static String number(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v);
    }
}
