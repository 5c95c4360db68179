package org.kindling.nn;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A list of registered modules, like {@code torch.nn.ModuleList}: their parameters belong to the
 * owner, and the owner's {@code forward} decides how to use them.
 */
public final class ModuleList extends Module implements Iterable<Module> {
    private final List<Module> items = new ArrayList<>();

    public ModuleList(Module... modules) {
        for (Module m : modules) add(m);
    }

    /** Appends a module (named by its index); returns this. */
    public ModuleList add(Module module) {
        items.add(register(Integer.toString(items.size()), module));
        return this;
    }

    /** The module at {@code index} (negative counts from the end). */
    public Module get(int index) {
        int i = index < 0 ? index + items.size() : index;
        if (i < 0 || i >= items.size()) {
            throw new IndexOutOfBoundsException("index " + index + " is out of range for a ModuleList of " + items.size());
        }
        return items.get(i);
    }

    public int size() {
        return items.size();
    }

    @Override
    public Iterator<Module> iterator() {
        return List.copyOf(items).iterator();
    }
}
