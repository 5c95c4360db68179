package org.kindling.nn;

import org.kindling.DType;
import org.kindling.Generator;
import org.kindling.Parameter;
import org.kindling.Tensor;
import org.kindling.nn.init.Init;

/**
 * What {@link Conv1d} and {@link Conv2d} share, like PyTorch's {@code _ConvNd}: the parameters
 * (weight [out, in/groups, k...], bias [out]), their initialization, argument checks and the repr.
 */
abstract sealed class ConvNd extends Module permits Conv1d, Conv2d {
    final int inChannels, outChannels, groups;
    final int[] kernelSize, stride, padding, dilation;
    /** "same" or "valid" when padding was given as a string (then {@code padding} holds zeros), else null. */
    final String paddingString;
    final Parameter weight, bias;

    ConvNd(int inChannels, int outChannels, int[] kernelSize, int[] stride, int[] padding, String paddingString, int[] dilation,
           int groups, boolean bias, DType dtype, Generator generator) {
        String name = getClass().getSimpleName();
        if (inChannels < 0 || outChannels < 0) {
            throw new IllegalArgumentException(name + ": in_channels and out_channels must be non-negative, got "
                    + inChannels + " and " + outChannels);
        }
        if (groups <= 0) throw new IllegalArgumentException("groups must be a positive integer");
        if (inChannels % groups != 0) throw new IllegalArgumentException("in_channels must be divisible by groups");
        if (outChannels % groups != 0) throw new IllegalArgumentException("out_channels must be divisible by groups");
        if (paddingString != null) {
            if (!paddingString.equals("same") && !paddingString.equals("valid")) {
                throw new IllegalArgumentException("Invalid padding string '" + paddingString + "', should be one of {'valid', 'same'}");
            }
            if (paddingString.equals("same") && !SizeRepr.all(stride, 1)) {
                throw new IllegalArgumentException("padding='same' is not supported for strided convolutions");
            }
        }
        for (int k : kernelSize) {
            if (k <= 0) throw new IllegalArgumentException(name + ": kernel_size must be positive, got " + SizeRepr.tuple(kernelSize));
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.groups = groups;
        this.kernelSize = kernelSize.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.paddingString = paddingString;
        this.dilation = dilation.clone();
        int[] shape = new int[2 + kernelSize.length];
        shape[0] = outChannels;
        shape[1] = inChannels / groups;
        System.arraycopy(kernelSize, 0, shape, 2, kernelSize.length);
        this.weight = registerParameter("weight", new Parameter(Tensor.zeros(dtype, shape)));
        this.bias = registerParameter("bias", bias ? new Parameter(Tensor.zeros(dtype, outChannels)) : null);
        resetParameters(generator);
    }

    /**
     * PyTorch's {@code reset_parameters}: weight ~ kaiming_uniform(a=√5), i.e. U(±1/√fan_in) with
     * fan_in = in/groups · prod(kernel), then bias ~ U(±1/√fan_in) (left alone when fan_in is 0).
     */
    public void resetParameters(Generator generator) {
        Init.kaimingUniform(weight, Math.sqrt(5), Init.FanMode.FAN_IN, "leaky_relu", generator);
        int fanIn = Init.fans(weight)[0];
        if (bias != null && fanIn != 0) {
            double bound = 1 / Math.sqrt(fanIn);
            Init.uniform(bias, -bound, bound, generator);
        }
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null when constructed without one. */
    public Parameter bias() {
        return bias;
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    public int groups() {
        return groups;
    }

    public int[] kernelSize() {
        return kernelSize.clone();
    }

    /** PyTorch's {@code Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))}, listing only non-default extras. */
    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder().append(inChannels).append(", ").append(outChannels)
                .append(", kernel_size=").append(SizeRepr.tuple(kernelSize)).append(", stride=").append(SizeRepr.tuple(stride));
        if (paddingString != null) s.append(", padding=").append(paddingString);
        else if (!SizeRepr.all(padding, 0)) s.append(", padding=").append(SizeRepr.tuple(padding));
        if (!SizeRepr.all(dilation, 1)) s.append(", dilation=").append(SizeRepr.tuple(dilation));
        if (groups != 1) s.append(", groups=").append(groups);
        if (bias == null) s.append(", bias=False");
        return s.toString();
    }
}
