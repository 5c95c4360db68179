package org.kindling.nn;

import org.junit.jupiter.api.Test;
import org.kindling.Parameter;
import org.kindling.Tensor;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A forgotten {@code register} must not train silently. Each test uses its own module classes,
 * because the check's verdict is cached per class.
 */
class RegistrationCheckTest {

    static final class ForgotModule extends Module {
        final Linear layer1 = register("layer1", new Linear(1, 4));
        final Linear layer2 = new Linear(4, 1);
    }

    @Test
    void unregisteredModuleFieldIsReportedWithTheFix() {
        ForgotModule m = new ForgotModule();
        IllegalStateException e = assertThrows(IllegalStateException.class, m::parameters);
        assertEquals("ForgotModule.layer2 holds a module that was never registered, so its parameters would not be "
                + "trained or saved. Initialize it with this.layer2 = register(\"layer2\", ...) in the field initializer "
                + "or constructor.", e.getMessage());
    }

    static final class ForgotParameter extends Module {
        final Parameter scale = new Parameter(Tensor.ones(3));
    }

    @Test
    void unregisteredParameterFieldIsReportedWithTheFix() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ForgotParameter().namedParameters());
        assertEquals("ForgotParameter.scale holds a parameter that was never registered, so its parameters would not be "
                + "trained or saved. Initialize it with this.scale = registerParameter(\"scale\", ...) in the field "
                + "initializer or constructor.", e.getMessage());
    }

    /** The declared type does not hide it: a Parameter held in a Tensor field is a parameter. */
    static final class ParameterInTensorField extends Module {
        final Tensor offset = new Parameter(Tensor.zeros(2));
    }

    @Test
    void parameterInATensorFieldIsFound() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ParameterInTensorField().parameters());
        assertEquals("ParameterInTensorField.offset holds a parameter that was never registered, so its parameters would "
                + "not be trained or saved. Initialize it with this.offset = registerParameter(\"offset\", ...) in the "
                + "field initializer or constructor.", e.getMessage());
    }

    static final class ForgotInChild extends Module {
        final Linear inner = new Linear(2, 2);
    }

    static final class OwnerOfForgetful extends Module {
        final ForgotInChild child = register("child", new ForgotInChild());
    }

    /** The check covers descendants, and the state-dict paths run it as well as parameters(). */
    @Test
    void descendantsAreCheckedOnEveryPath() {
        OwnerOfForgetful m = new OwnerOfForgetful();
        String message = assertThrows(IllegalStateException.class, m::parameters).getMessage();
        assertEquals("ForgotInChild.inner holds a module", message.substring(0, message.indexOf(" that")));
        assertThrows(IllegalStateException.class, m::stateDict);
        assertThrows(IllegalStateException.class, () -> m.loadStateDict(Map.of(), false));
    }

    static final class FailsEveryTime extends Module {
        final Linear forgotten = new Linear(1, 1);
    }

    @Test
    void aFailingClassIsReportedForEveryInstanceAndEveryCall() {
        FailsEveryTime a = new FailsEveryTime();
        assertThrows(IllegalStateException.class, a::parameters);
        assertThrows(IllegalStateException.class, a::parameters); // not cached as passing
        assertThrows(IllegalStateException.class, () -> new FailsEveryTime().parameters());
    }

    /** Null in the first instance, unregistered in the second. */
    static final class CheckedOnce extends Module {
        final Linear maybe;

        CheckedOnce(boolean withLayer) {
            maybe = withLayer ? new Linear(1, 1) : null;
        }
    }

    @Test
    void aPassingClassIsCheckedOnlyOnce() {
        assertEquals(List.of(), new CheckedOnce(false).parameters());
        // The verdict is per class, so the second instance is not inspected (the cost of checking once).
        assertEquals(List.of(), assertDoesNotThrow(() -> new CheckedOnce(true).parameters()));
    }

    static final class AliasesDescendants extends Module {
        final Sequential body = register("body", new Sequential(new Linear(2, 3), new ReLU(), new Linear(3, 1)));
        final Linear head = (Linear) body.get(2); // registered through body
        final Parameter headWeight = head.weight(); // registered in a descendant
        final Module self = this;
    }

    @Test
    void aliasesOfRegisteredModulesAndParametersAreAccepted() {
        AliasesDescendants m = new AliasesDescendants();
        assertEquals(List.of("body.0.weight", "body.0.bias", "body.2.weight", "body.2.bias"),
                List.copyOf(m.namedParameters().keySet()));
    }

    static final class NothingToRegister extends Module {
        final int width = 3;
        final Tensor constant = Tensor.ones(2); // a plain tensor is neither module nor parameter
        final Linear unused = null;
        final String name = "x";
        static final Linear SHARED = new Linear(1, 1); // static fields are not instance state
    }

    @Test
    void otherFieldsAreIgnored() {
        assertEquals(List.of(), new NothingToRegister().parameters());
    }

    /** A model that keeps its criterion in a field, as many PyTorch ports do. */
    static final class KeepsItsLoss extends Module {
        private final Linear layer = register("layer", new Linear(2, 1));
        private final MSELoss criterion = new MSELoss();

        Tensor loss(Tensor x, Tensor y) {
            return criterion.forward(layer.forward(x), y);
        }
    }

    @Test
    void anUnregisteredLossFieldIsFineBecauseLossesHoldNoState() {
        assertEquals(List.of("layer.weight", "layer.bias"), List.copyOf(new KeepsItsLoss().namedParameters().keySet()));
    }
}
