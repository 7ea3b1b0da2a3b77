package org.nnfs.backend.vector;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The background warm-up runs on a daemon thread, where a failure would go unnoticed: run it here on the
 * test's thread, where an exception (an index past its small arrays, say) fails the build.
 */
class WarmUpTest {

    @Test
    @DisplayName("a few rounds over every float32 kernel run without error")
    void runsEveryKernel() {
        assertDoesNotThrow(() -> WarmUp.run(3, () -> false));
    }
}
