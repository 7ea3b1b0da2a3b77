package org.nnfs.backend.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VectorRegistersTest {
    @Test
    @DisplayName("x86 has 32 vector registers with AVX-512 and 16 below it; AArch64 has 32")
    void derivedFromArchitectureAndVectorSize() {
        assertEquals(32, VectorRegisters.count(null, "amd64", 512));
        assertEquals(16, VectorRegisters.count(null, "amd64", 256));
        assertEquals(16, VectorRegisters.count(null, "x86_64", 128));
        assertEquals(32, VectorRegisters.count(null, "aarch64", 128));
        assertEquals(16, VectorRegisters.count(null, "riscv64", 256));
    }

    @Test
    @DisplayName("the system property overrides the derived count, and a bad value names the property")
    void override() {
        assertEquals(16, VectorRegisters.count("16", "amd64", 512));
        assertEquals(32, VectorRegisters.count(" 32 ", "amd64", 256));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VectorRegisters.count("24", "amd64", 256));
        assertTrue(e.getMessage().contains(VectorRegisters.PROPERTY) && e.getMessage().contains("24"), e.getMessage());
    }

    @Test
    @DisplayName("the GEMM's tile height follows the count in use")
    void tileRows() {
        assertEquals(VectorRegisters.COUNT >= 32 ? 12 : 6, FloatGemm.MR);
        assertEquals(FloatGemm.MR, DoubleGemm.MR);
    }
}
