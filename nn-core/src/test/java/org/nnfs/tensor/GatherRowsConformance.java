package org.nnfs.tensor;

import static org.nnfs.tensor.TensorAssertions.assertExactly;
import static org.nnfs.tensor.TensorAssertions.assertUnchanged;
import static org.nnfs.tensor.TestData.random;
import static org.nnfs.tensor.TestData.uniform;

import java.util.SplittableRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance group "gatherRows assembles a mini-batch from rows of a source"; declared in
 * {@link BackendConformanceTest}, which runs it on every backend.
 */
abstract class GatherRowsConformance extends ConformanceGroup {
    GatherRowsConformance(BackendConformanceTest suite) {
        super(suite);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndShapes")
    @DisplayName("random indices with repeats, out of order, from an offset")
    void randomIndices(DType dtype, Shape s) {
        SplittableRandom rnd = random("gatherRows", dtype, s);
        double[] src = uniform(rnd, s.size(), -5, 5, dtype);
        int outRows = Math.min(s.rows() + 2, 100);
        int offset = 3;
        int[] indices = new int[offset + outRows + 4];
        for (int i = 0; i < indices.length; i++) {
            // Entries outside [offset, offset + outRows) are out of range: they must not be read.
            boolean used = i >= offset && i < offset + outRows;
            indices[i] = used ? rnd.nextInt(s.rows()) : -1;
        }
        Tensor tsrc = tensor(src, s, dtype);
        Tensor out = nanTensor(outRows, s.cols(), dtype);
        backend.gatherRows(tsrc, indices, offset, out);
        assertExactly("gatherRows", Reference.gatherRows(src, s.cols(), indices, offset, outRows), out);
        assertUnchanged("gatherRows src", src, tsrc);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    @DisplayName("explicit repeated, reversed indices")
    void explicit(DType dtype) {
        double[] src = {
            0, 1, 2,
            10, 11, 12,
            20, 21, 22,
            30, 31, 32,
            40, 41, 42,
        };
        int[] indices = {4, 0, 4, 2, 2, 1};
        Tensor out = nanTensor(4, 3, dtype);
        backend.gatherRows(tensor(src, 5, 3, dtype), indices, 1, out);
        assertExactly("gatherRows", new double[] {0, 1, 2, 40, 41, 42, 20, 21, 22, 20, 21, 22}, out);
    }
}
