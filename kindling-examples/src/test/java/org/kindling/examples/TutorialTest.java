package org.kindling.examples;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tutorial learns, and follows PyTorch's own run of the same program. The reference losses
 * come from PyTorch 1.13.1 running the Python original (torch.manual_seed(42); x = torch.rand(1000,1)*2π-π;
 * y = sin(x) + 0.05·randn; MyModel; MSELoss; SGD lr 0.05; 2000 full-batch epochs).
 */
class TutorialTest {
    @Test
    void lossFallsBelowThreeThousandthsAndTracksPyTorch() {
        List<Float> losses = Tutorial.run(2000, 0.05).losses();
        assertEquals(2000, losses.size());
        assertEquals(0.9492731690406799, losses.get(0), 1e-6, "initial loss (same data and weights as PyTorch)");
        assertEquals(0.012426184490323067, losses.get(200), 1e-3 * 0.0124, "epoch 200");
        assertEquals(0.0036079224664717913, losses.get(1000), 1e-3 * 0.0036, "epoch 1000");
        assertEquals(0.0028674628119915724, losses.get(1999), 1e-3 * 0.0029, "epoch 1999");
        assertTrue(losses.get(1999) < 0.003, "the tutorial's model fits sin(x): final loss " + losses.get(1999));
    }
}
