package org.kindling.io;

/**
 * Thrown when a safetensors file is corrupt, truncated, hostile or not a safetensors file at all.
 *
 * <p>The message starts with the file and, where it applies, the tensor:
 * {@code model.safetensors: tensor 'layer1.weight': data_offsets [0, 100] do not match dtype F32 and
 * shape [8, 3] (96 bytes expected)}.
 */
public final class SafetensorsFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SafetensorsFormatException(String message) {
        super(message);
    }

    public SafetensorsFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
