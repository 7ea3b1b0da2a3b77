package org.nnfs.mnist.cli;

import java.util.function.Supplier;

import org.nnfs.init.Initializer;
import org.nnfs.layer.ActivationFunction;
import org.nnfs.registry.Registry;
import org.nnfs.tensor.DType;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option converters whose failures read like the rest of the messages. */
final class Converters {
    private Converters() {
    }

    /** A registry lookup whose failure (naming every registered name) becomes the option's error. */
    private static <T> T fromRegistry(Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** A registered optimizer's name ({@code -} for {@code _}, any case), as its canonical name. */
    static final class Optimizers implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return fromRegistry(() -> Registry.optimizers().get(value).name());
        }
    }

    /** A registered learning-rate schedule's name, as its canonical name. */
    static final class Schedules implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return fromRegistry(() -> Registry.schedules().get(value).name());
        }
    }

    /** A registered activation, by name or in the text form {@code name(value, key=value)}. */
    static final class Activations implements ITypeConverter<ActivationFunction> {
        @Override
        public ActivationFunction convert(String value) {
            return fromRegistry(() -> Registry.activations().parse(value));
        }
    }

    /** {@code float32} or {@code float64}. */
    static final class DTypes implements ITypeConverter<DType> {
        @Override
        public DType convert(String value) {
            try {
                return DType.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("unknown dtype '" + value + "'; expected one of {float32, float64}");
            }
        }
    }

    /** A registered initializer: {@code normal} (sigma 0.1), {@code normal(SIGMA)}, {@code he}, {@code glorot}, ... */
    static final class Initializers implements ITypeConverter<Initializer> {
        @Override
        public Initializer convert(String value) {
            return fromRegistry(() -> Registry.initializers().parse(value));
        }
    }

    /** A positive whole number. */
    static final class Positive implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int v;
            try {
                v = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number");
            }
            if (v < 1) {
                throw new TypeConversionException("must be at least 1, got " + v);
            }
            return v;
        }
    }

    /** Zero or a positive whole number. */
    static final class NonNegative implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int v;
            try {
                v = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number");
            }
            if (v < 0) {
                throw new TypeConversionException("must be 0 or more, got " + v);
            }
            return v;
        }
    }

    /** The number {@code value} spells (possibly NaN or infinite). */
    private static double number(String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number");
        }
    }

    /**
     * A thread count: 0 (the backend's default) up to four per processor. More cannot run at once, and
     * tens of thousands took the JVM most of a minute to create before it ran out of memory.
     */
    static final class Threads implements ITypeConverter<Integer> {
        /** The most threads accepted on this machine. */
        static int max() {
            return 4 * Runtime.getRuntime().availableProcessors();
        }

        @Override
        public Integer convert(String value) {
            int v = new NonNegative().convert(value);
            if (v > max()) {
                throw new TypeConversionException("must be at most " + max() + " (4 per processor of this machine), "
                        + "got " + v);
            }
            return v;
        }
    }

    /** A finite number greater than zero. */
    static final class PositiveReal implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double v = number(value);
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new TypeConversionException("must be a positive number, got " + value);
            }
            return v;
        }
    }

    /** A finite number, zero or more. */
    static final class NonNegativeReal implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double v = number(value);
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new TypeConversionException("must be 0 or more, got " + value);
            }
            return v;
        }
    }

    /** A fraction strictly between 0 and 1. */
    static final class OpenFraction implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double v = number(value);
            if (!(v > 0 && v < 1)) {
                throw new TypeConversionException("must be between 0 and 1 (both excluded), got " + value);
            }
            return v;
        }
    }

    /** A decay factor: more than 0, at most 1. */
    static final class DecayFactor implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double v = number(value);
            if (!(v > 0 && v <= 1)) {
                throw new TypeConversionException("must be more than 0 and at most 1, got " + value);
            }
            return v;
        }
    }
}
