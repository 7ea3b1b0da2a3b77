package org.nnfs.tensor;

/**
 * Thrown when the tensors passed to an operation do not fit together: their shapes, element types or
 * backends differ from what the operation needs. The message names the operation and the shapes.
 */
public class TensorMismatchException extends IllegalArgumentException {
    /** Creates the exception with a message that names the operation and the tensors' shapes. */
    public TensorMismatchException(String message) {
        super(message);
    }
}
