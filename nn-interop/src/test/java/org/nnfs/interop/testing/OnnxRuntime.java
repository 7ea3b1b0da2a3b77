package org.nnfs.interop.testing;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/** Runs an ONNX file in Microsoft's ONNX Runtime, the judge of what this library exports and imports. */
public final class OnnxRuntime {
    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private OnnxRuntime() {
    }

    /** The graph's output {@code output} for float32 {@code x} of {@code shape} fed to input {@code input}, row-major. */
    public static float[] run(Path model, String input, float[] x, long[] shape, String output) throws OrtException {
        try (OrtSession session = ENV.createSession(model.toString(), new OrtSession.SessionOptions());
             OnnxTensor tensor = OnnxTensor.createTensor(ENV, FloatBuffer.wrap(x), shape);
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
            OnnxValue value = result.get(output).orElseThrow(() -> new AssertionError("no output " + output));
            FloatBuffer out = ((OnnxTensor) value).getFloatBuffer();
            float[] values = new float[out.remaining()];
            out.get(values);
            return values;
        }
    }

    /** As {@link #run(Path, String, float[], long[], String)} for a float64 graph. */
    public static double[] run(Path model, String input, double[] x, long[] shape, String output) throws OrtException {
        try (OrtSession session = ENV.createSession(model.toString(), new OrtSession.SessionOptions());
             OnnxTensor tensor = OnnxTensor.createTensor(ENV, DoubleBuffer.wrap(x), shape);
             OrtSession.Result result = session.run(Map.of(input, tensor))) {
            OnnxValue value = result.get(output).orElseThrow(() -> new AssertionError("no output " + output));
            DoubleBuffer out = ((OnnxTensor) value).getDoubleBuffer();
            double[] values = new double[out.remaining()];
            out.get(values);
            return values;
        }
    }
}
