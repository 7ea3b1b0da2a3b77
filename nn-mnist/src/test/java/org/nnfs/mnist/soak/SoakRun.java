package org.nnfs.mnist.soak;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.nnfs.data.Dataset;
import org.nnfs.init.Initializer;
import org.nnfs.io.ModelFile;
import org.nnfs.mnist.data.MnistDataset;
import org.nnfs.mnist.data.MnistLoader;
import org.nnfs.mnist.data.MnistSplit;
import org.nnfs.mnist.testing.TestData;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Sgd;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;
import org.nnfs.tensor.DType;
import org.nnfs.train.EpochSummary;
import org.nnfs.train.FitOptions;
import org.nnfs.train.Trainer;
import org.nnfs.train.TrainingListener;

/**
 * One soak run in its own JVM (started by {@link MemorySoak}): trains the application's default network
 * on one backend for many epochs, and after every epoch also classifies the test images and rewrites a
 * checkpoint, as a long {@code train --out} run does. After each epoch it prints one line
 * {@code soak <epoch> <heap bytes after GC> <resident bytes> <seconds> <test accuracy>}. Off-heap
 * memory (ND4J keeps its buffers outside the Java heap) shows in the resident set; JavaCPP's own counter
 * ({@code Pointer.totalBytes}) stays at 0 because ND4J allocates its CPU buffers without it.
 *
 * <p>Arguments: backend, epochs, training examples.
 */
public final class SoakRun {
    private SoakRun() {
    }

    /** Runs the soak; see the class comment. */
    public static void main(String[] args) throws IOException {
        String name = args[0];
        int epochs = Integer.parseInt(args[1]);
        int limit = Integer.parseInt(args[2]);
        Backend backend = Backends.get(name);
        MnistDataset trainImages = MnistLoader.load(TestData.mnistDir(), MnistSplit.TRAIN, limit);
        MnistDataset testImages = MnistLoader.load(TestData.mnistDir(), MnistSplit.TEST, 10_000);
        Dataset train = Dataset.classification(backend, DType.FLOAT32, trainImages.features(), trainImages.count(), 784,
                trainImages.labelsAsInts(), 10);
        Dataset test = Dataset.classification(backend, DType.FLOAT32, testImages.features(), testImages.count(), 784,
                testImages.labelsAsInts(), 10);
        Sequential model = Sequential.builder(784).dense(100).relu().dense(200).relu().dense(10).softmax()
                .init(Initializer.normal(0.1)).seed(1).build(backend);
        Trainer trainer = Trainer.builder(model).optimizer(new Sgd(0.1)).seed(1).build();
        Path checkpoint = Files.createTempFile("soak-" + name, ".nnfs");
        long start = System.nanoTime();
        System.out.println("soak backend " + backend.description());
        TrainingListener probe = new TrainingListener() {
            @Override
            public void onEpoch(EpochSummary summary) {
                try {
                    model.classify(test.features());
                    ModelFile.save(trainer.checkpoint(), checkpoint);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                System.out.printf(Locale.ROOT, "soak %d %d %d %.1f %.4f%n", summary.epoch(), heapAfterGc(),
                        residentBytes(), (System.nanoTime() - start) / 1e9, summary.validationAccuracy());
            }
        };
        try {
            trainer.fit(train, FitOptions.builder().epochs(epochs).batchSize(512).validation(test).listener(probe).build());
        } finally {
            Files.deleteIfExists(checkpoint);
        }
    }

    /** Heap in use after a full collection (twice, so that objects freed by finalisation go too). */
    static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The process's resident set ({@code VmRSS} of {@code /proc/self/status}), -1 where there is none. */
    static long residentBytes() {
        try {
            List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
            for (String line : status) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) * 1024; // reported in kB
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
