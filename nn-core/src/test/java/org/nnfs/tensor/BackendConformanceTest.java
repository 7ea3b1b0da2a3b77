package org.nnfs.tensor;

import java.util.Objects;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of {@link Backend}, checked against the {@link Reference} oracle. Every backend module
 * runs it with one small subclass:
 *
 * <pre>{@code
 * class OjAlgoBackendConformanceTest extends BackendConformanceTest {
 *     @Override protected Backend createBackend() { return new OjAlgoBackend(2); }
 * }
 * }</pre>
 *
 * <p>The contract is grouped by operation in {@link Nested} classes named after behaviour (as in
 * Micrometer's compatibility kit). Each group's tests live in a file of their own ({@link GemmConformance},
 * {@link UnaryConformance}, ... all extending {@link ConformanceGroup}); here each group is only declared,
 * as an inner class, because JUnit runs the inherited nested classes of the backend's subclass, and an
 * inner class is what gives a group its suite's backend. The backend is created once per concrete class
 * (lifecycle per class) and shared by all groups, so it must tolerate many operations in any order.
 * Nothing here depends on which backend {@link Backends#get()} would choose. To add a group: write
 * {@code XConformance extends ConformanceGroup} and declare it below.
 *
 * <p>Each test draws its data from a {@link SplittableRandom} seeded by the test's own parameters
 * ({@link TestData#random}), so a failure reproduces exactly. Inputs are exactly representable in the
 * tensor's type, and results are judged with {@link Tolerance#of(DType)} against the magnitude of the
 * terms that produced them; see {@link Tolerance} for the numbers and why. Copies, fills, gathers, argmax
 * and the documented special values (ReLU at 0, saturated sigmoid) are exact.
 *
 * <p>Surefire reports the groups under this class's name ({@code BackendConformanceTest$Gemm}); failure
 * messages start with the backend's name so that they say which backend failed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendConformanceTest {
    private Backend backend;
    private Backend foreign;

    /** The backend under test; called once per concrete test class. */
    protected abstract Backend createBackend();

    @BeforeAll
    final void createBackendOnce() {
        backend = Objects.requireNonNull(createBackend(), "createBackend() returned null");
        foreign = new ReferenceBackend();
    }

    /** The backend under test, for suites built on this one. */
    protected final Backend backend() {
        return backend;
    }

    /** A second, distinct backend instance whose tensors every operation must refuse. */
    final Backend foreign() {
        return foreign;
    }

    @Nested
    @DisplayName("A backend describes itself")
    class Identity extends IdentityConformance {
        Identity() {
            super(BackendConformanceTest.this);
        }
    }

    @Nested
    @DisplayName("Allocation and copies keep values exactly")
    class AllocationAndCopies extends CopyConformance {
        AllocationAndCopies() {
            super(BackendConformanceTest.this);
        }
    }

    @Nested
    @DisplayName("gemm computes C = alpha·op(A)·op(B) + beta·C")
    class Gemm extends GemmConformance {
        Gemm() {
            super(BackendConformanceTest.this);
        }
    }

    @Nested
    @DisplayName("addRowVector adds a bias row to every row; sumColumns sums each column")
    class RowsAndColumns extends RowsAndColumnsConformance {
        RowsAndColumns() {
            super(BackendConformanceTest.this);
        }
    }

    @Nested
    @DisplayName("softmaxRows turns each row into a probability distribution, stably")
    class Softmax extends SoftmaxConformance {
        Softmax() {
            super(BackendConformanceTest.this);
        }
    }

    @Nested
    @DisplayName("argmaxRows finds the first largest value of each row")
    class Argmax extends ArgmaxConformance {
        Argmax() {
            super(BackendConformanceTest.this);
        }
    }

    @Nested
    @DisplayName("gatherRows assembles a mini-batch from rows of a source")
    class GatherRows extends GatherRowsConformance {
        GatherRows() {
            super(BackendConformanceTest.this);
        }
    }

    @Nested
    @DisplayName("unary and unaryBackward follow UnaryOp's apply and derivative")
    class Unary extends UnaryConformance {
        Unary() {
            super(BackendConformanceTest.this);
        }
    }

    @Nested
    @DisplayName("binary follows BinaryOp's apply")
    class Binary extends BinaryConformance {
        Binary() {
            super(BackendConformanceTest.this);
        }
    }

    @Nested
    @DisplayName("affine, scale and axpy are the BLAS-1 style updates")
    class Affine extends AffineConformance {
        Affine() {
            super(BackendConformanceTest.this);
        }
    }

    @Nested
    @DisplayName("Many operations in a row on the same preallocated buffers")
    class Sequences extends SequenceConformance {
        Sequences() {
            super(BackendConformanceTest.this);
        }
    }

    @Nested
    @DisplayName("Mismatched operands are rejected, naming the operation and shapes, before anything is written")
    class Errors extends ErrorConformance {
        Errors() {
            super(BackendConformanceTest.this);
        }
    }
}
