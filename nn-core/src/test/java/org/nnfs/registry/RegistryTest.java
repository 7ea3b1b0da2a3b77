package org.nnfs.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.init.Initializer;
import org.nnfs.io.InvalidModelFileException;
import org.nnfs.io.ModelFile;
import org.nnfs.layer.Activation;
import org.nnfs.layer.Dense;
import org.nnfs.layer.Layer;
import org.nnfs.layer.Recenter;
import org.nnfs.layer.TestLeakyRelu;
import org.nnfs.loss.MeanSquaredError;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Adam;
import org.nnfs.optim.Momentum;
import org.nnfs.optim.Optimizer;
import org.nnfs.optim.Sgd;
import org.nnfs.tensor.ReferenceBackend;

/** One registry of names: lookup, aliases, settings, duplicates, user registrations and the allow-list. */
class RegistryTest {
    /** Set by {@link TrapLayer}'s static initializer, should anything ever load that class. */
    static volatile boolean trapInitialized;

    @TempDir
    Path dir;

    @Test
    @DisplayName("every kind lists nn-core's components, and the test provider's, by canonical name")
    void builtInsAndUserRegistrations() {
        assertEquals(List.of("batch_norm", "dense", "dropout", "gelu", "layer_norm", "leaky_relu", "relu", "rescale",
                "sigmoid", "softmax", "tanh", "test_labelled", "test_leaky_relu", "test_recenter"),
                Registry.layers().names());
        assertEquals(List.of("gelu", "leaky_relu", "relu", "sigmoid", "tanh", "test_leaky_relu"),
                Registry.activations().names());
        assertEquals(List.of("binary_cross_entropy", "cross_entropy", "mse", "sigmoid_binary_cross_entropy",
                "softmax_cross_entropy"), Registry.losses().names());
        assertEquals(List.of("adam", "adamw", "momentum", "nesterov", "rmsprop", "sgd", "test_adagrad"),
                Registry.optimizers().names());
        assertEquals(List.of("glorot", "he", "normal", "ones", "zeros"), Registry.initializers().names());
        assertEquals(List.of("constant", "cosine", "exponential", "plateau", "step"), Registry.schedules().names());
        for (Kind<?> kind : Kind.all()) {
            for (Registration<?> r : Registry.standard().catalog(kind).registrations()) {
                assertFalse(r.description().isBlank(), r + " has a description for help texts");
            }
        }
    }

    @Test
    @DisplayName("optimizers carry the learning rates the command line defaults to")
    void optimizerDefaults() {
        assertEquals(0.1, Registry.optimizers().create("sgd").learningRate());
        assertEquals(0.05, Registry.optimizers().create("momentum").learningRate());
        assertEquals(0.001, Registry.optimizers().create("adam").learningRate());
        assertEquals("0.001", Registry.optimizers().get("adam").setting("lr").orElseThrow().defaultValue().orElseThrow());
        Optimizer adam = Registry.optimizers().create("adam", Map.of("lr", "0.01", "beta1", "0.8"));
        assertEquals(new Adam(0.01, 0.8, 0.999, 1e-8, 0).toString(), adam.toString());
    }

    @Test
    @DisplayName("names and settings match with '-' for '_' and in any case; aliases find their component")
    void aliases() {
        assertEquals("cross_entropy", Registry.losses().create("Cross-Entropy").type());
        assertEquals("softmax_cross_entropy", Registry.losses().create("softmax-cross_entropy").type());
        assertEquals("mse", Registry.losses().create("mean-squared-error").type());
        assertEquals(Initializer.glorot(), Registry.initializers().create("XAVIER"));
        assertEquals(new Sgd(0.1, 0.5).toString(), Registry.optimizers().create("SGD", Map.of("weight-decay", "0.5")).toString());
        Layer leaky = Registry.layers().create("test-leaky-relu", Map.of("ALPHA", "0.2"));
        assertEquals("TestLeakyRelu(0.2)", leaky.toString());
    }

    @Test
    @DisplayName("an unknown name is refused listing every name")
    void unknownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Registry.optimizers().create("adagrad"));
        assertEquals("Unknown optimizer. Expected one of {adam, adamw, momentum, nesterov, rmsprop, sgd, test_adagrad}. "
                + "Received: 'adagrad'",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Registry.layers().get("conv9d"));
        assertTrue(e.getMessage().startsWith("Unknown layer. Expected one of {batch_norm, dense, dropout, gelu,"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Received: 'conv9d'"), e.getMessage());
        assertFalse(Registry.layers().contains(null));
    }

    @Test
    @DisplayName("unknown, missing and malformed settings are refused naming the component and the setting")
    void badSettings() {
        assertMessage("Unknown setting of optimizer 'adam'. Expected one of {beta1, beta2, epsilon, lr, weight_decay}. "
                + "Received: 'momentum'", () -> Registry.optimizers().create("adam", Map.of("momentum", "0.9")));
        assertMessage("layer 'dense': setting 'units' is required (number of outputs)",
                () -> Registry.layers().create("dense", Map.of()));
        assertMessage("layer 'dense': setting 'units' must be an integer, got 'ten'",
                () -> Registry.layers().create("dense", Map.of("units", "ten")));
        assertMessage("optimizer 'momentum': setting 'nesterov' must be true or false, got 'yes'",
                () -> Registry.optimizers().create("momentum", Map.of("nesterov", "yes")));
        assertMessage("optimizer 'sgd': setting 'lr' must be a finite number, got 'NaN'",
                () -> Registry.optimizers().create("sgd", Map.of("lr", "NaN")));
        assertMessage("optimizer 'sgd': setting 'lr' is given twice",
                () -> Registry.optimizers().create("sgd", Map.of("lr", "0.1", "LR", "0.2")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Registry.layers().create("dense", Map.of("units", "3", "init", "uniform")));
        assertTrue(e.getMessage().startsWith("layer 'dense': setting 'init' must be an initializer, got 'uniform': "
                + "Unknown initializer."), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Registry.layers().create("dropout", Map.of("rate", "1.5")));
        assertTrue(e.getMessage().contains("rate must be in [0, 1)"), e.getMessage());
    }

    @Test
    @DisplayName("the text form: NAME, NAME(VALUE) bound in order, NAME(KEY=VALUE, ...); format reads back")
    void textForms() {
        assertEquals(Initializer.normal(0.05), Registry.initializers().parse("normal(0.05)"));
        assertEquals(Initializer.normal(0.05), Registry.initializers().parse("normal(sigma=0.05)"));
        assertEquals(new Momentum(0.2, 0.8, true, 0).toString(),
                Registry.optimizers().parse("momentum(0.2, nesterov=true, momentum=0.8)").toString());
        assertMessage("optimizer 'momentum(nesterov=true, 0.2)': a bare value cannot follow KEY=VALUE",
                () -> Registry.optimizers().parse("momentum(nesterov=true, 0.2)"));
        assertMessage("initializer 'normal(0.1, 0.2)': normal takes 1 setting(s), got 2",
                () -> Registry.initializers().parse("normal(0.1, 0.2)"));
        assertMessage("initializer 'normal(0.1': expected NAME or NAME(VALUE, KEY=VALUE, ...)",
                () -> Registry.initializers().parse("normal(0.1"));
        assertEquals("normal(0.05)", Registry.initializers().format(Initializer.normal(0.05)));
        assertEquals("he", Registry.initializers().format(Initializer.he()));
        assertEquals("momentum(lr=0.2, momentum=0.8, nesterov=true, weight_decay=0.0)",
                Registry.optimizers().format(new Momentum(0.2, 0.8, true, 0)));
    }

    @Test
    @DisplayName("every registered component rebuilds from its name and settings")
    void everyComponentRoundTrips() {
        for (Kind<?> kind : Kind.all()) {
            roundTrips(Registry.standard().catalog(kind));
        }
    }

    private static <T> void roundTrips(Catalog<T> catalog) {
        Kind<T> kind = catalog.kind();
        for (Registration<T> r : catalog.registrations()) {
            Map<String, String> required = new java.util.HashMap<>();
            for (Setting s : r.settings()) {
                if (s.required()) {
                    required.put(s.name(), s.type() == Setting.Type.INTEGER ? "3" : "0.25");
                }
            }
            T built = catalog.create(r.name(), required);
            assertEquals(r.name(), kind.typeOf(built), r + " reports its registered name");
            T again = catalog.parse(catalog.format(built));
            assertEquals(kind.typeOf(built), kind.typeOf(again), r.toString());
            assertEquals(kind.configOf(built), kind.configOf(again), r.toString());
        }
    }

    @Test
    @DisplayName("a registered activation is a layer type of the same name, and the builder adds layers by name")
    void activationsAreLayers() {
        Layer relu = Registry.layers().create("relu");
        assertInstanceOf(Activation.class, relu);
        assertEquals("Relu()", relu.toString());
        Sequential model = Sequential.builder(3).add("dense", Map.of("units", "4", "init", "glorot"))
                .add("test_leaky_relu", Map.of("alpha", "0.1")).add("dense", Map.of("units", "2")).add("softmax")
                .build(new ReferenceBackend());
        assertEquals("Sequential[3 -> Dense(4, glorot) -> TestLeakyRelu(0.1) -> Dense(2) -> Softmax()]", model.toString());
        assertEquals(TestLeakyRelu.TYPE + "_1", model.layers().get(1).type() + "_1");
        assertMessage("Unknown layer. Expected one of {batch_norm, dense, dropout, gelu, layer_norm, leaky_relu, relu, "
                + "rescale, sigmoid, softmax, tanh, test_labelled, test_leaky_relu, test_recenter}. Received: 'conv'",
                () -> Sequential.builder(3).add("conv"));
    }

    @Test
    @DisplayName("two registrations of one name stop the registry naming both providers")
    void duplicates() {
        RegistryProvider another = () -> List.of(Registration.builder(Kind.LAYER, "dense")
                .description("a second dense").factory(s -> new Dense(1)).build());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Registry.of(withBuiltIns(another)));
        assertTrue(e.getMessage().startsWith("Two registrations of layer 'dense': org.nnfs.registry.BuiltInLayers and "
                + another.getClass().getName()), e.getMessage());

        RegistryProvider activationNamedLikeALayer = () -> List.of(Registration.builder(Kind.ACTIVATION, "softmax")
                .description("clashes with the softmax layer").factory(s -> new TestLeakyRelu(0.1)).build());
        e = assertThrows(IllegalStateException.class,
                () -> Registry.of(withBuiltIns(activationNamedLikeALayer)));
        assertTrue(e.getMessage().startsWith("Two registrations of layer 'softmax'"), e.getMessage());

        RegistryProvider aliasClash = () -> List.of(Registration.builder(Kind.INITIALIZER, "xavier")
                .description("clashes with glorot's alias").factory(s -> Initializer.glorot()).build());
        e = assertThrows(IllegalStateException.class, () -> Registry.of(withBuiltIns(aliasClash)));
        assertTrue(e.getMessage().startsWith("Two registrations of initializer 'xavier'"), e.getMessage());

        RegistryProvider twice = () -> List.of(
                Registration.builder(Kind.LOSS, "hinge").description("one").factory(s -> new MeanSquaredError()).build(),
                Registration.builder(Kind.LOSS, "hinge").description("two").factory(s -> new MeanSquaredError()).build());
        e = assertThrows(IllegalStateException.class, () -> Registry.of(List.of(twice)));
        assertTrue(e.getMessage().startsWith("Two registrations of loss 'hinge': both by "), e.getMessage());

        // One kind's names do not clash with another's.
        RegistryProvider otherKind = () -> List.of(Registration.builder(Kind.SCHEDULE, "adam")
                .description("a schedule named like an optimizer").factory(s -> null).build());
        assertEquals(List.of("adam", "constant", "cosine", "exponential", "plateau", "step"), Registry.of(withBuiltIns(otherKind))
                .catalog(Kind.SCHEDULE).names());
    }

    @Test
    @DisplayName("registrations must use canonical names and declare each setting once")
    void registrationRules() {
        assertThrows(IllegalArgumentException.class, () -> Registration.builder(Kind.LOSS, "Hinge"));
        assertThrows(IllegalArgumentException.class, () -> Registration.builder(Kind.LOSS, "hinge-loss"));
        assertThrows(IllegalArgumentException.class, () -> Setting.required("Alpha", Setting.Type.REAL, "x"));
        assertThrows(IllegalArgumentException.class, () -> Registration.builder(Kind.LOSS, "hinge").description("d")
                .setting(Setting.required("a", Setting.Type.REAL, "x")).setting(Setting.optional("a", Setting.Type.REAL, "y"))
                .factory(s -> new MeanSquaredError()).build());
    }

    @Test
    @DisplayName("reading a file never loads a class the file names: only registered names build layers")
    void allowList() throws IOException {
        for (String type : new String[] {TrapLayer.class.getName(), "java.lang.Runtime", "trap"}) {
            String header = "{\"format\":\"nnfs-model\",\"version\":1,\"dtype\":\"float32\",\"input\":2,\"init\":\"he\","
                    + "\"seed\":1,\"layers\":[{\"type\":\"" + type + "\",\"config\":{}}],\"parameters\":0,\"tensors\":[]}";
            Path file = dir.resolve("trap.nnfs");
            Files.write(file, wrap(header));
            InvalidModelFileException e = assertThrows(InvalidModelFileException.class,
                    () -> ModelFile.load(file, new ReferenceBackend()));
            assertTrue(e.getMessage().contains("Unknown layer. Expected one of {batch_norm, dense,"), e.getMessage());
        }
        assertFalse(trapInitialized, "reading a file initialised a class it named");
    }

    @Test
    @DisplayName("a user-registered layer with a buffer is a layer type like any other")
    void userLayer() {
        Layer recenter = Registry.layers().create("test_recenter");
        assertEquals(Map.of("momentum", "0.9"), recenter.config());
        assertEquals(Recenter.TYPE, Registry.layers().parse(Registry.layers().format(new Recenter(0.5))).type());
    }

    private static byte[] wrap(String header) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(16 + h.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("NNFSMODL".getBytes(StandardCharsets.US_ASCII)).putInt(1).putInt(h.length).put(h);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }

    /** nn-core's built-in providers, then {@code extra}. */
    private static List<RegistryProvider> withBuiltIns(RegistryProvider extra) {
        return List.of(new BuiltInLayers(), new BuiltInActivations(), new BuiltInLosses(), new BuiltInOptimizers(),
                new BuiltInInitializers(), new BuiltInSchedules(), extra);
    }
}
