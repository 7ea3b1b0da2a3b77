/**
 * Models and data in other tools' formats: {@link org.nnfs.interop.ModelFormat} reads this library's model
 * files, ONNX models and safetensors files alike and writes each; {@code org.nnfs.interop.onnx} and
 * {@code org.nnfs.interop.safetensors} hold the two formats, {@code org.nnfs.interop.data} reads CSV and NumPy
 * files into datasets. See {@code docs/interop.md}.
 */
package org.nnfs.interop;
