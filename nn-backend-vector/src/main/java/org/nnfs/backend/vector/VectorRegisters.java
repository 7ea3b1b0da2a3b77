package org.nnfs.backend.vector;

import java.util.Locale;

import jdk.incubator.vector.VectorShape;

/**
 * How many vector registers the JIT can allocate, which sizes the GEMM's register tiles: a tile whose
 * accumulators do not fit is spilled to the stack on every step of its inner loop.
 *
 * <p>Derived, since Java cannot ask the CPU: 512-bit vectors mean AVX-512, which has 32 registers; other x86
 * vectors (AVX2, SSE) have 16; AArch64 has 32. The system property {@value #PROPERTY} ({@code 16} or
 * {@code 32}) overrides it, to measure or test one machine's tiles on another.
 */
final class VectorRegisters {
    /** The system property that overrides the derived count. */
    static final String PROPERTY = "nn.vector.registers";
    /** The count in use. */
    static final int COUNT = count(System.getProperty(PROPERTY), System.getProperty("os.arch", ""),
            VectorShape.preferredShape().vectorBitSize());

    private VectorRegisters() {
    }

    /** The count for an override (or null), an {@code os.arch} and the preferred vector size in bits. */
    static int count(String override, String arch, int vectorBits) {
        if (override != null) {
            switch (override.trim()) {
                case "16":
                    return 16;
                case "32":
                    return 32;
                default:
                    throw new IllegalArgumentException("-D" + PROPERTY + "=" + override + ": expected 16 or 32");
            }
        }
        String a = arch.toLowerCase(Locale.ROOT);
        boolean x86 = a.equals("amd64") || a.equals("x86_64") || a.equals("x86") || a.startsWith("i386")
                || a.startsWith("i686");
        if (x86) {
            return vectorBits >= 512 ? 32 : 16;
        }
        return a.equals("aarch64") || a.equals("arm64") ? 32 : 16;
    }
}
