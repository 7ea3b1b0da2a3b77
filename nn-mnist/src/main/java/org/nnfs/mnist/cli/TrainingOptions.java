package org.nnfs.mnist.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.nnfs.data.Dataset;
import org.nnfs.io.ModelFile;
import org.nnfs.mnist.augment.RandomShift;
import org.nnfs.mnist.data.MnistLoader;
import org.nnfs.optim.ConstantSchedule;
import org.nnfs.optim.LearningRateSchedule;
import org.nnfs.optim.Optimizer;
import org.nnfs.registry.Registration;
import org.nnfs.registry.Registry;
import org.nnfs.registry.Setting;
import org.nnfs.train.Batching;
import org.nnfs.train.EarlyStopping;
import org.nnfs.train.EarlyStoppingState;
import org.nnfs.train.EpochSummary;
import org.nnfs.train.FitOptions;
import org.nnfs.train.GradientClipping;
import org.nnfs.train.PartialBatch;
import org.nnfs.train.Trainer;
import org.nnfs.train.TrainingListener;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The options of {@code train} that say how the network is trained: epochs and batches, the optimizer
 * and its learning-rate schedule, gradient clipping, validation, early stopping and augmentation. A
 * resumed run takes all of them from its file, except {@code --epochs} (where to stop) and
 * {@code --save-best} (an output).
 */
final class TrainingOptions {
    /** Examples per batch without --batch-size: the original program's. */
    static final int DEFAULT_BATCH_SIZE = 512;
    /** The note under which a run records --augment. */
    static final String AUGMENT_NOTE = "augment";

    /** Options that shape the run; a resumed run takes them from its file. */
    static final List<String> RUN_OPTIONS = List.of("--optimizer", "--lr", "--weight-decay", "--schedule",
            "--warmup-epochs", "--lr-min", "--step-size", "--gamma", "--plateau-patience", "--plateau-factor",
            "--clip-norm", "--clip-value", "--validation-split", "--early-stopping", "--augment", "--drop-last",
            "--keep-last", "--scale-last");

    /** The schedule setting each schedule option sets. */
    private static final Map<String, String> SCHEDULE_SETTINGS = Map.of("--warmup-epochs", "warmup_epochs",
            "--lr-min", "min_lr", "--step-size", "step_size", "--gamma", "gamma", "--plateau-patience", "patience",
            "--plateau-factor", "factor");

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "20", converter = Converters.Positive.class,
            description = "Epochs to train in total, counting those of a resumed run (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", converter = Converters.Positive.class,
            description = "Examples per mini-batch (default: " + DEFAULT_BATCH_SIZE + ", or the --resume file's).")
    Integer batchSize;

    @Option(names = "--drop-last", description = "Skip each epoch's last batch when it is smaller than --batch-size, "
            + "as the original program does (the default).")
    boolean dropLast;

    @Option(names = "--keep-last", description = "Train on the smaller last batch like any other.")
    boolean keepLast;

    @Option(names = "--scale-last", description = "Train on the smaller last batch with its gradient scaled by its "
            + "size over --batch-size.")
    boolean scaleLast;

    @Option(names = "--optimizer", paramLabel = "OPTIMIZER", defaultValue = "sgd", converter = Converters.Optimizers.class,
            completionCandidates = RegistryHelp.Optimizers.class,
            description = "Optimizer: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "X", converter = Converters.PositiveReal.class,
            description = "Learning rate (default: the optimizer's: ${bundle:registry.learning-rates}).")
    Double learningRate;

    @Option(names = "--weight-decay", paramLabel = "X", converter = Converters.NonNegativeReal.class,
            description = "Weight decay of the weights (not biases): L2 added to the gradient, decoupled for adamw "
                    + "(default: the optimizer's: 0, adamw 0.01).")
    Double weightDecay;

    @Option(names = "--schedule", paramLabel = "SCHEDULE", defaultValue = "constant", converter = Converters.Schedules.class,
            completionCandidates = RegistryHelp.Schedules.class,
            description = "Learning-rate schedule: ${COMPLETION-CANDIDATES}. step and exponential change the rate "
                    + "once an epoch, cosine every batch down to --lr-min over --epochs, plateau when the validation "
                    + "loss stalls (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--warmup-epochs", paramLabel = "N", converter = Converters.NonNegative.class,
            description = "Raise the rate linearly from 0 over the first N epochs, with any schedule (default: 0).")
    Integer warmupEpochs;

    @Option(names = "--lr-min", paramLabel = "X", converter = Converters.NonNegativeReal.class,
            description = "The lowest rate of cosine and plateau (default: 0).")
    Double minLearningRate;

    @Option(names = "--step-size", paramLabel = "N", converter = Converters.Positive.class,
            description = "Epochs between decays of the step schedule (required with --schedule step).")
    Integer stepSize;

    @Option(names = "--gamma", paramLabel = "X", converter = Converters.DecayFactor.class,
            description = "The factor of each decay, in (0, 1]: step (default 0.1) and exponential (required).")
    Double gamma;

    @Option(names = "--plateau-patience", paramLabel = "N", converter = Converters.NonNegative.class,
            description = "Epochs without a better validation loss before plateau lowers the rate (default: 10).")
    Integer plateauPatience;

    @Option(names = "--plateau-factor", paramLabel = "X", converter = Converters.OpenFraction.class,
            description = "What plateau multiplies the rate by, in (0, 1) (default: 0.1).")
    Double plateauFactor;

    @Option(names = "--clip-norm", paramLabel = "X", converter = Converters.PositiveReal.class,
            description = "Scale the gradients down when their global L2 norm exceeds X.")
    Double clipNorm;

    @Option(names = "--clip-value", paramLabel = "X", converter = Converters.PositiveReal.class,
            description = "Clamp every gradient element to [-X, X].")
    Double clipValue;

    @Option(names = "--validation-split", paramLabel = "F", converter = Converters.OpenFraction.class,
            description = "Hold out the fraction F of the training set (drawn from --seed) and report each epoch on "
                    + "it; the test set is then evaluated once, at the end.")
    Double validationSplit;

    @Option(names = "--early-stopping", paramLabel = "N", converter = Converters.Positive.class,
            description = "Stop after N epochs without a better validation loss, and end with the best epoch's weights "
                    + "(needs --validation-split).")
    Integer earlyStopping;

    @Option(names = "--save-best", paramLabel = "FILE",
            description = "Write the model to FILE whenever the validation loss is the best so far (needs "
                    + "--validation-split).")
    Path saveBest;

    @Option(names = "--augment", paramLabel = "N", converter = Converters.NonNegative.class,
            description = "Shift each training image by a random offset of up to N pixels per axis, new every epoch "
                    + "(default: 0, none).")
    Integer augment;

    /** The options of this mixin given on the command line that a resumed run takes from its file. */
    List<String> runOptionsGiven(ParseResult parsed) {
        List<String> given = new ArrayList<>();
        for (String name : RUN_OPTIONS) {
            if (parsed.hasMatchedOption(name)) {
                given.add(name);
            }
        }
        return given;
    }

    /**
     * Checks what picocli cannot: options that exclude or need each other, and schedule options that the
     * chosen schedule does not take. Failures are usage errors naming the options.
     */
    void check(CommandLine cmd) {
        ParseResult parsed = cmd.getParseResult();
        exclusive(cmd, parsed, "--drop-last", "--keep-last", "--scale-last");
        exclusive(cmd, parsed, "--clip-norm", "--clip-value");
        boolean split = validationSplit != null;
        needsSplit(cmd, split, earlyStopping != null, "--early-stopping");
        needsSplit(cmd, split, saveBest != null, "--save-best");
        Registration<LearningRateSchedule> registration = Registry.schedules().get(schedule);
        for (Map.Entry<String, String> option : SCHEDULE_SETTINGS.entrySet()) {
            if (parsed.hasMatchedOption(option.getKey()) && registration.setting(option.getValue()).isEmpty()) {
                throw new ParameterException(cmd, option.getKey() + " does not apply to --schedule " + schedule);
            }
        }
        for (Setting setting : registration.settings()) {
            if (setting.required() && !setting.name().equals("epochs") && !scheduleSettings().containsKey(setting.name())) {
                throw new ParameterException(cmd, "--schedule " + schedule + " needs " + optionOf(setting.name()) + " ("
                        + setting.description() + ")");
            }
        }
        LearningRateSchedule built;
        try {
            built = buildSchedule();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, "--schedule " + schedule + ": " + e.getMessage());
        }
        needsSplit(cmd, split, built.needsValidation(), "--schedule " + schedule);
        if (warmupEpochs != null && warmupEpochs >= epochs) {
            throw new ParameterException(cmd, "--warmup-epochs " + warmupEpochs + " leaves no epoch of --epochs " + epochs
                    + " after the warm-up");
        }
        double rate = baseRate();
        if (minLearningRate != null && minLearningRate >= rate) {
            throw new ParameterException(cmd, String.format(Locale.ROOT, "--lr-min %s must be below the learning rate %s",
                    minLearningRate, rate));
        }
        if (weightDecay != null && Registry.optimizers().get(optimizer).setting("weight_decay").isEmpty()) {
            throw new ParameterException(cmd, "--weight-decay does not apply to --optimizer " + optimizer);
        }
        if (augment != null && augment >= MnistLoader.SIDE) {
            throw new ParameterException(cmd, "--augment " + augment + " would shift a " + MnistLoader.SIDE + "-pixel "
                    + "image out of sight; use fewer pixels than that");
        }
    }

    private static void exclusive(CommandLine cmd, ParseResult parsed, String... options) {
        List<String> given = new ArrayList<>();
        for (String o : options) {
            if (parsed.hasMatchedOption(o)) {
                given.add(o);
            }
        }
        if (given.size() > 1) {
            throw new ParameterException(cmd, String.join(" and ", given) + " exclude each other (give one)");
        }
    }

    private static void needsSplit(CommandLine cmd, boolean split, boolean given, String option) {
        if (given && !split) {
            throw new ParameterException(cmd, option + " needs --validation-split F: a validation set held out of "
                    + "the training set (the test set stays unseen until the end)");
        }
    }

    private static String optionOf(String setting) {
        for (Map.Entry<String, String> e : SCHEDULE_SETTINGS.entrySet()) {
            if (e.getValue().equals(setting)) {
                return e.getKey();
            }
        }
        return "its setting '" + setting + "'";
    }

    /** The learning rate of a fresh run: --lr, else the optimizer's default. */
    private double baseRate() {
        return learningRate != null ? learningRate : Registry.optimizers().create(optimizer).learningRate();
    }

    /** The schedule settings the options give, by setting name. */
    private Map<String, String> scheduleSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        put(s, "warmup_epochs", warmupEpochs);
        put(s, "min_lr", minLearningRate);
        put(s, "step_size", stepSize);
        put(s, "gamma", gamma);
        put(s, "patience", plateauPatience);
        put(s, "factor", plateauFactor);
        return s;
    }

    private static void put(Map<String, String> settings, String name, Object value) {
        if (value != null) {
            settings.put(name, value.toString());
        }
    }

    /** The schedule the options describe; a schedule that anneals over the run takes its length from --epochs. */
    private LearningRateSchedule buildSchedule() {
        Map<String, String> settings = scheduleSettings();
        if (Registry.schedules().get(schedule).setting("epochs").isPresent()) {
            settings.put("epochs", Integer.toString(epochs));
        }
        return Registry.schedules().create(schedule, settings);
    }

    /** A fresh run's trainer settings: optimizer, schedule, clipping and the augmentation note. */
    Trainer.Builder configure(Trainer.Builder builder) {
        Map<String, String> settings = new LinkedHashMap<>();
        put(settings, "lr", learningRate);
        put(settings, "weight_decay", weightDecay);
        Optimizer o = Registry.optimizers().create(optimizer, settings);
        builder.optimizer(o).schedule(buildSchedule());
        if (clipNorm != null) {
            builder.clipping(GradientClipping.byNorm(clipNorm));
        } else if (clipValue != null) {
            builder.clipping(GradientClipping.byValue(clipValue));
        }
        if (augment != null && augment > 0) {
            builder.note(AUGMENT_NOTE, Integer.toString(augment));
        }
        return builder;
    }

    /**
     * How to train the remaining epochs: this command line's choices for a fresh run, the file's for a
     * resumed one (its batching, early stopping and augmentation), so that a resumed run is the same run.
     *
     * @param test the test set, validated on every epoch when there is no validation split
     */
    FitOptions.Builder fitOptions(Trainer trainer, int remaining, int batchSize, Dataset test) {
        FitOptions.Builder options = FitOptions.builder().epochs(remaining).batchSize(batchSize);
        Optional<Batching> saved = trainer.batching();
        PartialBatch partial = saved.map(Batching::partialBatch).orElse(partialBatch());
        double split = saved.map(Batching::validationSplit).orElse(validationSplit == null ? 0 : validationSplit);
        options.partialBatch(partial);
        if (saveBest != null && split == 0) { // a fresh run's options were checked; a resumed run's come from its file
            throw new UserException("--save-best needs a validation split, and the run being resumed holds none out "
                    + "(it was started without --validation-split)");
        }
        if (split > 0) {
            options.validationSplit(split);
        } else {
            options.validation(test);
        }
        Optional<EarlyStopping> stopping = trainer.earlyStopping().map(EarlyStoppingState::rule)
                .or(() -> Optional.ofNullable(earlyStopping).map(EarlyStopping::onValidationLoss));
        stopping.ifPresent(options::earlyStopping);
        int shift = augmentation(trainer);
        if (shift > 0) {
            options.batchTransform(new RandomShift(MnistLoader.SIDE, MnistLoader.SIDE, shift));
        }
        return options;
    }

    /**
     * What the run does besides its optimizer, for the settings line: {@code "schedule cosine(...), clip norm 1.0, "},
     * empty for a plain run.
     */
    static String describe(Trainer trainer) {
        StringBuilder s = new StringBuilder();
        if (!(trainer.schedule() instanceof ConstantSchedule) || trainer.schedule().warmupEpochs() > 0) {
            s.append("schedule ").append(trainer.schedule()).append(", ");
        }
        if (trainer.clipping().mode() != GradientClipping.Mode.NONE) {
            s.append(trainer.clipping()).append(", ");
        }
        int shift = augmentation(trainer);
        if (shift > 0) {
            s.append("shifts up to ").append(shift).append(" pixels, ");
        }
        return s.toString();
    }

    /** Pixels of augmenting shift the run uses (a resumed run: its note). */
    static int augmentation(Trainer trainer) {
        String note = trainer.notes().get(AUGMENT_NOTE);
        return note == null ? 0 : Integer.parseInt(note);
    }

    private PartialBatch partialBatch() {
        return keepLast ? PartialBatch.KEEP : scaleLast ? PartialBatch.SCALE : PartialBatch.DROP;
    }

    /**
     * With --save-best, a listener that writes the model whenever an epoch's validation loss is lower than
     * every earlier epoch's (of the whole run, resumed epochs included). It must run before the
     * checkpoint listener, so that a kill between the two never leaves a checkpoint past an unsaved best.
     */
    Optional<TrainingListener> bestModelWriter() {
        if (saveBest == null) {
            return Optional.empty();
        }
        Path file = saveBest;
        return Optional.of(new TrainingListener() {
            private Trainer trainer;

            @Override
            public void onStart(Trainer t, int firstEpoch, int lastEpoch) {
                trainer = t;
            }

            @Override
            public void onEpoch(EpochSummary summary) {
                List<EpochSummary> epochs = trainer.history().epochs();
                for (int i = 0; i < epochs.size() - 1; i++) {
                    if (!(summary.validationLoss() < epochs.get(i).validationLoss())) {
                        return;
                    }
                }
                try {
                    ModelFile.save(trainer.model(), file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }
}
