package org.nnfs.init;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How a weight matrix {@code [fanIn, fanOut]} gets its first values.
 *
 * <p>Values are drawn in double precision in {@code nn-core} from a seeded {@link SplittableRandom},
 * never by a backend, so every backend starts from bit-identical weights.
 */
public abstract class Initializer {

    private Initializer() {
    }

    /** Writes {@code fanIn * fanOut} values, row-major, into {@code out}. */
    public abstract void fill(double[] out, int fanIn, int fanOut, SplittableRandom random);

    /** The name used in model files and summaries, e.g. {@code normal(0.1)}. */
    @Override
    public abstract String toString();

    /** Normal distribution with mean 0 and the given standard deviation (the original used 0.1). */
    public static Initializer normal(double sigma) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("normal initializer: sigma must be positive and finite, got " + sigma);
        }
        return new Initializer() {
            @Override
            public void fill(double[] out, int fanIn, int fanOut, SplittableRandom random) {
                for (int i = 0; i < fanIn * fanOut; i++) {
                    out[i] = random.nextGaussian() * sigma;
                }
            }

            @Override
            public String toString() {
                return "normal(" + sigma + ")";
            }
        };
    }

    /** He et al. (2015): normal with {@code sigma = sqrt(2 / fanIn)}, suited to ReLU layers. */
    public static Initializer he() {
        return new Initializer() {
            @Override
            public void fill(double[] out, int fanIn, int fanOut, SplittableRandom random) {
                double sigma = Math.sqrt(2.0 / fanIn);
                for (int i = 0; i < fanIn * fanOut; i++) {
                    out[i] = random.nextGaussian() * sigma;
                }
            }

            @Override
            public String toString() {
                return "he";
            }
        };
    }

    /** Glorot and Bengio (2010): uniform on {@code ±sqrt(6 / (fanIn + fanOut))}, suited to tanh/sigmoid. */
    public static Initializer glorot() {
        return new Initializer() {
            @Override
            public void fill(double[] out, int fanIn, int fanOut, SplittableRandom random) {
                double limit = Math.sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < fanIn * fanOut; i++) {
                    out[i] = (2 * random.nextDouble() - 1) * limit;
                }
            }

            @Override
            public String toString() {
                return "glorot";
            }
        };
    }

    /**
     * Parses the forms {@link #toString()} produces: {@code normal} (σ = 0.1), {@code normal(0.05)},
     * {@code he}, {@code glorot} (also {@code xavier}).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Initializer parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("he")) {
            return he();
        }
        if (t.equals("glorot") || t.equals("xavier")) {
            return glorot();
        }
        if (t.equals("normal")) {
            return normal(0.1);
        }
        if (t.startsWith("normal(") && t.endsWith(")")) {
            try {
                return normal(Double.parseDouble(t.substring(7, t.length() - 1)));
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException(
                "Unknown initializer '" + text + "'. Expected one of {normal, normal(SIGMA), he, glorot}.");
    }
}
