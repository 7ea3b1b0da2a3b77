package org.nnfs.mnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.nnfs.interop.ModelFormat;
import org.nnfs.interop.testing.MnistSubset;
import org.nnfs.mnist.testing.TestData;

/**
 * {@code export} converts a trained model to ONNX, safetensors and back, and {@code evaluate} and
 * {@code predict} take every kind, telling them apart by content.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliExportTest {
    private static final Pattern ACCURACY = Pattern.compile("test accuracy (\\d+\\.\\d\\d)% \\(([\\d,]+) of 1,000\\)");

    @TempDir
    static Path dir;

    Path data;
    Path model;

    @BeforeAll
    void train() {
        data = TestData.mnistDir();
        model = dir.resolve("mnist.model");
        Cli.Result r = Cli.run("train", "--data", data.toString(), "--limit", "1000", "--epochs", "3", "--hidden", "32",
                "--batch-size", "32",
                "--seed", "3", "--out", model.toString(), "--backend", "vector");
        assertEquals(0, r.code(), r.toString());
    }

    @Test
    @DisplayName("every format, converted in a chain, evaluates to the same accuracy; the kind is read from content")
    void chainOfExports() {
        String accuracy = accuracy(model);
        Path onnx = dir.resolve("model.onnx");
        Path safetensors = dir.resolve("model.bin"); // no telling extension: the content says what it is
        Path back = dir.resolve("back.nnfs");
        export(model, "onnx", onnx);
        export(onnx, "safetensors", safetensors);
        export(safetensors, "NNFS", back);
        for (Path p : new Path[] {onnx, safetensors, back}) {
            assertEquals(accuracy, accuracy(p), p.toString());
        }
    }

    @Test
    @DisplayName("predict reads a picture with an exported ONNX model as with the model file")
    void predictWithOnnx() throws IOException {
        Path onnx = dir.resolve("predict.onnx");
        export(model, "onnx", onnx);
        float[] pixels = MnistSubset.images();
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < 784; i++) {
            int v = Math.round(pixels[i] * 255);
            image.getRaster().setSample(i % 28, i / 28, 0, v);
        }
        Path png = dir.resolve("seven.png");
        ImageIO.write(image, "png", png.toFile());
        Cli.Result r = Cli.run("predict", "--model", onnx.toString(), "--backend", "vector", png.toString());
        Cli.Result original = Cli.run("predict", "--model", model.toString(), "--backend", "vector", png.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains(png + ": " + MnistSubset.labels()[0] + " ("), r.out());
        assertEquals(original.out(), r.out());
    }

    @Test
    @DisplayName("mistakes are one line: an unknown format, a file of no model kind")
    void mistakes() throws IOException {
        Cli.Result r = Cli.run("export", "--model", model.toString(), "--format", "keras", "--out", "x");
        assertEquals(ErrorHandler.USAGE, r.code(), r.toString());
        assertTrue(r.err().startsWith("error: Invalid value for option '--format': unknown model format 'keras'; "
                + "expected one of nnfs, onnx, safetensors"), r.err());

        Path text = Files.writeString(dir.resolve("notes.txt"), "not a model");
        r = Cli.run("evaluate", "--model", text.toString(), "--data", data.toString(), "--backend", "vector");
        assertEquals(ErrorHandler.FAILURE, r.code(), r.toString());
        assertEquals("error: " + text + ": not a model file this library reads: neither a model file of this library "
                + "(they start with \"NNFSMODL\"), nor an ONNX model, nor a safetensors file\n", r.err());
        assertEquals(ModelFormat.NNFS, ModelFormat.detect(model));
    }

    private void export(Path from, String format, Path to) {
        Cli.Result r = Cli.run("export", "--model", from.toString(), "--format", format, "--out", to.toString(),
                "--backend", "vector");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("written to " + to + " (" + format.toLowerCase(java.util.Locale.ROOT)), r.out());
    }

    private String accuracy(Path file) {
        Cli.Result r = Cli.run("evaluate", "--model", file.toString(), "--data", data.toString(), "--limit", "1000",
                "--backend", "vector");
        assertEquals(0, r.code(), r.toString());
        Matcher m = ACCURACY.matcher(r.out());
        assertTrue(m.find(), r.out());
        return m.group(0);
    }
}
