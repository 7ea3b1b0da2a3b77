package org.nnfs.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.mnist.data.MnistDownloader;
import org.nnfs.mnist.data.MnistFile;
import org.nnfs.mnist.data.MnistLoader;
import org.nnfs.mnist.data.MnistLocator;
import org.nnfs.mnist.data.MnistSource;

/** Every way a user can get it wrong ends in one clear line and the right exit code. */
class CliErrorsTest {
    @TempDir
    Path dir;

    @Test
    void everyCommandHasHelp() {
        for (String[] args : new String[][] {{"--help"}, {"train", "--help"}, {"evaluate", "--help"}, {"predict", "--help"},
                {"help", "train"}}) {
            Cli.Result r = Cli.run(args);
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().contains("Usage: nn-mnist"), r.toString());
        }
        Cli.Result train = Cli.run("train", "--help");
        for (String option : new String[] {"--backend", "--data", "--epochs", "--batch-size", "--lr", "--optimizer",
                "--hidden", "--activation", "--init", "--seed", "--threads", "--dtype", "--out", "--report", "--resume",
                "--limit", "--dropout", "--batch-norm", "--layer-norm"}) {
            assertTrue(train.out().contains(option), option);
        }
        assertTrue(train.out().contains("(default: 20)"), train.out());
        assertTrue(train.out().contains("(default: 100,200)"), train.out());
        // Names and learning rates come from the registry, test registrations (nn-core's test-jar) included.
        String help = train.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("Optimizer: adam, adamw, momentum, nesterov, rmsprop, sgd, test_adagrad (default: sgd)"),
                help);
        assertTrue(help.contains("(default: the optimizer's: adam 0.001, adamw 0.001, momentum 0.05, nesterov 0.05, "
                + "rmsprop 0.001, sgd 0.1, test_adagrad 0.01)"), help);
        assertTrue(help.contains("Learning-rate schedule: constant, cosine, exponential, plateau, step."), help);
        assertTrue(help.contains("Activation of the hidden layers: gelu, leaky_relu, relu, sigmoid, tanh"), help);
        assertTrue(help.contains("Weight initialisation: glorot, he, normal, ones, zeros"), help);
    }

    @Test
    void noSubcommandIsAUsageError() {
        Cli.Result r = Cli.run();
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Commands:"), r.toString());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertUsage(Cli.run("train", "--epochs", "0"), "error: Invalid value for option '--epochs': must be at least 1, got 0");
        assertUsage(Cli.run("train", "--lr", "-1"), "error: Invalid value for option '--lr': must be a positive number, got -1");
        assertUsage(Cli.run("train", "--lr", "abc"), "error: Invalid value for option '--lr': 'abc' is not a number");
        assertUsage(Cli.run("train", "--threads", "40000"), "error: Invalid value for option '--threads': must be at most "
                + 4 * Runtime.getRuntime().availableProcessors() + " (4 per processor of this machine), got 40000");
        assertUsage(Cli.run("train", "--threads", "2147483647"), "error: Invalid value for option '--threads': must be "
                + "at most");
        assertUsage(Cli.run("train", "--optimizer", "adagrad"), "error: Invalid value for option '--optimizer': "
                + "Unknown optimizer. Expected one of {adam, adamw, momentum, nesterov, rmsprop, sgd, test_adagrad}. "
                + "Received: 'adagrad'");
        assertUsage(Cli.run("train", "--activation", "swish"), "error: Invalid value for option '--activation': "
                + "Unknown activation. Expected one of {gelu, leaky_relu, relu, sigmoid, tanh");
        assertUsage(Cli.run("train", "--activation", "relu(0.1)"), "error: Invalid value for option '--activation': "
                + "activation 'relu(0.1)': relu takes 0 setting(s), got 1");
        assertUsage(Cli.run("train", "--hidden", "100,x"), "error: Invalid value for option '--hidden' (N,N): 'x' is not a whole number");
        assertUsage(Cli.run("train", "--threads", "-2"), "error: Invalid value for option '--threads': must be 0 or more, got -2");
        assertUsage(Cli.run("train", "--dtype", "int8"), "error: Invalid value for option '--dtype': unknown dtype 'int8'");
        assertUsage(Cli.run("train", "--init", "uniform"), "error: Invalid value for option '--init': "
                + "Unknown initializer. Expected one of {glorot, he, normal, ones, zeros}. Received: 'uniform'");
        assertUsage(Cli.run("train", "--init", "normal(-1)"), "error: Invalid value for option '--init': "
                + "normal initializer: sigma must be positive and finite, got -1.0");
        assertUsage(Cli.run("train", "--backend", "cuda"), "error: Invalid value for option '--backend': unknown backend 'cuda'; expected one of [");
        Cli.Result typo = Cli.run("train", "--epoch", "3");
        assertUsage(typo, "error: Unknown options: '--epoch', '3'");
        assertTrue(typo.err().contains("--epochs"), typo.toString()); // the suggestion
        assertTrue(typo.err().contains("Try 'nn-mnist train --help' for more information."), typo.toString());
        assertUsage(Cli.run("evaluate"), "error: Missing required option: '--model=FILE'");
        assertUsage(Cli.run("predict", "--model", "m"), "error: Missing required parameter: 'IMAGE'");
        assertUsage(Cli.run("train", "--resume", "x.model", "--hidden", "10", "--lr", "0.5"),
                "error: --resume continues the model, optimizer and seed saved in x.model; --hidden, --lr cannot be changed");
        assertUsage(Cli.run("train", "--resume", "x.model", "--activation", "tanh"),
                "error: --resume continues the model, optimizer and seed saved in x.model; --activation cannot be changed");
    }

    @Test
    void badModelOptionsAreUsageErrorsNamingTheOption() {
        assertUsage(Cli.run("train", "--dropout", "1"), "error: Invalid value for option '--dropout': must be in [0, 1), got 1\n");
        assertUsage(Cli.run("train", "--dropout", "-0.1"), "error: Invalid value for option '--dropout': must be in [0, 1), got -0.1");
        assertUsage(Cli.run("train", "--dropout", "half"), "error: Invalid value for option '--dropout': 'half' is not a number");
        assertUsage(Cli.run("train", "--activation", "leaky-relu(-0.1)"), "error: Invalid value for option '--activation': "
                + "leaky_relu: slope must be a finite number of at least 0, got -0.1");
        assertUsage(Cli.run("train", "--activation", "leaky_relu(slope=x)"), "error: Invalid value for option '--activation': "
                + "activation 'leaky_relu': setting 'slope' must be a finite number, got 'x'");
        assertUsage(Cli.run("train", "--batch-norm", "--layer-norm"),
                "error: --batch-norm and --layer-norm cannot be combined; choose one\n");
        assertUsage(Cli.run("train", "--resume", "x.model", "--batch-norm", "--dropout", "0.2", "--seed", "3"),
                "error: --resume continues the model, optimizer and seed saved in x.model; --dropout, --batch-norm, --seed "
                        + "cannot be changed");
    }

    @Test
    void missingDataNamesTheFilesAndWhereToPutThem() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Cli.Result r = Cli.run("train", "--data", empty.toString(), "--epochs", "1");
        assertFailure(r, "error: MNIST file(s) [train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,"
                + " t10k-labels-idx1-ubyte] not found in " + empty + " (from --data). Put the four MNIST files");
        assertEquals(1, r.err().lines().count(), r.toString());
    }

    @Test
    void whenNoSourceDeliversTheMessageSaysHowToProvideTheFiles() {
        MnistSource offline = new MnistSource() {
            @Override
            public String description() {
                return "https://mirror.invalid/mnist/";
            }

            @Override
            public void fetch(org.nnfs.mnist.data.MnistFile file, Path target) throws IOException {
                throw new IOException("network unreachable");
            }
        };
        Path home = dir.resolve("home");
        Cli.Result r = Cli.run(err -> new MnistLocator(name -> null, home,
                () -> new MnistDownloader(List.of(offline), err::println)), "evaluate", "--model", modelFile().toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("error: could not download MNIST file(s) [t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte]"),
                r.toString());
        assertTrue(r.err().contains("t10k-images-idx3-ubyte from https://mirror.invalid/mnist/: network unreachable"), r.toString());
        assertTrue(r.err().contains("Put the four MNIST files train-images-idx3-ubyte, train-labels-idx1-ubyte, "
                + "t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (raw, or gzipped with .gz added) in "
                + home.resolve(".cache/nnfs/mnist") + ", or in any directory given with --data DIR or the environment "
                + "variable MNIST_DIR."), r.toString());
        assertFalse(Files.exists(home.resolve(".cache/nnfs/mnist/t10k-images-idx3-ubyte")));
    }

    @Test
    void missingOrCorruptModelFiles() throws IOException {
        Path missing = dir.resolve("missing.model");
        assertFailure(Cli.run("evaluate", "--model", missing.toString()), "error: " + missing + ": model file not found");
        Path garbage = Files.writeString(dir.resolve("garbage.model"), "this is not a model, just some text padding it out");
        assertFailure(Cli.run("evaluate", "--model", garbage.toString()), "error: " + garbage + ": not a model file");
        Path cut = dir.resolve("cut.model");
        byte[] good = Files.readAllBytes(modelFile());
        Files.write(cut, java.util.Arrays.copyOf(good, good.length - 100));
        assertFailure(Cli.run("predict", "--model", cut.toString(), "x.png"), "error: " + cut + ": ");
    }

    @Test
    void aDirectoryGivenAsAModelIsNamed() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("models"));
        for (String[] args : new String[][] {{"evaluate", "--model", folder.toString()},
                {"predict", "--model", folder.toString(), "x.png"}, {"train", "--resume", folder.toString()}}) {
            Cli.Result r = Cli.run(args);
            assertFailure(r, "error: " + folder + ": is a directory, not a model file");
            assertEquals(1, r.err().lines().count(), r.toString());
        }
    }

    @Test
    void aModelThatIsNoMnistClassifierIsRejected() throws IOException {
        Path small = dir.resolve("small.model");
        org.nnfs.model.Sequential net = org.nnfs.model.Sequential.builder(4).dense(3).softmax()
                .build(org.nnfs.tensor.Backends.get());
        org.nnfs.io.ModelFile.save(net, small);
        assertFailure(Cli.run("evaluate", "--model", small.toString()),
                "error: " + small + ": the model takes 4 inputs and gives 3 outputs; an MNIST classifier takes 784 and gives 10");
    }

    @Test
    void corruptDataFilesAreNamed() throws IOException {
        Path bad = Files.createDirectories(dir.resolve("bad"));
        for (MnistFile f : MnistFile.values()) {
            Path real = org.nnfs.mnist.testing.TestData.mnistFile(f);
            Files.copy(real, bad.resolve(real.getFileName()));
        }
        // Swap in a label file where the training images belong.
        Files.delete(MnistLoader.find(bad, MnistFile.TRAIN_IMAGES).orElseThrow());
        Files.copy(MnistLoader.find(bad, MnistFile.TRAIN_LABELS).orElseThrow(), bad.resolve("train-images-idx3-ubyte"));
        assertFailure(Cli.run("train", "--data", bad.toString(), "--limit", "10", "--epochs", "1"),
                "error: " + bad.resolve("train-images-idx3-ubyte") + ": bad magic number 0x00000801, expected 0x00000803");
    }

    @Test
    void resumingFromAModelWithoutTrainingStateFails() {
        Path plain = modelFile(); // saved without optimizer state
        Cli.Result r = Cli.run("train", "--resume", plain.toString(), "--data", org.nnfs.mnist.testing.TestData.mnistDir()
                .toString(), "--limit", "10");
        assertFailure(r, "error: " + plain + ": holds a model without training state");
        assertFailure(Cli.run("train", "--resume", dir.resolve("nope.model").toString()),
                "error: " + dir.resolve("nope.model") + ": model file not found");
    }

    @Test
    void stackTracesOnlyWithVerbose() {
        Path missing = dir.resolve("missing.model");
        Cli.Result quiet = Cli.run("evaluate", "--model", missing.toString());
        assertFalse(quiet.err().contains("\tat "), quiet.toString());
        Cli.Result verbose = Cli.run("evaluate", "--verbose", "--model", missing.toString());
        assertEquals(1, verbose.code());
        assertTrue(verbose.err().contains("java.nio.file.NoSuchFileException"), verbose.toString());
        assertTrue(verbose.err().contains("\tat "), verbose.toString());
    }

    /** A small valid MNIST-shaped model file, untrained. */
    private Path modelFile() {
        Path p = dir.resolve("mnist.model");
        if (!Files.exists(p)) {
            try {
                org.nnfs.io.ModelFile.save(org.nnfs.model.Sequential.builder(784).dense(10).softmax()
                        .build(org.nnfs.tensor.Backends.get()), p);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return p;
    }

    static void assertUsage(Cli.Result r, String firstLineStart) {
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().startsWith(firstLineStart), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
    }

    static void assertFailure(Cli.Result r, String firstLineStart) {
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().startsWith(firstLineStart), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
    }
}
