package org.nnfs.layer;

import org.nnfs.tensor.Tensor;

/**
 * A trainable tensor and the gradient the last backward pass wrote for it.
 *
 * @param name  unique within a model, e.g. {@code dense_0.weight}
 * @param value the weights, updated in place by an optimizer
 * @param grad  same shape as {@code value}, overwritten by every backward pass
 * @param decay whether L2 weight decay applies (weights yes, biases no)
 */
public record Parameter(String name, Tensor value, Tensor grad, boolean decay) {
}
