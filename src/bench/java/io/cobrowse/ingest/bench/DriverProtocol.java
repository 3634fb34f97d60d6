package io.cobrowse.ingest.bench;

/** The lines a driver process prints for the benchmark; anything else it prints is its log. */
final class DriverProtocol {

    static final String WINDOW_START = "@window-start";
    static final String WINDOW_END = "@window-end";
    static final String RESULT = "@result";
    /** The rate of one warm-up slice, per second. */
    static final String WARMUP = "@warmup";

    private DriverProtocol() {}
}
