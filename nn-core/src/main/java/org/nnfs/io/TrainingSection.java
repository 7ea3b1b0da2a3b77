package org.nnfs.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.nnfs.layer.TensorSpec;
import org.nnfs.loss.Loss;
import org.nnfs.model.DeclaredTensor;
import org.nnfs.model.ModelTensor;
import org.nnfs.model.Sequential;
import org.nnfs.optim.LearningRateSchedule;
import org.nnfs.optim.Optimizer;
import org.nnfs.optim.OptimizerState;
import org.nnfs.optim.ScheduleState;
import org.nnfs.registry.Registration;
import org.nnfs.registry.Registry;
import org.nnfs.registry.Setting;
import org.nnfs.tensor.Tensor;
import org.nnfs.train.Batching;
import org.nnfs.train.EarlyStopping;
import org.nnfs.train.EarlyStoppingState;
import org.nnfs.train.EpochSummary;
import org.nnfs.train.GradientClipping;
import org.nnfs.train.PartialBatch;
import org.nnfs.train.TrainingState;

/**
 * The header's {@code training} object and the tensors it owns (the optimizer's state, then the best
 * epoch's copy of the model's tensors), written and read in one place. Fields added after the first
 * files of version 2 are optional, with the meaning those files had: a constant schedule, no clipping,
 * no validation split, the partial batch kept, no early stopping.
 */
final class TrainingSection {
    /** The prefix of the best-epoch tensors' names: {@code best.dense_0.weight}, ... */
    static final String BEST_PREFIX = "best.";

    private TrainingSection() {
    }

    // ------------------------------------------------------------------ writing

    /** The training state's tensors in data order, each with its table name and kind. */
    static void tensors(TrainingState state, Sequential model, TensorSink sink) {
        List<Tensor> optimizer = state.optimizerState().tensors();
        for (int i = 0; i < optimizer.size(); i++) {
            sink.add(Format.OPTIMIZER_PREFIX + i, TableEntry.Kind.OPTIMIZER, optimizer.get(i));
        }
        List<Tensor> best = state.earlyStopping().map(EarlyStoppingState::bestTensors).orElse(List.of());
        List<ModelTensor> names = model.tensors();
        for (int i = 0; i < best.size(); i++) {
            sink.add(BEST_PREFIX + names.get(i).name(), TableEntry.Kind.BEST, best.get(i));
        }
    }

    /** Where {@link #tensors} puts each tensor. */
    interface TensorSink {
        void add(String name, TableEntry.Kind kind, Tensor tensor);
    }

    /** Writes the {@code training} object. */
    static void write(ObjectNode t, TrainingState state) {
        t.put("loss", state.loss().type());
        putStrings(t.putObject("loss_config"), state.loss().config());
        t.put("optimizer", state.optimizer().type());
        putStrings(t.putObject("optimizer_config"), state.optimizer().config());
        t.put("optimizer_steps", state.optimizerState().steps());
        t.put("schedule", state.schedule().type());
        putStrings(t.putObject("schedule_config"), state.schedule().config());
        List<String> names = state.schedule().stateNames();
        if (!names.isEmpty()) {
            ObjectNode s = t.putObject("schedule_state");
            for (int i = 0; i < names.size(); i++) {
                putNumber(s, names.get(i), state.scheduleState().get(i));
            }
        }
        if (state.clipping().mode() != GradientClipping.Mode.NONE) {
            t.put("clip_" + state.clipping().mode().label(), state.clipping().threshold());
        }
        t.put("epochs_completed", state.epochsCompleted());
        t.put("seed", state.seed());
        state.batching().ifPresent(b -> {
            t.put("batch_size", b.batchSize());
            t.put("training_set_size", b.trainingSetSize());
            t.put("validation_split", b.validationSplit());
            t.put("partial_batch", b.partialBatch().label());
        });
        state.earlyStopping().ifPresent(e -> {
            ObjectNode s = t.putObject("early_stopping");
            s.put("metric", e.rule().metric().label());
            s.put("patience", e.rule().patience());
            s.put("min_delta", e.rule().minDelta());
            s.put("restore_best", e.rule().restoreBest());
            putNumber(s, "best", e.best());
            s.put("best_epoch", e.bestEpoch());
            s.put("stale", e.stale());
            s.put("stopped", e.stopped());
        });
        if (!state.notes().isEmpty()) {
            putStrings(t.putObject("notes"), state.notes());
        }
        ArrayNode history = t.putArray("history");
        for (EpochSummary e : state.history()) {
            ObjectNode h = history.addObject();
            h.put("epoch", e.epoch());
            putNumber(h, "train_loss", e.trainLoss());
            putNumber(h, "train_accuracy", e.trainAccuracy());
            putNumber(h, "validation_loss", e.validationLoss());
            putNumber(h, "validation_accuracy", e.validationAccuracy());
            putNumber(h, "seconds", e.seconds());
            putNumber(h, "samples_per_second", e.samplesPerSecond());
        }
    }

    static void putStrings(ObjectNode node, Map<String, String> values) {
        values.forEach(node::put);
    }

    /** A number, or null for NaN and infinities (JSON has neither). */
    static void putNumber(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    // ------------------------------------------------------------------ reading

    /**
     * What the header says about training, checked against the model's declarations and the file's
     * training tensors, before any of them is allocated; {@link #state} then makes the state from the
     * tensors as read.
     */
    record Parsed(Loss loss, Optimizer optimizer, long steps, LearningRateSchedule schedule,
                  ScheduleState scheduleState, GradientClipping clipping, long seed, int epochs,
                  List<EpochSummary> history, Optional<Batching> batching, Optional<EarlyStoppingState> earlyStopping,
                  Map<String, String> notes, int optimizerTensors) {

        /** The state, given the file's training tensors in table order (optimizer state, then best tensors). */
        TrainingState state(List<Tensor> tensors) {
            List<Tensor> optimizerState = tensors.subList(0, optimizerTensors);
            List<Tensor> best = tensors.subList(optimizerTensors, tensors.size());
            Optional<EarlyStoppingState> stopping = earlyStopping.map(e -> new EarlyStoppingState(e.rule(), e.best(),
                    e.bestEpoch(), e.stale(), e.stopped(), best));
            return new TrainingState(optimizer, new OptimizerState(steps, optimizerState), schedule, scheduleState, loss,
                    clipping, seed, epochs, history, batching, stopping, notes);
        }
    }

    /**
     * Reads the {@code training} object of a file of format {@code version}, and checks the entries after the
     * model's ({@code stateTable}): the optimizer's slots for the declared parameters, then either no best
     * tensors or one per declared tensor.
     */
    static Parsed read(Header h, int version, JsonNode training, List<DeclaredTensor> declared,
                       List<TableEntry> stateTable) throws InvalidModelFileException {
        Path path = h.path;
        Loss loss;
        Optimizer optimizer;
        LearningRateSchedule schedule;
        try {
            loss = Registry.losses().create(h.text(training, "loss"), h.strings(training, "loss_config", true));
            Registration<Optimizer> type = Registry.optimizers().get(h.text(training, "optimizer"));
            Map<String, String> config = h.strings(training, "optimizer_config");
            if (version == Format.VERSION_1) {
                // Version 1 wrote every optimizer setting as a number, booleans as 1.0 and 0.0.
                config.replaceAll((key, value) -> type.setting(key).filter(s -> s.type() == Setting.Type.BOOLEAN)
                        .isPresent() && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")
                        ? Boolean.toString(Double.parseDouble(value) != 0) : value);
            }
            optimizer = Registry.optimizers().create(type.name(), config);
            schedule = training.hasNonNull("schedule")
                    ? Registry.schedules().create(h.text(training, "schedule"), h.strings(training, "schedule_config", true))
                    : LearningRateSchedule.constant();
        } catch (IllegalArgumentException e) {
            throw new InvalidModelFileException(path, "invalid training state: " + e.getMessage());
        }
        long steps = h.integer(training, "optimizer_steps", 0, Long.MAX_VALUE);
        ScheduleState scheduleState = scheduleState(h, training, schedule, optimizer);
        GradientClipping clipping = clipping(h, training);
        long seed = h.integer(training, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        int epochs = (int) h.integer(training, "epochs_completed", 0, Integer.MAX_VALUE);
        Optional<Batching> batching = batching(h, training);
        Optional<EarlyStoppingState> earlyStopping = earlyStopping(h, training, epochs);
        Map<String, String> notes = h.strings(training, "notes", true);
        List<EpochSummary> history = new ArrayList<>();
        for (JsonNode e : h.array(training, "history", Format.MAX_EPOCHS)) {
            history.add(new EpochSummary((int) h.integer(e, "epoch", 1, Integer.MAX_VALUE),
                    h.number(e, "train_loss"), h.number(e, "train_accuracy"), h.number(e, "validation_loss"),
                    h.number(e, "validation_accuracy"), h.number(e, "seconds"), h.number(e, "samples_per_second")));
        }
        int optimizerTensors = checkOptimizerEntries(path, optimizer, declared, stateTable);
        checkBestEntries(path, declared, stateTable.subList(optimizerTensors, stateTable.size()),
                earlyStopping.isPresent());
        return new Parsed(loss, optimizer, steps, schedule, scheduleState, clipping, seed, epochs, history, batching,
                earlyStopping, notes, optimizerTensors);
    }

    private static ScheduleState scheduleState(Header h, JsonNode training, LearningRateSchedule schedule,
                                               Optimizer optimizer) throws InvalidModelFileException {
        List<String> names = schedule.stateNames();
        if (names.isEmpty()) {
            return schedule.newState(optimizer.learningRate());
        }
        JsonNode s = h.node(training, "schedule_state");
        double[] values = new double[names.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = h.number(s, names.get(i));
        }
        return new ScheduleState(values);
    }

    private static GradientClipping clipping(Header h, JsonNode training) throws InvalidModelFileException {
        boolean norm = training.hasNonNull("clip_norm");
        boolean value = training.hasNonNull("clip_value");
        if (norm && value) {
            throw new InvalidModelFileException(h.path, "header fields 'clip_norm' and 'clip_value' exclude each other");
        }
        if (!norm && !value) {
            return GradientClipping.none();
        }
        String field = norm ? "clip_norm" : "clip_value";
        double threshold = h.number(training, field);
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new InvalidModelFileException(h.path, "header field '" + field + "' must be a positive number, got "
                    + training.get(field));
        }
        return norm ? GradientClipping.byNorm(threshold) : GradientClipping.byValue(threshold);
    }

    /** Batching, recorded with the first epoch; files before the validation split and partial batches kept it. */
    private static Optional<Batching> batching(Header h, JsonNode training) throws InvalidModelFileException {
        boolean hasBatch = training.hasNonNull("batch_size");
        if (hasBatch != training.hasNonNull("training_set_size")) {
            throw new InvalidModelFileException(h.path, "header fields 'batch_size' and 'training_set_size' come "
                    + "together");
        }
        if (!hasBatch) {
            return Optional.empty();
        }
        int batchSize = (int) h.integer(training, "batch_size", 1, Integer.MAX_VALUE);
        int size = (int) h.integer(training, "training_set_size", 1, Integer.MAX_VALUE);
        double split = training.hasNonNull("validation_split") ? h.number(training, "validation_split") : 0;
        if (!(split >= 0 && split < 1)) {
            throw new InvalidModelFileException(h.path, "header field 'validation_split' must be in [0, 1), got "
                    + training.get("validation_split"));
        }
        PartialBatch partial;
        try {
            partial = training.hasNonNull("partial_batch") ? PartialBatch.of(h.text(training, "partial_batch"))
                    : PartialBatch.KEEP;
        } catch (IllegalArgumentException e) {
            throw new InvalidModelFileException(h.path, "header field 'partial_batch': " + e.getMessage());
        }
        return Optional.of(new Batching(batchSize, size, split, partial));
    }

    /** Early stopping's rule and progress; the best tensors come from the table. */
    private static Optional<EarlyStoppingState> earlyStopping(Header h, JsonNode training, int epochs)
            throws InvalidModelFileException {
        if (!training.hasNonNull("early_stopping")) {
            return Optional.empty();
        }
        JsonNode s = h.node(training, "early_stopping");
        try {
            EarlyStopping rule = new EarlyStopping(EarlyStopping.Metric.of(h.text(s, "metric")),
                    (int) h.integer(s, "patience", 1, Integer.MAX_VALUE), h.number(s, "min_delta"),
                    h.flag(s, "restore_best"));
            return Optional.of(new EarlyStoppingState(rule, h.number(s, "best"),
                    (int) h.integer(s, "best_epoch", 0, epochs), (int) h.integer(s, "stale", 0, epochs),
                    h.flag(s, "stopped"), List.of()));
        } catch (IllegalArgumentException e) {
            throw new InvalidModelFileException(h.path, "header field 'early_stopping': " + e.getMessage());
        }
    }

    /** The optimizer keeps slotsPerParameter tensors shaped like each parameter, in parameter order. */
    private static int checkOptimizerEntries(Path path, Optimizer optimizer, List<DeclaredTensor> declared,
                                             List<TableEntry> stateTable) throws InvalidModelFileException {
        List<TensorSpec> parameters = new ArrayList<>();
        for (DeclaredTensor d : declared) {
            if (d.spec().isParameter()) {
                parameters.add(d.spec());
            }
        }
        int per = optimizer.slotsPerParameter();
        long expected = (long) parameters.size() * per;
        int held = 0;
        while (held < stateTable.size() && stateTable.get(held).kind() == TableEntry.Kind.OPTIMIZER) {
            held++;
        }
        if (held != expected) {
            throw new InvalidModelFileException(path, "optimizer '" + optimizer.type() + "' keeps " + expected
                    + " state tensors but the file holds " + held);
        }
        for (int i = 0; i < held; i++) {
            TableEntry e = stateTable.get(i);
            TensorSpec p = parameters.get(i / per);
            if (!e.name().equals(Format.OPTIMIZER_PREFIX + i) || e.rows() != p.rows() || e.cols() != p.cols()) {
                throw new InvalidModelFileException(path, "the file's " + e.describe()
                        + " does not match optimizer state '" + Format.OPTIMIZER_PREFIX + i + "' " + p.shape());
            }
        }
        return held;
    }

    /** Best tensors: none, or a copy of every declared tensor by name and shape, and only with early stopping. */
    private static void checkBestEntries(Path path, List<DeclaredTensor> declared, List<TableEntry> best,
                                         boolean earlyStopping) throws InvalidModelFileException {
        if (best.isEmpty()) {
            return;
        }
        if (!earlyStopping || best.size() != declared.size()) {
            throw new InvalidModelFileException(path, "the file holds " + best.size() + " best-epoch tensors; "
                    + (earlyStopping ? "the model has " + declared.size() : "without early stopping it holds none"));
        }
        for (int i = 0; i < best.size(); i++) {
            TableEntry e = best.get(i);
            DeclaredTensor d = declared.get(i);
            if (e.kind() != TableEntry.Kind.BEST || !e.name().equals(BEST_PREFIX + d.name())
                    || e.rows() != d.spec().rows() || e.cols() != d.spec().cols()) {
                throw new InvalidModelFileException(path, "the file's " + e.describe() + " does not match best-epoch "
                        + "tensor '" + BEST_PREFIX + d.name() + "' " + d.spec().shape());
            }
        }
    }
}
