package org.nnfs.backend.nd4j;

import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.cpu.nativecpu.buffer.BaseCpuDataBuffer;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.OpaqueDataBuffer;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/**
 * A tensor whose elements live in an ND4J {@link INDArray}: off-heap, contiguous, in row-major
 * ({@code 'c'}) order, so element {@code (r, c)} is at offset {@code r * cols + c}.
 *
 * <p>Row-major storage lets BLAS compute all four transpose cases of GEMM in place (see
 * {@link Nd4jBackend}), makes copies to and from row-major Java arrays a single bulk copy, and keeps a row
 * (a sample, a softmax) contiguous. The handles the kernels need — a JavaCPP pointer for BLAS, an NIO
 * buffer view for Java loops and libnd4j's buffer and shape descriptors — are made once here, because
 * ND4J's accessors ({@code addressPointer()}, {@code shapeInfoDataBuffer()}) allocate a new object per call.
 */
final class Nd4jTensor extends Tensor {
    /** Owns the off-heap memory; holding it keeps the views below valid. */
    private final INDArray array;
    /** Element 0, as a {@link FloatPointer} or {@link DoublePointer}, for OpenBLAS. */
    final Pointer pointer;
    /** View of the elements for Java kernels; non-null iff the dtype is FLOAT32. Absolute access only. */
    final FloatBuffer f32;
    /** View of the elements for Java kernels; non-null iff the dtype is FLOAT64. Absolute access only. */
    final DoubleBuffer f64;
    /** libnd4j's handle of the data buffer. */
    final OpaqueDataBuffer opaque;
    /** libnd4j's shape descriptor (rank, shape, strides, type, order), in off-heap memory ND4J caches. */
    final LongPointer shapeInfo;

    Nd4jTensor(Nd4jBackend backend, int rows, int cols, DType dtype) {
        super(backend, rows, cols, dtype);
        // Nd4j.create zero-fills and makes no view. Scoping out of workspaces keeps a caller's open ND4J
        // workspace from owning (and later reusing) the memory: its address must stay fixed while the tensor lives.
        MemoryWorkspace outside = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
        try {
            this.array = Nd4j.create(dtype == DType.FLOAT32 ? DataType.FLOAT : DataType.DOUBLE,
                    new long[] {rows, cols}, 'c');
        } finally {
            outside.close();
        }
        BaseCpuDataBuffer data = (BaseCpuDataBuffer) array.data();
        int size = rows * cols;
        this.pointer = data.addressPointer().capacity(size);
        if (dtype == DType.FLOAT32) {
            this.f32 = ((FloatPointer) pointer).asByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer();
            this.f64 = null;
        } else {
            this.f32 = null;
            this.f64 = ((DoublePointer) pointer).asByteBuffer().order(ByteOrder.nativeOrder()).asDoubleBuffer();
        }
        this.opaque = data.getOpaqueDataBuffer();
        this.shapeInfo = (LongPointer) array.shapeInfoDataBuffer().addressPointer();
    }

    /** The ND4J array holding the elements, {@code [rows, cols]} in {@code 'c'} order (shares storage). */
    INDArray array() {
        return array;
    }

    FloatPointer floatPointer() {
        return (FloatPointer) pointer;
    }

    DoublePointer doublePointer() {
        return (DoublePointer) pointer;
    }
}
