package org.nnfs.interop.safetensors;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;

/**
 * Models as safetensors files (the format of Hugging Face's {@code safetensors}): the weights a PyTorch
 * {@code nn.Sequential} of the same layers loads with {@code load_state_dict}, and the architecture in the
 * file's metadata, so this library reads the file back as a whole model.
 *
 * <pre>{@code
 * SafeTensors.save(model, Path.of("mnist.safetensors"));
 * Sequential same = SafeTensors.load(Path.of("mnist.safetensors"), backend);
 * }</pre>
 *
 * <p>Layout: layer {@code i}'s tensors are {@code i.<name>}; a dense layer's are {@code i.weight}
 * {@code [out, in]} and {@code i.bias} {@code [out]}, as {@code nn.Linear} keeps them; other {@code [1, n]}
 * tensors are vectors {@code [n]} (a rescale's {@code i.center}, {@code i.scale}, {@code i.offset}). Data are
 * {@code F32} or {@code F64} as the model's. {@code __metadata__} holds {@code format = pt} and
 * {@value #ARCHITECTURE}: the layers, their settings, the element type and input width as JSON. Training
 * state is not written: a safetensors file is for exchange; checkpoints are this library's model files.
 */
public final class SafeTensors {
    /** The metadata key holding the architecture. */
    public static final String ARCHITECTURE = "nnfs.model";
    /** The header's metadata entry. */
    static final String METADATA = "__metadata__";

    private SafeTensors() {
    }

    /** Writes the model's weights and architecture to {@code path}, atomically. */
    public static void save(Sequential model, Path path) throws IOException {
        SafeTensorsWriter.write(Objects.requireNonNull(model, "model"), path);
    }

    /**
     * Reads a model written by {@link #save} onto {@code backend}.
     *
     * @throws org.nnfs.io.InvalidModelFileException when the file is not valid safetensors, was not written by
     *                                               this library, or does not match its architecture
     */
    public static Sequential load(Path path, Backend backend) throws IOException {
        return SafeTensorsReader.read(path, Objects.requireNonNull(backend, "backend"));
    }

    /** safetensors' name of an element type. */
    static String code(DType dtype) {
        return dtype == DType.FLOAT32 ? "F32" : "F64";
    }
}
