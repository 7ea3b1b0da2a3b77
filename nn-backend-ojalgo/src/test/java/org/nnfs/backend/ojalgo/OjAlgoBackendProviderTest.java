package org.nnfs.backend.ojalgo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BackendProvider;
import org.nnfs.tensor.Backends;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;

/** Discovery through {@code ServiceLoader}, the provider's metadata, and the thread count it builds with. */
class OjAlgoBackendProviderTest {

    @Test
    void foundByNameThroughServiceLoader() {
        assertTrue(Backends.names().contains("ojalgo"), Backends.names().toString());
        Backend b = Backends.get("ojalgo");
        assertInstanceOf(OjAlgoBackend.class, b);
        assertEquals("ojalgo", b.name());
        assertEquals(OjAlgoBackendProvider.defaultThreads(), b.threads());
        Tensor t = b.fromArray(new float[] {1, 2, 3, 4}, 2, 2, DType.FLOAT32);
        Tensor c = b.zeros(2, 2);
        b.gemm(false, false, 1, t, t, 0, c);
        assertArrayEquals(new float[] {7, 10, 15, 22}, c.toFloatArray());
    }

    @Test
    void threadsAreHonoured() {
        assertEquals(1, Backends.get("ojalgo", 1).threads());
        assertEquals(2, Backends.get("ojalgo", 2).threads());
        assertEquals(3, new OjAlgoBackendProvider().create(3).threads());
        assertEquals(Runtime.getRuntime().availableProcessors(), new OjAlgoBackendProvider().create(0).threads());
        assertTrue(Backends.get("ojalgo", 2).description().contains("2 threads"));
        assertTrue(Backends.get("ojalgo", 1).description().contains("1 thread)"));
        assertThrows(IllegalArgumentException.class, () -> new OjAlgoBackendProvider().create(-1));
    }

    @Test
    void metadata() {
        BackendProvider p = new OjAlgoBackendProvider();
        assertEquals("ojalgo", p.name());
        assertEquals(50, p.priority());
        assertEquals("ojAlgo 57.1.0, pure Java, no native code", p.description());
    }

    @Test
    void theVersionWeNameIsTheOneOnTheClassPath() {
        // Read from the ojAlgo jar's manifest: fails when the pinned version moves but our text does not.
        assertEquals(OjAlgoBackend.OJALGO_VERSION, org.ojalgo.OjAlgoUtils.getVersion());
    }
}
