package org.kindling.nn;

import org.kindling.Parameter;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds {@code Module} and {@code Parameter} fields that were assigned but never registered, which
 * would otherwise train silently wrong (their parameters missing from {@code parameters()}).
 * Runs once per class, on the first instance whose parameters are listed. Loss modules are exempt:
 * they hold no state, and keeping the criterion in a field of the model is common.
 */
final class RegistrationCheck {
    private static final Set<Class<?>> CHECKED = ConcurrentHashMap.newKeySet();

    private RegistrationCheck() {}

    static void verify(Module root) {
        for (Module m : root.modules()) {
            if (CHECKED.contains(m.getClass())) continue;
            check(m);
            CHECKED.add(m.getClass());
        }
    }

    private static void check(Module m) {
        for (Class<?> c = m.getClass(); c != Module.class && c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                // The value's class decides, so a Parameter held in a Tensor-typed field is caught too.
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive() || f.isSynthetic()) continue;
                if (!f.getType().isAssignableFrom(Parameter.class) && !Module.class.isAssignableFrom(f.getType())
                        && !f.getType().isAssignableFrom(Module.class)) {
                    continue;
                }
                Object value;
                try {
                    f.setAccessible(true);
                    value = f.get(m);
                } catch (InaccessibleObjectException | IllegalAccessException e) {
                    return; // a named module that does not open its package to org.kindling: cannot look inside
                }
                boolean isModule = value instanceof Module;
                if (!isModule && !(value instanceof Parameter) || value == m || registered(m, value)) continue;
                if (value instanceof Loss) continue; // stateless by design: nothing to train, save or switch to eval
                String kind = isModule ? "module" : "parameter";
                String call = isModule ? "register(\"" + f.getName() + "\", ...)" : "registerParameter(\"" + f.getName() + "\", ...)";
                throw new IllegalStateException(c.getSimpleName() + "." + f.getName() + " holds a " + kind
                        + " that was never registered, so its parameters would not be trained or saved. Initialize it with "
                        + "this." + f.getName() + " = " + call + " in the field initializer or constructor.");
            }
        }
    }

    /** Whether {@code value} is reachable through registration: a descendant module, or a parameter of one. */
    private static boolean registered(Module m, Object value) {
        for (Module any : m.modules()) {
            if (any == value) return true;
            if (value instanceof Parameter p) {
                for (Parameter q : any.namedParametersUnchecked().values()) if (q == p) return true;
            }
        }
        return false;
    }
}
