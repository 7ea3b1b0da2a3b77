package org.nnfs.mnist.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

import org.nnfs.data.Dataset;
import org.nnfs.eval.Evaluation;
import org.nnfs.io.ModelFile;
import org.nnfs.mnist.data.MnistDataset;
import org.nnfs.mnist.data.MnistSplit;
import org.nnfs.mnist.progress.TrainingProgress;
import org.nnfs.mnist.report.EvaluationSummary;
import org.nnfs.mnist.report.TrainingReport;
import org.nnfs.model.DeclaredTensor;
import org.nnfs.model.Sequential;
import org.nnfs.optim.Optimizer;
import org.nnfs.registry.Registry;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.train.Checkpoint;
import org.nnfs.train.EpochSummary;
import org.nnfs.train.FitOptions;
import org.nnfs.train.History;
import org.nnfs.train.Trainer;
import org.nnfs.train.TrainingDivergedException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nn-mnist train}: trains the network on the training set, reporting test accuracy every epoch.
 * The defaults are the original program's: 784-100-200-10 with ReLU and softmax, SGD with learning rate
 * 0.1, batches of 512, 20 epochs, weights drawn from N(0, 0.1²).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        resourceBundle = "org.nnfs.mnist.cli.RegistryHelp",
        description = {"Trains a multilayer perceptron on MNIST and reports test accuracy after every epoch.",
                "With --out the model file is rewritten after every epoch, so an interrupted run loses at most "
                        + "one epoch: continue it with --resume FILE."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    MnistApp app;

    @Mixin
    BackendOptions backend;

    @Mixin
    ModelOptions model;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory with the MNIST files (default: $MNIST_DIR, "
            + "else the per-user cache, downloading on first use).")
    Path data;

    @Mixin
    TrainingOptions training;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the initial weights and of the shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Model file to write; rewritten after every epoch with the training state (default: none, "
                    + "or the --resume file).")
    Path out;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Directory for the report: learning curves, confusion matrix, misclassified digits (PNG), "
                    + "metrics (JSON, CSV).")
    Path report;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue the run saved in FILE (written by --out) up to --epochs; the model, seed, "
                    + "--limit and every training option but --epochs and --save-best come from the file.")
    Path resume;

    @Option(names = "--limit", paramLabel = "N", converter = Converters.Positive.class,
            description = "Use only the first N training and N test examples (quick experiments, tests).")
    Integer limit;

    @Override
    public Integer call() throws IOException {
        checkOptions();
        if (resume != null) {
            MnistData.requireFile(resume);
        }
        Path modelFile = out != null ? out : resume;
        // Checked and locked before any work: a path that cannot be written fails now, not after an epoch.
        try (ModelOutput output = modelFile == null ? null : ModelOutput.open(modelFile)) {
            return train(output, modelFile);
        }
    }

    private int train(ModelOutput output, Path modelFile) throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        long start = System.nanoTime();

        Backend tensors = backend.create(stdout);
        Trainer trainer = resume != null ? resumed(tensors, stdout) : fresh(tensors);
        int batchSize = sameRunSetting("--batch-size", training.batchSize, trainer.batchSize(),
                TrainingOptions.DEFAULT_BATCH_SIZE, "trains with --batch-size %d");
        Path dir = app.locator(stderr).locate(data, MnistSplit.TRAIN, MnistSplit.TEST);
        if (output != null) {
            output.refuseInputs(MnistData.inputFiles(dir, MnistSplit.TRAIN, MnistSplit.TEST));
        }
        int n = sameRunSetting("--limit", limit, trainer.trainingSetSize(), Integer.MAX_VALUE,
                "trains on %d examples (--limit %1$d)");
        MnistData.checkMemory(dir, n, trainer.model().dtype(), MnistSplit.TRAIN, MnistSplit.TEST);
        MnistDataset trainImages = MnistData.load(dir, MnistSplit.TRAIN, n, stdout);
        MnistDataset testImages = MnistData.load(dir, MnistSplit.TEST, n, stdout);
        if (trainer.trainingSetSize().isPresent() && trainer.trainingSetSize().getAsInt() != trainImages.count()) {
            throw new UserException(resume + " continues a run on " + trainer.trainingSetSize().getAsInt()
                    + " training examples, but " + dir + " holds " + trainImages.count());
        }

        Sequential network = trainer.model();
        ModelOptions.checkLastBatch(network, trainImages.count(), batchSize);
        Dataset train = MnistData.upload(trainImages, tensors, network.dtype());
        trainImages = null; // its 47 MB of bytes are in the tensor now: free them before training
        Dataset test = MnistData.upload(testImages, tensors, network.dtype());
        stdout.println(network.summary());
        int epochs = training.epochs;
        stdout.printf(Locale.ROOT, "optimizer %s, %sbatch size %d, %s%n", trainer.optimizer(),
                TrainingOptions.describe(trainer), batchSize, epochs(epochs));
        stdout.flush();

        int remaining = epochs - trainer.epochsCompleted();
        double trainingSeconds = 0;
        if (remaining > 0) {
            FitOptions.Builder options = training.fitOptions(trainer, remaining, batchSize, test);
            TrainingProgress progress = new TrainingProgress(app.progress(stdout), options.build().validationSplit() > 0);
            options.listener(progress);
            training.bestModelWriter().ifPresent(options::listener); // before the checkpoint: see bestModelWriter
            if (output != null) {
                options.listener(output.checkpoints());
            }
            History history = fit(trainer, train, options.build(), modelFile);
            trainingSeconds = progress.trainingSeconds();
            if (!history.stopReason().isEmpty()) {
                stdout.println(history.stopReason());
            }
        } else {
            stdout.printf(Locale.ROOT, "%s already holds %s (--epochs %d): nothing to train%n", resume,
                    epochs(trainer.epochsCompleted()), epochs);
        }

        Evaluation evaluation = trainer.evaluate(test);
        double seconds = (System.nanoTime() - start) / 1e9;
        app.progress(stdout).finished(evaluation.accuracy(), trainer.epochsCompleted(), seconds,
                trainingSeconds);
        if (output != null) {
            if (remaining <= 0 && out != null) {
                output.save(trainer.checkpoint());
            }
            if (output.saved()) {
                stdout.println("model saved to " + modelFile);
            }
        }
        if (report != null) {
            float[] probabilities = network.predict(test.features()).toFloatArray();
            List<Path> files = TrainingReport.write(report, settings(trainer, tensors, train, test, batchSize),
                    new ArrayList<EpochSummary>(trainer.history().epochs()), EvaluationSummary.of(evaluation),
                    MnistData.misclassified(testImages, probabilities), seconds);
            stdout.println("report written to " + report + " (" + files.size() + " files)");
        }
        stdout.flush();
        return 0;
    }

    /** "1 epoch", "20 epochs". */
    private static String epochs(int n) {
        return n + (n == 1 ? " epoch" : " epochs");
    }

    /** Cross-option checks picocli cannot express; failures are usage errors. */
    private void checkOptions() {
        model.check();
        if (resume == null) {
            training.check(spec.commandLine());
            return;
        }
        List<String> conflicting = new ArrayList<>(model.given());
        if (spec.commandLine().getParseResult().hasMatchedOption("--seed")) {
            conflicting.add("--seed");
        }
        conflicting.addAll(training.runOptionsGiven(spec.commandLine().getParseResult()));
        if (!conflicting.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--resume continues the model, optimizer and seed saved in "
                    + resume + "; " + String.join(", ", conflicting) + " cannot be changed (leave "
                    + (conflicting.size() == 1 ? "it" : "them") + " out)");

        }
    }

    /**
     * The value of an option that must stay what the resumed run used: the file's when the option is
     * left out, the option's otherwise, or a usage error naming both when they differ.
     *
     * @param saved    what the run recorded (empty for a fresh run, and for files of format version 1)
     * @param fallback the value of a fresh run without the option
     * @param run      what the saved value means, a format with one {@code %d}
     */
    private int sameRunSetting(String option, Integer given, OptionalInt saved, int fallback, String run) {
        if (saved.isEmpty()) {
            return given != null ? given : fallback;
        }
        if (given == null || given == saved.getAsInt()) {
            return saved.getAsInt();
        }
        throw new ParameterException(spec.commandLine(), "--resume continues the run in " + resume + ", which "
                + String.format(Locale.ROOT, run, saved.getAsInt()) + "; " + option + " " + given
                + " would make it another run (leave " + option + " out to continue it)");
    }

    private Trainer fresh(Backend tensors) {
        Sequential.Builder b = model.model(MnistData.INPUTS, seed);
        requireMemory(b, Registry.optimizers().create(training.optimizer));
        return training.configure(Trainer.builder(b.build(tensors))).seed(seed).build();
    }

    /** Refuses, before allocating them, weights that with their gradients and optimizer state cannot fit. */
    private void requireMemory(Sequential.Builder b, Optimizer chosen) {
        long parameters = 0;
        for (DeclaredTensor t : b.declarations()) {
            parameters += t.spec().isParameter() ? t.spec().elements() : 0;
        }
        DType dtype = model.dtype;
        MemoryBudget.require(parameters * dtype.bytes() * (2 + chosen.slotsPerParameter()),
                String.format(Locale.ROOT, "a model of %,d parameters (%s, with their gradients and %s's state)",
                        parameters, dtype.label(), chosen.type()), "use smaller --hidden");
    }

    private Trainer resumed(Backend tensors, PrintWriter stdout) throws IOException {
        Checkpoint checkpoint = ModelFile.loadCheckpoint(resume, tensors);
        if (checkpoint.training().isEmpty()) {
            throw new UserException(resume + ": holds a model without training state (it was not written by train "
                    + "--out), so training cannot resume from it");
        }
        Trainer trainer = Trainer.resume(checkpoint);
        MnistData.requireMnistModel(trainer.model(), resume);
        stdout.printf(Locale.ROOT, "resuming %s after epoch %d%n", resume, trainer.epochsCompleted());
        return trainer;
    }

    /**
     * Trains, turning divergence into one line that also says what the model file holds: the trainer
     * stops before a diverged epoch reaches the checkpoint listener, so the file keeps the epoch before.
     */
    private History fit(Trainer trainer, Dataset train, FitOptions options, Path modelFile) {
        int before = trainer.epochsCompleted();
        try {
            return trainer.fit(train, options);
        } catch (TrainingDivergedException e) {
            String kept = modelFile == null ? "" : trainer.epochsCompleted() > before || resume != null
                    ? " " + modelFile + " keeps epoch " + trainer.epochsCompleted() + ", saved before the divergence "
                    + "was found."
                    : " " + modelFile + " was not written.";
            throw new UserException(e.getMessage() + kept, e);
        }
    }

    private Map<String, Object> settings(Trainer trainer, Backend tensors, Dataset train, Dataset test, int batchSize) {
        Sequential network = trainer.model();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("backend", tensors.name());
        s.put("threads", tensors.threads());
        s.put("model", network.toString());
        s.put("parameters", network.parameterCount());
        s.put("dtype", network.dtype().label());
        s.put("init", network.initializer().toString());
        s.put("seed", network.seed());
        s.put("optimizer", trainer.optimizer().toString());
        s.put("schedule", trainer.schedule().toString());
        s.put("clipping", trainer.clipping().toString());
        trainer.batching().ifPresent(b -> {
            s.put("validation_split", b.validationSplit());
            s.put("partial_batch", b.partialBatch().label());
        });
        trainer.earlyStopping().ifPresent(e -> s.put("early_stopping_patience", e.rule().patience()));
        s.put("augment", TrainingOptions.augmentation(trainer));
        s.put("batch_size", batchSize);
        s.put("epochs", trainer.epochsCompleted());
        s.put("train_examples", train.size());
        s.put("test_examples", test.size());
        if (resume != null) {
            s.put("resumed_from", resume.toString());
        }
        return s;
    }
}
