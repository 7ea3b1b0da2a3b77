package org.nnfs.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backends;

/**
 * Batch-1 prediction, the way a service calls it, must not grow native memory. It used to: every
 * {@code predict(float[], rows)} uploaded the input into a new ND4J array and built the result in
 * another, and ND4J frees an array's off-heap memory only when the garbage collector finds the Java
 * object, so resident memory climbed by about 10 KB per call (146 to 233 MB over 8,500 calls, measured
 * before the fix) until a collection, and JavaCPP forced full collections when it hit its limit. Now each
 * call borrows an inference pass whose input and activation tensors exist already.
 */
class Nd4jInferenceMemoryTest {
    private static final int CALLS = 20_000;

    @Test
    @DisplayName("20,000 batch-1 predictions allocate no native memory, with or without a caller's buffer")
    void batchOnePredictionsDoNotGrowNativeMemory() {
        Sequential model = Sequential.builder(784).dense(100).relu().dense(200).relu().dense(10).softmax()
                .build(Backends.get("nd4j", 1));
        float[] x = new float[784];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 7) / 7f;
        }
        float[] out = new float[10];
        for (int i = 0; i < 2_000; i++) { // first-use buffers
            model.predict(x, 1, out);
            model.predict(x, 1);
            model.classify(x, 1);
        }
        long counter0 = Nd4j.getEnvironment().getDeviceCouner(0);
        long javacpp0 = Pointer.totalBytes();
        for (int i = 0; i < CALLS; i++) {
            model.predict(x, 1, out);
            model.predict(x, 1);
            model.classify(x, 1);
        }
        long counter = Nd4j.getEnvironment().getDeviceCouner(0) - counter0;
        long javacpp = Pointer.totalBytes() - javacpp0;
        String numbers = String.format("after %d x 3 batch-1 calls: libnd4j counter %+d B, JavaCPP total %+d B",
                CALLS, counter, javacpp);
        System.out.println("[nd4j inference] " + numbers);
        // One 784-float input per call would be 3 KB x 20,000 = 60 MB.
        assertTrue(counter <= 16 * 1024, "libnd4j allocated memory grew; " + numbers);
        assertTrue(javacpp <= 16 * 1024, "JavaCPP-allocated memory grew; " + numbers);
        assertEquals(10, model.predict(x, 1).length);
    }
}
