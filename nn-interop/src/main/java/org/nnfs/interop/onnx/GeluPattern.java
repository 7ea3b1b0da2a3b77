package org.nnfs.interop.onnx;

import java.io.IOException;
import java.util.Map;

import org.nnfs.interop.onnx.proto.OnnxProto.NodeProto;
import org.nnfs.interop.onnx.proto.OnnxProto.TensorProto;

/**
 * The exact GELU as graphs without ONNX's {@code Gelu} op (before opset 20) spell it: the product of
 * {@code x}, 0.5 and {@code 1 + Erf(x / sqrt(2))}, in the two groupings converters write,
 * {@code Mul(x, Mul(0.5, Add(1, Erf(Div(x, sqrt(2))))))} (this library's exporter) and
 * {@code Mul(Mul(x, Add(Erf(Div(x, sqrt(2))), 1)), 0.5)} (PyTorch's). The division may also be a
 * {@code Mul} by {@code 1/sqrt(2)}, every binary node may take its operands in either order, and the
 * {@code Erf} may run between {@code Cast}s to float and back (as in a float64 graph). A product of x and
 * a value computed from x joins two computed values, which a feed-forward chain otherwise refuses;
 * matched, the nodes read as one {@code Gelu} node from {@code x}.
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
        String x = halfOf(mul);
        if (x != null) { // Mul(Mul(x, 1 + Erf(...)), 0.5)
            x = product(producers.get(x), false);
        } else {
            x = product(mul, true);
        }
        return x == null ? null : NodeProto.newBuilder().setOpType("Gelu").setName(mul.getName()).addInput(x)
                .addOutput(mul.getOutput(0)).build();
    }

    /**
     * The {@code x} of {@code node} when it is {@code Mul(x, 0.5 · (1 + Erf(x / sqrt(2))))} ({@code half}) or
     * {@code Mul(x, 1 + Erf(x / sqrt(2)))} (not {@code half}); else null.
     */
    private String product(NodeProto node, boolean half) throws IOException {
        if (!isOp(node, "Mul") || node.getInputCount() != 2) {
            return null;
        }
        for (int side = 0; side < 2; side++) {
            String x = node.getInput(side);
            String onePlusErf = half ? halfOf(producers.get(node.getInput(1 - side))) : node.getInput(1 - side);
            if (onePlusErf != null && x.equals(erfArgument(onePlusErf))) {
                return x;
            }
        }
        return null;
    }

    /** The other operand of {@code node} when it is a {@code Mul} by 0.5; else null. */
    private String halfOf(NodeProto node) throws IOException {
        return operand(node, "Mul", 0.5);
    }

    /** The {@code x} of {@code value} when it is {@code 1 + Erf(x / sqrt(2))}; else null. */
    private String erfArgument(String value) throws IOException {
        String erf = operand(producers.get(value), "Add", 1);
        NodeProto erfNode = erf == null ? null : producers.get(pastCasts(erf));
        if (!isOp(erfNode, "Erf") || erfNode.getInputCount() != 1) {
            return null;
        }
        NodeProto scale = producers.get(pastCasts(erfNode.getInput(0)));
        String divided = operand(scale, "Div", Math.sqrt(2));
        return divided != null && scale.getInput(0).equals(divided) ? divided : operand(scale, "Mul", Math.sqrt(0.5));
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
