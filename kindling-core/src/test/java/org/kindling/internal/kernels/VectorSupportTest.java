package org.kindling.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VectorSupportTest {
    @Test
    void decisionFollowsModuleAndProperty() {
        assertTrue(VectorSupport.enabled(true, null));
        assertTrue(VectorSupport.enabled(true, "true"));
        assertTrue(VectorSupport.enabled(true, ""));
        assertFalse(VectorSupport.enabled(true, "false"));
        assertFalse(VectorSupport.enabled(true, " FALSE "));
        assertFalse(VectorSupport.enabled(false, null));
        assertFalse(VectorSupport.enabled(false, "true"));
    }

    @Test
    void thisJvmHasTheModuleSoTheVectorPathIsOn() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        boolean wanted = VectorSupport.enabled(module, System.getProperty("kindling.vector"));
        assertEquals(wanted, VectorSupport.AVAILABLE);
        if (VectorSupport.AVAILABLE) {
            assertTrue(VectorSupport.BITS == 256 || VectorSupport.BITS == 512, "bits " + VectorSupport.BITS);
        } else {
            assertEquals(0, VectorSupport.BITS);
        }
    }
}
