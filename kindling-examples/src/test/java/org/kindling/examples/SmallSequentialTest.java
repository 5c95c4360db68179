package org.kindling.examples;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The timing program trains (so timing it times real work) and gives the same bits every run. */
class SmallSequentialTest {
    @Test
    void learnsAndRepeatsItself() {
        float first = SmallSequential.run(1);
        float trained = SmallSequential.run(300);
        assertTrue(trained < first / 5, "loss " + first + " after 1 epoch, " + trained + " after 300");
        assertEquals(trained, SmallSequential.run(300), 0f, "same seed, same bits");
    }
}
