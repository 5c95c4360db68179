package org.kindling.examples;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The digits CNN learns: at least 95% of the 360 held-out images right after 5 epochs, in seconds. */
class DigitsCnnTest {
    @Test
    void reachesNinetyFivePercentValidationAccuracy() {
        // Generous bound for a shared 2-core machine; it takes a few seconds.
        List<Double> accuracy = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> DigitsCnn.train(5));
        double last = accuracy.get(accuracy.size() - 1);
        assertTrue(last >= 0.95, "validation accuracy after 5 epochs: " + accuracy);
    }
}
