package org.nnfs.interop.onnx;

import java.io.IOException;
import java.util.Map;

import org.nnfs.interop.onnx.proto.OnnxProto.NodeProto;
import org.nnfs.interop.onnx.proto.OnnxProto.TensorProto;

/**
 * The exact GELU as graphs without ONNX's {@code Gelu} op (before opset 20) spell it, and as the exporter
 * writes it: {@code Mul(x, Mul(0.5, Add(1, Erf(Div(x, sqrt(2))))))}, where the division may also be a
 * {@code Mul} by {@code 1/sqrt(2)}, every binary node may take its operands in either order, and the
 * {@code Erf} may run between {@code Cast}s to float and back (as in a float64 graph). The final
 * {@code Mul} combines two computed values, which a feed-forward chain otherwise refuses; matched, the
 * five nodes read as one {@code Gelu} node from {@code x}.
 */
final class GeluPattern {
    /** How far a constant of the pattern may be from its exact value: float32 rounding and a little more. */
    private static final double TOLERANCE = 1e-6;

    private final Map<String, NodeProto> producers;
    private final Constants constants;

    GeluPattern(Map<String, NodeProto> producers, Constants constants) {
        this.producers = producers;
        this.constants = constants;
    }

    /**
     * A {@code Gelu} node of {@code mul}'s name and output reading {@code x}, when {@code mul} is the last
     * node of the pattern; else null.
     */
    NodeProto match(NodeProto mul) throws IOException {
        if (!isOp(mul, "Mul") || mul.getInputCount() != 2) {
            return null;
        }
        for (int side = 0; side < 2; side++) {
            String x = mul.getInput(side);
            if (phiOf(mul.getInput(1 - side), x)) {
                return NodeProto.newBuilder().setOpType("Gelu").setName(mul.getName()).addInput(x)
                        .addOutput(mul.getOutput(0)).build();
            }
        }
        return null;
    }

    /** True when {@code value} is {@code Mul(0.5, Add(1, Erf(Div(x, sqrt(2)))))}. */
    private boolean phiOf(String value, String x) throws IOException {
        String plusOne = operand(producers.get(value), "Mul", 0.5);
        String erf = operand(plusOne == null ? null : producers.get(plusOne), "Add", 1);
        NodeProto erfNode = erf == null ? null : producers.get(pastCasts(erf));
        if (!isOp(erfNode, "Erf") || erfNode.getInputCount() != 1) {
            return false;
        }
        NodeProto scale = producers.get(pastCasts(erfNode.getInput(0)));
        String divided = operand(scale, "Div", Math.sqrt(2));
        boolean dividedFirst = divided != null && scale.getInput(0).equals(divided);
        String scaled = dividedFirst ? divided : operand(scale, "Mul", Math.sqrt(0.5));
        return x.equals(scaled);
    }

    /**
     * The computed operand of {@code node} when it is the binary {@code op} with a scalar constant
     * {@code value} as its other operand; else null.
     */
    private String operand(NodeProto node, String op, double value) throws IOException {
        if (!isOp(node, op) || node.getInputCount() != 2 || node.getOutputCount() != 1) {
            return null;
        }
        for (int side = 0; side < 2; side++) {
            String c = node.getInput(side);
            String other = node.getInput(1 - side);
            if (constants.contains(c) && !constants.contains(other) && isScalar(constants.get(c), value)) {
                return other;
            }
        }
        return null;
    }

    /** The value that {@code value} casts between float and double (Erf in float32 in a float64 graph), else itself. */
    private String pastCasts(String value) {
        NodeProto node = producers.get(value);
        while (isOp(node, "Cast") && node.getInputCount() == 1 && isReal(node)) {
            value = node.getInput(0);
            node = producers.get(value);
        }
        return value;
    }

    private static boolean isReal(NodeProto cast) {
        return cast.getAttributeList().stream().anyMatch(a -> a.getName().equals("to")
                && (a.getI() == TensorProto.DataType.FLOAT_VALUE || a.getI() == TensorProto.DataType.DOUBLE_VALUE));
    }

    private static boolean isScalar(Constant c, double value) {
        return c.values().length == 1 && Math.abs(c.values()[0] - value) <= TOLERANCE * Math.abs(value);
    }

    private static boolean isOp(NodeProto node, String op) {
        return node != null && node.getOpType().equals(op) && Constants.isDefaultDomain(node.getDomain());
    }
}
