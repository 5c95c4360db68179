package org.kindling.examples;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The custom-function tutorial ends where PyTorch's own run ends. */
class PolynomialCustomFunctionTest {
    /*
     * PyTorch 1.13.1, polynomial_custom_function.py as published (float32, 2000 steps, lr 5e-6):
     * loss at t = 1999: 8.94364070892334;
     * Result: y = -6.2158362901243436e-09 + -2.208526849746704 * P3(1.303918195638687e-09 + 0.2554861009120941 x)
     */
    @Test
    void fitsTheSameCoefficientsAsPyTorch() {
        PolynomialCustomFunction.Result r = PolynomialCustomFunction.run();
        assertEquals(8.94364070892334, r.loss(), 8.94364070892334 * 1e-3);
        assertEquals(-2.208526849746704, r.b(), 1e-3);
        assertEquals(0.2554861009120941, r.d(), 1e-4);
        assertEquals(0.0, r.a(), 1e-6);
        assertEquals(0.0, r.c(), 1e-6);
    }
}
