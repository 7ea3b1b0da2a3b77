package org.nnfs.layer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nnfs.init.Initializer;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.BinaryOp;
import org.nnfs.tensor.Tensor;
import org.nnfs.tensor.UnaryOp;

/**
 * Batch normalization (Ioffe and Szegedy, 2015) of each feature over the rows of a batch, with the
 * settings and meaning of PyTorch's {@code BatchNorm1d}:
 * {@code y = gamma·(x - mean)/sqrt(var + epsilon) + beta}, with a learned scale {@code gamma} (ones) and
 * shift {@code beta} (zeros), neither of them weight-decayed.
 *
 * <ul>
 *   <li><b>Training mode</b> normalizes with the batch's own mean and biased variance (divided by
 *       {@code n}), back-propagates through them, and updates the running statistics, buffers of the
 *       model: {@code running = (1 - momentum)·running + momentum·batch}, where the running variance takes
 *       the batch's <em>unbiased</em> variance (divided by {@code n - 1}), as PyTorch does. A batch of one
 *       row has no variance: it is refused, naming the layer, before anything is written.</li>
 *   <li><b>Inference mode</b> normalizes with the running statistics and changes nothing; a backward pass
 *       after it treats them as constants.</li>
 * </ul>
 */
public final class BatchNorm implements Layer {
    /** The registered type. */
    public static final String TYPE = "batch_norm";
    /** PyTorch's default: the share of a batch's statistics in the running ones. */
    public static final double DEFAULT_MOMENTUM = 0.1;
    /** PyTorch's default: added to the variance before the square root. */
    public static final double DEFAULT_EPSILON = 1e-5;

    private final double momentum;
    private final double epsilon;

    /** Batch normalization with PyTorch's defaults, momentum 0.1 and epsilon 1e-5. */
    public BatchNorm() {
        this(DEFAULT_MOMENTUM, DEFAULT_EPSILON);
    }

    /**
     * @param momentum the weight of each training batch's statistics in the running ones, in {@code [0, 1]}
     * @param epsilon  added to every variance, greater than 0
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public BatchNorm(double momentum, double epsilon) {
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(TYPE + ": momentum must be in [0, 1], got " + momentum);
        }
        Normalization.checkEpsilon(TYPE, epsilon);
        this.momentum = momentum;
        this.epsilon = epsilon;
    }

    /** The weight of each training batch's statistics in the running ones. */
    public double momentum() {
        return momentum;
    }

    /** Added to every variance before the square root. */
    public double epsilon() {
        return epsilon;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("momentum", Double.toString(momentum));
        c.put("epsilon", Double.toString(epsilon));
        return c;
    }

    @Override
    public int outputSize(int inputSize) {
        return inputSize;
    }

    @Override
    public List<TensorSpec> tensors(int inputSize) {
        return List.of(
                TensorSpec.parameter("gamma", 1, inputSize).initializedBy(Initializer.ones()),
                TensorSpec.parameter("beta", 1, inputSize),
                TensorSpec.buffer("running_mean", 1, inputSize),
                TensorSpec.buffer("running_var", 1, inputSize).initializedBy(Initializer.ones()));
    }

    @Override
    public LayerRunner runner(LayerContext context) {
        return new Runner(context);
    }

    /** {@code BatchNorm(0.1, 1.0E-5)}: momentum and epsilon. */
    @Override
    public String toString() {
        return "BatchNorm(" + momentum + ", " + epsilon + ")";
    }

    private final class Runner implements LayerRunner {
        private final Backend backend;
        private final String name;
        private final Tensor runningMean;
        private final Tensor runningVar;
        private final Normalization affine;
        /** Per-feature rows: the batch mean, the inverse standard deviation, and work space. */
        private final Tensor mean;
        private final Tensor invStd;
        private final Tensor work;
        private final Tensor ones;
        private final Scratch centred;
        private boolean lastWasTraining;

        Runner(LayerContext context) {
            backend = context.backend();
            name = context.layerName();
            runningMean = context.tensor("running_mean");
            runningVar = context.tensor("running_var");
            affine = new Normalization(context);
            int in = context.inputSize();
            mean = backend.zeros(1, in, context.dtype());
            invStd = backend.zeros(1, in, context.dtype());
            work = backend.zeros(1, in, context.dtype());
            ones = backend.zeros(1, in, context.dtype());
            backend.fill(1, ones);
            centred = context.scratch(in);
        }

        // forward: x [n, in] -> y [n, in]; keeps x̂ and 1/σ for backward
        @Override
        public Tensor forward(Tensor x, Mode mode) {
            int n = x.rows();
            lastWasTraining = mode == Mode.TRAINING;
            Tensor xc = centred.rows(n);
            if (lastWasTraining) {
                if (n < 2) {
                    throw new IllegalArgumentException(name + ": batch normalization needs at least 2 rows in a "
                            + "training batch to estimate a variance, got 1; use larger batches (a last batch of "
                            + "one row comes from a training set one more than a multiple of the batch size)");
                }
                backend.sumColumns(x, mean);
                backend.scale(1.0 / n, mean, mean);
                backend.binary(BinaryOp.SUB, x, mean, xc);
                Tensor squares = affine.normalized(n); // x̂'s buffer, free until the end of this pass
                backend.unary(UnaryOp.SQUARE, xc, squares);
                backend.sumColumns(squares, work);
                backend.scale(1.0 / n, work, work); // biased variance: what the batch is normalized with
                backend.scale(1 - momentum, runningMean, runningMean);
                backend.axpy(momentum, mean, runningMean);
                backend.scale(1 - momentum, runningVar, runningVar);
                backend.axpy(momentum * n / (n - 1), work, runningVar); // unbiased, as PyTorch keeps it
                inverseStd(work);
            } else {
                backend.binary(BinaryOp.SUB, x, runningMean, xc);
                inverseStd(runningVar);
            }
            return affine.forward(xc, invStd);
        }

        /** {@code invStd = 1 / sqrt(variance + epsilon)}. */
        private void inverseStd(Tensor variance) {
            backend.affine(variance, 1, epsilon, invStd);
            backend.unary(UnaryOp.SQRT, invStd, invStd);
            backend.binary(BinaryOp.DIV, ones, invStd, invStd);
        }

        // backward: dy [n, in] -> dgamma, dbeta [1, in], dx [n, in]
        @Override
        public Tensor backward(Tensor dy, boolean needInputGradient) {
            int n = dy.rows();
            affine.backward(dy);
            if (!needInputGradient) {
                return null;
            }
            Tensor dx = centred.rows(n); // x - mean is not needed any more
            if (lastWasTraining) {
                // dx = gamma/σ · (dy - mean(dy) - x̂·mean(dy·x̂)): the batch statistics depend on x too.
                backend.scale(-1.0 / n, affine.gammaGradient(), work);
                backend.binary(BinaryOp.MUL, affine.normalized(n), work, dx);
                backend.binary(BinaryOp.ADD, dx, dy, dx);
                backend.scale(-1.0 / n, affine.betaGradient(), work);
                backend.binary(BinaryOp.ADD, dx, work, dx);
            } else {
                backend.copy(dy, dx); // the running statistics are constants
            }
            backend.binary(BinaryOp.MUL, affine.gamma(), invStd, work);
            backend.binary(BinaryOp.MUL, dx, work, dx);
            return dx;
        }
    }
}
