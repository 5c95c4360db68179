package org.kindling.internal.kernels;

/** The broadcasting binary arithmetic of {@link Binary}, with the name PyTorch gives each op. */
public enum BinaryOp {
    ADD("add"), SUB("sub"), MUL("mul"), DIV("div"), MAX("maximum"), MIN("minimum");

    /** PyTorch's name, for error messages. */
    public final String pytorchName;

    BinaryOp(String pytorchName) {
        this.pytorchName = pytorchName;
    }
}
