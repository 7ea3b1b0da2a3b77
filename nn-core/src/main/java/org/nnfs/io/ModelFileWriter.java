package org.nnfs.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
import org.nnfs.tensor.Tensor;
import org.nnfs.train.TrainingState;

/**
 * Writes format version 2: the header describes the model (and training state) by registered names
 * and settings, the tensor table lists the model's tensors as its layers declared them, then the
 * optimizer's state. Components that would not rebuild from their names are refused before anything
 * is written, so a file that was written loads.
 */
final class ModelFileWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFileWriter() {
    }

    static void write(Path path, Sequential model, Optional<TrainingState> training) throws IOException {
        checkRebuilds(model, training);
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
            entry(table, t.name(), t.isParameter() ? TableEntry.Kind.PARAMETER : TableEntry.Kind.BUFFER, t.value());
            data.add(t.value());
        }
        if (training.isPresent()) {
            TrainingSection.tensors(training.get(), model, (name, kind, tensor) -> {
                entry(table, name, kind, tensor);
                data.add(tensor);
            });
            TrainingSection.write(header.putObject("training"), training.get());
        }
        writeAtomically(path, JSON.writeValueAsBytes(header), data);
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

    /**
     * Writes a temporary file in the target's folder, forces it to disk and renames it over the target,
     * so a crash at any moment leaves the old file or the new one, never a mixture.
     */
    private static void writeAtomically(Path path, byte[] header, List<Tensor> data) throws IOException {
        Path absolute = path.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream raw = Channels.newOutputStream(channel)) {
                ChecksummedOutput out = new ChecksummedOutput(raw);
                ByteBuffer preamble = ByteBuffer.allocate(Format.PREAMBLE).order(ByteOrder.LITTLE_ENDIAN);
                preamble.put(Format.MAGIC).putInt(Format.VERSION_2).putInt(header.length);
                out.write(preamble.array());
                out.write(header);
                for (Tensor t : data) {
                    out.writeTensor(t);
                }
                out.finish();
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
