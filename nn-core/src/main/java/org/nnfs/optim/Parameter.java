package org.nnfs.optim;

import org.nnfs.tensor.Tensor;

/**
 * A trainable tensor of a model and the gradient one training pass wrote for it: what an optimizer
 * updates.
 *
 * @param name  unique within a model, e.g. {@code dense_0.weight}
 * @param value the model's weights, updated in place by an optimizer
 * @param grad  same shape as {@code value}, owned by the training pass and overwritten by every backward pass
 * @param decay whether L2 weight decay applies (weights yes, biases no)
 */
public record Parameter(String name, Tensor value, Tensor grad, boolean decay) {
}
