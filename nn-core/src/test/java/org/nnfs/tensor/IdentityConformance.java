package org.nnfs.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The conformance group "A backend describes itself"; declared in {@link BackendConformanceTest}, which
 * runs it on every backend.
 */
abstract class IdentityConformance extends ConformanceGroup {
    IdentityConformance(BackendConformanceTest suite) {
        super(suite);
    }

    @Test
    @DisplayName("name() is a non-blank lower-case word, as users type it in -Dnn.backend")
    void name() {
        assertTrue(backend.name().matches("[a-z0-9][a-z0-9_-]*"), "name: '" + backend.name() + "'");
    }

    @Test
    @DisplayName("threads() is at least 1")
    void threads() {
        assertTrue(backend.threads() >= 1, "threads() = " + backend.threads());
    }

    @Test
    @DisplayName("description() is one non-blank line that mentions the name")
    void description() {
        String d = backend.description();
        assertTrue(d != null && !d.isBlank(), "description is blank");
        assertFalse(d.contains("\n") || d.contains("\r"), "description spans lines: " + d);
        assertTrue(d.toLowerCase(java.util.Locale.ROOT).contains(backend.name()),
                "description '" + d + "' should mention the name '" + backend.name() + "'");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(DType.class)
    @DisplayName("a tensor knows its backend, shape and element type")
    void tensorMetadata(DType dtype) {
        Tensor t = backend.zeros(3, 5, dtype);
        assertSame(backend, t.backend());
        assertEquals(3, t.rows());
        assertEquals(5, t.cols());
        assertEquals(15, t.size());
        assertEquals(dtype, t.dtype());
        assertEquals("[3, 5]", t.shape());
        assertTrue(t.hasShape(3, 5));
        assertFalse(t.hasShape(5, 3));
    }

    @Test
    @DisplayName("zeros(rows, cols) is float32")
    void defaultDType() {
        assertEquals(DType.FLOAT32, backend.zeros(2, 3).dtype());
    }
}
