package org.kindling.dashboard;

/** What a run folder says about its training, as the page shows it. */
enum RunStatus {
    /** The metrics log grew recently and the run has not written its results yet. */
    RUNNING,
    /** Every configured epoch is logged, and the model and report are written. */
    FINISHED,
    /** Training stopped on its own before the end (the loss diverged): the report says so. */
    FAILED,
    /** No progress for a while and no results: the process was stopped; the run can be resumed. */
    STOPPED,
    /** A file the page needs is missing or cannot be read (a bad config.json, a malformed metrics line). */
    CORRUPT;

    /** The name used in JSON and CSS: lower case. */
    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
