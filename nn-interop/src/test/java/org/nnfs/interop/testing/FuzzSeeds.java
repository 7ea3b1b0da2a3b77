package org.nnfs.interop.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.nnfs.interop.onnx.GraphFile;
import org.nnfs.interop.onnx.Onnx;
import org.nnfs.interop.safetensors.SafeTensors;
import org.nnfs.layer.Rescale;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.DType;
import org.nnfs.tensor.ReferenceBackend;

/**
 * Writes the seed inputs of nn-interop's fuzz targets, small valid files of each format (and a few broken
 * ones), into their corpus directories under {@code src/test/resources}. Run from the module directory once
 * to (re)create them; findings of real fuzzing runs land beside them as {@code crash-...} and stay:
 *
 * <pre>
 * java -cp target/test-classes:target/classes:&lt;deps&gt; org.nnfs.interop.testing.FuzzSeeds src/test/resources
 * </pre>
 */
public final class FuzzSeeds {
    private FuzzSeeds() {
    }

    public static void main(String[] args) throws IOException {
        Path resources = Path.of(args[0]);
        Backend backend = new ReferenceBackend();
        onnx(resources.resolve("org/nnfs/interop/onnx/OnnxFuzzTestInputs/load"), backend);
        safetensors(resources.resolve("org/nnfs/interop/safetensors/SafeTensorsFuzzTestInputs/load"), backend);
        csv(resources.resolve("org/nnfs/interop/data/CsvFuzzTestInputs/read"));
        numpy(resources.resolve("org/nnfs/interop/data/NumPyFuzzTestInputs/read"),
                resources.resolve("org/nnfs/interop/data/numpy"));
    }

    /** Small models of every layer kind, in both element types, each the way another seed leaves it. */
    private static List<Sequential> models(Backend backend) {
        return List.of(
                Sequential.builder(4).dense(3).relu().dense(2).softmax().seed(1).build(backend),
                Sequential.builder(3).dense(4).sigmoid().dropout(0.5).dense(3).tanh().dense(2).dtype(DType.FLOAT64)
                        .seed(2).build(backend),
                Sequential.builder(3).add(new Rescale()).dense(2).add("leaky_relu", Map.of("slope", "0.2")).seed(3)
                        .build(backend));
    }

    private static void onnx(Path dir, Backend backend) throws IOException {
        Files.createDirectories(dir);
        List<Sequential> models = models(backend);
        for (int i = 0; i < models.size(); i++) {
            Onnx.save(models.get(i), dir.resolve("exported-" + i));
        }
        GraphFile keras = new GraphFile(13).input("input_1", "unk", 2, 2).output("y", "unk", 2);
        String x = keras.node("Reshape", GraphFile.in("input_1", keras.longs("shape", -1, 4)));
        x = keras.node("Add", GraphFile.in(keras.node("MatMul", GraphFile.in(x, keras.random("w", 4, 2))),
                keras.random("b", 2)));
        keras.node("Softmax", GraphFile.in(x), List.of("y"));
        Files.write(dir.resolve("keras-style"), keras.model().toByteArray());

        GraphFile gemm = new GraphFile(11).input("x", "N", 3).output("y", "N", 2);
        x = gemm.node("Gemm", GraphFile.in("x", gemm.random("B", 2, 3), gemm.random("C", 2)),
                GraphFile.integer("transB", 1), GraphFile.real("alpha", 0.5));
        x = gemm.node("BatchNormalization", GraphFile.in(x, gemm.random("g", 2), gemm.random("be", 2),
                gemm.random("m", 2), gemm.constant("v", new long[] {2}, 1, 2)));
        x = gemm.node("Div", GraphFile.in(x, gemm.constant("d", new long[0], 2)));
        gemm.node("Sigmoid", GraphFile.in(x), List.of("y"));
        Files.write(dir.resolve("gemm-batchnorm"), gemm.model().toByteArray());
    }

    private static void safetensors(Path dir, Backend backend) throws IOException {
        Files.createDirectories(dir);
        List<Sequential> models = models(backend);
        for (int i = 0; i < models.size(); i++) {
            Path file = dir.resolve("tmp.safetensors");
            SafeTensors.save(models.get(i), file);
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            int headerLength = (int) java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            byte[] raw = new byte[bytes.length + 1]; // mode 0: the bytes as they are
            System.arraycopy(bytes, 0, raw, 1, bytes.length);
            Files.write(dir.resolve("raw-" + i), raw);
            byte[] parts = new byte[1 + headerLength + 1 + bytes.length - 8 - headerLength]; // mode 1: header, 0, data
            parts[0] = 1;
            System.arraycopy(bytes, 8, parts, 1, headerLength);
            System.arraycopy(bytes, 8 + headerLength, parts, 2 + headerLength, bytes.length - 8 - headerLength);
            Files.write(dir.resolve("parts-" + i), parts);
        }
    }

    private static void csv(Path dir) throws IOException {
        Files.createDirectories(dir);
        String[][] seeds = {
                {"named-labels", ",sepal,petal,label\n5.1,1.4,setosa\n7.0,4.7,versicolor\n6.3,6.0,virginica\n"},
                {"numeric-labels", ",x,label,y\n1,0,2.5\n-3e2,1,.5\n\"4\",2,6\n"},
                {"semicolons", ";a;\"b;c\";label\n1;2;x\n3;4;y\n"},
                {"tabs", "\ta\tlabel\n1\tx\n"},
                {"bad-value", ",a,label\n1,x\noops,y\n"},
                {"short-row", ",a,b,label\n1,2,x\n3,y\n"}};
        for (String[] seed : seeds) {
            byte[] text = seed[1].getBytes(StandardCharsets.UTF_8);
            text[0] = (byte) (seed[1].charAt(0) == ',' ? 0 : seed[1].charAt(0) == ';' ? 1 : 2);
            Files.write(dir.resolve(seed[0]), text);
        }
    }

    private static void numpy(Path dir, Path arrays) throws IOException {
        Files.createDirectories(dir);
        try (var files = Files.list(arrays)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".npy") || p.toString().endsWith(".npz")).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                byte[] seed = new byte[bytes.length + 1];
                seed[0] = (byte) (f.toString().endsWith(".npz") ? 1 : 0);
                System.arraycopy(bytes, 0, seed, 1, bytes.length);
                Files.write(dir.resolve(f.getFileName().toString().replace('.', '-')), seed);
            }
        }
    }
}
