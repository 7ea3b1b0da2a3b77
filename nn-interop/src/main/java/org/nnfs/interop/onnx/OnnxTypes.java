package org.nnfs.interop.onnx;

import org.nnfs.interop.onnx.proto.OnnxProto.TensorProto;
import org.nnfs.tensor.DType;

/** Between this library's element types and ONNX's. */
final class OnnxTypes {
    private OnnxTypes() {
    }

    static int elementType(DType dtype) {
        return dtype == DType.FLOAT32 ? TensorProto.DataType.FLOAT_VALUE : TensorProto.DataType.DOUBLE_VALUE;
    }

    /** The type of an ONNX element type code, or null when it is neither float32 nor float64. */
    static DType dtype(int elementType) {
        return switch (elementType) {
            case TensorProto.DataType.FLOAT_VALUE -> DType.FLOAT32;
            case TensorProto.DataType.DOUBLE_VALUE -> DType.FLOAT64;
            default -> null;
        };
    }

    /** ONNX's name of an element type code, for messages. */
    static String name(int elementType) {
        TensorProto.DataType t = TensorProto.DataType.forNumber(elementType);
        return t == null ? "type " + elementType : t.name().toLowerCase(java.util.Locale.ROOT);
    }
}
