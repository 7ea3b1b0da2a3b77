package org.nnfs.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.nnfs.layer.Layer;
import org.nnfs.model.ModelTensor;
import org.nnfs.model.Sequential;
import org.nnfs.registry.Kind;
import org.nnfs.registry.Registry;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.Tensor;
import org.nnfs.train.TrainingState;

/**
 * Writes format version 2: the header describes the model (and training state) by registered names
 * and settings, the tensor table lists the model's tensors as its layers declared them, then the
 * optimizer's state. Nothing is written that a reader would refuse: components that would not rebuild
 * from their names are refused, the header is checked by the reader's own checks (its length, every
 * field, the table against the data), and a non-finite value stops the write before the target is
 * touched (see {@link AtomicReplace} for how the file is replaced).
 */
final class ModelFileWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFileWriter() {
    }

    static void write(Path path, Sequential model, Optional<TrainingState> training) throws IOException {
        checkRebuilds(model, training);
        List<String> names = new ArrayList<>();
        List<Tensor> data = new ArrayList<>();
        ObjectNode header = JSON.createObjectNode();
        header.put("format", "nnfs-model");
        header.put("version", Format.VERSION_2);
        header.put("dtype", model.dtype().label());
        header.put("input", model.inputSize());
        header.put("init", Registry.initializers().format(model.initializer()));
        header.put("seed", model.seed());
        ArrayNode layers = header.putArray("layers");
        for (Layer layer : model.layers()) {
            ObjectNode l = layers.addObject();
            l.put("type", layer.type());
            TrainingSection.putStrings(l.putObject("config"), layer.config());
        }
        ArrayNode table = header.putArray("tensors");
        for (ModelTensor t : model.tensors()) {
            TableEntry.Kind kind = t.isParameter() ? TableEntry.Kind.PARAMETER : TableEntry.Kind.BUFFER;
            entry(table, t.name(), kind, t.value());
            names.add(kind.label + " '" + t.name() + "'");
            data.add(t.value());
        }
        if (training.isPresent()) {
            TrainingSection.tensors(training.get(), model, (name, kind, tensor) -> {
                entry(table, name, kind, tensor);
                names.add(kind.label + " tensor '" + name + "'");
                data.add(tensor);
            });
            TrainingSection.write(header.putObject("training"), training.get());
        }
        byte[] headerBytes = JSON.writeValueAsBytes(header);
        checkReadable(path, headerBytes, data, training);
        AtomicReplace.replace(path, channel -> {
            ChecksummedOutput out = new ChecksummedOutput(Channels.newOutputStream(channel));
            ByteBuffer preamble = ByteBuffer.allocate(Format.PREAMBLE).order(ByteOrder.LITTLE_ENDIAN);
            preamble.put(Format.MAGIC).putInt(Format.VERSION_2).putInt(headerBytes.length);
            out.write(preamble.array());
            out.write(headerBytes);
            for (int i = 0; i < data.size(); i++) {
                Tensor t = data.get(i);
                int bad = out.writeTensor(t);
                if (bad >= 0) {
                    double value = t.dtype() == DType.FLOAT32 ? t.toFloatArray()[bad] : t.toDoubleArray()[bad];
                    throw new IllegalArgumentException("cannot save to " + path + ": " + names.get(i) + " holds "
                            + value + " at [" + bad / t.cols() + ", " + bad % t.cols() + "]; a model with a non-finite "
                            + "value is never written (did the training diverge?)");
                }
            }
            out.finish();
        });
    }

    /**
     * Runs the reader's checks on the header about to be written, so that nothing is written that a reader
     * would refuse: a header longer than a reader takes, a history entry of epoch 0, ...
     */
    private static void checkReadable(Path path, byte[] header, List<Tensor> data, Optional<TrainingState> training) {
        if (header.length > Format.MAX_HEADER) {
            int epochs = training.map(t -> t.history().size()).orElse(0);
            throw new IllegalArgumentException("cannot save to " + path + ": its header would take " + header.length
                    + " bytes, more than the " + Format.MAX_HEADER + " a reader accepts" + (epochs > 1000
                    ? " (the history of " + epochs + " epochs takes most of it)" : ""));
        }
        long dataLength = 0;
        for (Tensor t : data) {
            dataLength += (long) t.size() * t.dtype().bytes();
        }
        try {
            ModelFileReader.plan(path, Format.VERSION_2, ByteBuffer.wrap(header), dataLength, training.isPresent());
        } catch (InvalidModelFileException e) {
            throw new IllegalArgumentException("cannot save to " + path + ", because a reader would refuse the file: "
                    + e.problem(), e);
        }
    }

    /**
     * Refuses what a reader could not rebuild: an unregistered layer, initializer, loss, optimizer or schedule, or
     * a layer whose registration, given the layer's config, declares other tensors.
     */
    private static void checkRebuilds(Sequential model, Optional<TrainingState> training) {
        Registry.initializers().format(model.initializer());
        int width = model.inputSize();
        for (int i = 0; i < model.layers().size(); i++) {
            Layer layer = model.layers().get(i);
            Layer rebuilt = rebuild(Kind.LAYER, layer, "layer " + i);
            if (!rebuilt.config().equals(layer.config()) || !rebuilt.tensors(width).equals(layer.tensors(width))
                    || rebuilt.outputSize(width) != layer.outputSize(width)) {
                throw new IllegalArgumentException("layer " + i + " (" + layer + ") does not rebuild from its type '"
                        + layer.type() + "' and config " + layer.config() + ": the registration makes " + rebuilt
                        + " with config " + rebuilt.config() + "; a file of it would not load");
            }
            width = layer.outputSize(width);
        }
        training.ifPresent(state -> {
            rebuild(Kind.LOSS, state.loss(), "the loss");
            rebuild(Kind.OPTIMIZER, state.optimizer(), "the optimizer");
            rebuild(Kind.SCHEDULE, state.schedule(), "the learning-rate schedule");
        });
    }

    private static <T> T rebuild(Kind<T> kind, T component, String what) {
        try {
            return Registry.standard().catalog(kind).create(kind.typeOf(component), kind.configOf(component));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " (" + component + ") cannot be saved, because a model file "
                    + "naming it would not load: " + e.getMessage() + ". Register it (see CONTRIBUTING.md).", e);
        }
    }

    private static void entry(ArrayNode table, String name, TableEntry.Kind kind, Tensor t) {
        ObjectNode e = table.addObject();
        e.put("name", name);
        e.put("kind", kind.label);
        e.put("rows", t.rows());
        e.put("cols", t.cols());
    }
}
