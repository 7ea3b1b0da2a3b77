package org.nnfs.init;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How a tensor {@code [fanIn, fanOut]} (a weight matrix, a bias row, a buffer) gets its first values.
 *
 * <p>Values are drawn in double precision in {@code nn-core} from a seeded {@link SplittableRandom},
 * never by a backend, so every backend starts from bit-identical weights. Initializers are immutable.
 * A user-defined one extends this class and is registered under its {@link #type()} (see
 * {@code org.nnfs.registry}) so that model files naming it load.
 */
public abstract class Initializer {

    /** For subclasses. */
    protected Initializer() {
    }

    /** Writes {@code fanIn * fanOut} values, row-major, into {@code out}, drawing from {@code random} if needed. */
    public abstract void fill(double[] out, int fanIn, int fanOut, SplittableRandom random);

    /** The registered name, e.g. {@code normal}. */
    public abstract String type();

    /** The settings that rebuild this initializer through its registration, e.g. {@code sigma=0.1}. */
    public Map<String, String> config() {
        return Map.of();
    }

    /**
     * The text form the registry reads back: the type alone, or followed by its settings,
     * {@code type(key=value, ...)}; e.g. {@code he}, {@code normal(0.1)}.
     */
    @Override
    public String toString() {
        List<String> settings = new ArrayList<>();
        config().forEach((k, v) -> settings.add(k + "=" + v));
        return settings.isEmpty() ? type() : type() + "(" + String.join(", ", settings) + ")";
    }

    /** Initializers of one class with the same type and settings are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Initializer other && other.getClass() == getClass() && other.type().equals(type())
                && other.config().equals(config());
    }

    @Override
    public int hashCode() {
        return type().hashCode() * 31 + config().hashCode();
    }

    /** Normal distribution with mean 0 and the given standard deviation (the original used 0.1). */
    public static Initializer normal(double sigma) {
        return new Normal(sigma);
    }

    /** He et al. (2015): normal with {@code sigma = sqrt(2 / fanIn)}, suited to ReLU layers. */
    public static Initializer he() {
        return He.INSTANCE;
    }

    /** Glorot and Bengio (2010): uniform on {@code ±sqrt(6 / (fanIn + fanOut))}, suited to tanh/sigmoid. */
    public static Initializer glorot() {
        return Glorot.INSTANCE;
    }

    /** Every value 0 (biases, running means); draws nothing. */
    public static Initializer zeros() {
        return Constant.ZEROS;
    }

    /** Every value 1 (scales, running variances); draws nothing. */
    public static Initializer ones() {
        return Constant.ONES;
    }

    private static final class Normal extends Initializer {
        private final double sigma;

        Normal(double sigma) {
            if (!(sigma > 0) || Double.isInfinite(sigma)) {
                throw new IllegalArgumentException("normal initializer: sigma must be positive and finite, got " + sigma);
            }
            this.sigma = sigma;
        }

        @Override
        public void fill(double[] out, int fanIn, int fanOut, SplittableRandom random) {
            for (int i = 0; i < fanIn * fanOut; i++) {
                out[i] = random.nextGaussian() * sigma;
            }
        }

        @Override
        public String type() {
            return "normal";
        }

        @Override
        public Map<String, String> config() {
            Map<String, String> c = new LinkedHashMap<>();
            c.put("sigma", Double.toString(sigma));
            return c;
        }

        /** {@code normal(0.1)}: the one setting needs no name. */
        @Override
        public String toString() {
            return "normal(" + sigma + ")";
        }
    }

    private static final class He extends Initializer {
        static final He INSTANCE = new He();

        @Override
        public void fill(double[] out, int fanIn, int fanOut, SplittableRandom random) {
            double sigma = Math.sqrt(2.0 / fanIn);
            for (int i = 0; i < fanIn * fanOut; i++) {
                out[i] = random.nextGaussian() * sigma;
            }
        }

        @Override
        public String type() {
            return "he";
        }
    }

    private static final class Glorot extends Initializer {
        static final Glorot INSTANCE = new Glorot();

        @Override
        public void fill(double[] out, int fanIn, int fanOut, SplittableRandom random) {
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            for (int i = 0; i < fanIn * fanOut; i++) {
                out[i] = (2 * random.nextDouble() - 1) * limit;
            }
        }

        @Override
        public String type() {
            return "glorot";
        }
    }

    private static final class Constant extends Initializer {
        static final Constant ZEROS = new Constant("zeros", 0);
        static final Constant ONES = new Constant("ones", 1);

        private final String type;
        private final double value;

        private Constant(String type, double value) {
            this.type = type;
            this.value = value;
        }

        @Override
        public void fill(double[] out, int fanIn, int fanOut, SplittableRandom random) {
            Arrays.fill(out, 0, fanIn * fanOut, value);
        }

        @Override
        public String type() {
            return type;
        }
    }
}
