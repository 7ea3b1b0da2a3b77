/**
 * The shared base of pure-Java backends: {@link org.nnfs.tensor.array.ArrayBackend} holds tensors as
 * row-major Java arrays ({@link org.nnfs.tensor.array.ArrayTensor}) and implements every operation but
 * GEMM, once for both element types (the loops are generated from one template, see CONTRIBUTING.md).
 * A backend built on it supplies its GEMM and, where it has faster loops, overrides per-type kernels.
 */
package org.nnfs.tensor.array;
