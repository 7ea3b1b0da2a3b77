package org.nnfs.interop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnfs.data.Dataset;
import org.nnfs.data.Standardizer;
import org.nnfs.interop.onnx.Onnx;
import org.nnfs.io.ModelFile;
import org.nnfs.layer.Rescale;
import org.nnfs.model.Sequential;
import org.nnfs.tensor.Backend;
import org.nnfs.tensor.Backends;
import org.nnfs.tensor.DType;
import org.nnfs.train.FitOptions;
import org.nnfs.train.Trainer;

class CsvTest {
    private final Backend backend = Backends.get("reference");

    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        return Files.writeString(dir.resolve("data.csv"), text, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("a header, numeric columns and named labels (numbered in sorted order), the label anywhere")
    void namedLabels() throws IOException {
        LabeledData d = Csv.read(csv("\uFEFFsepal,species,petal\n5.1,setosa,1.4\n7.0,versicolor,4.7\n\n"
                + "6.3, virginica ,6.0\n4.9,setosa,-1.5e-1\n"), "species");
        assertEquals(4, d.rows());
        assertEquals(List.of("sepal", "petal"), d.featureNames());
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classes());
        assertArrayEquals(new int[] {0, 1, 2, 0}, d.labels());
        assertArrayEquals(new float[] {5.1f, 1.4f, 7.0f, 4.7f, 6.3f, 6.0f, 4.9f, -0.15f}, d.features());
    }

    @Test
    @DisplayName("labels that are class numbers keep their numbers; quoted fields and other delimiters")
    void numericLabels() throws IOException {
        LabeledData d = Csv.read(csv("x;\"y; with a semicolon\";label\n1;2;3\n\"4\";5;0\n"), "label", ';');
        assertEquals(List.of("0", "1", "2", "3"), d.classes());
        assertArrayEquals(new int[] {3, 0}, d.labels());
        assertEquals(List.of("x", "y; with a semicolon"), d.featureNames());
    }

    static Stream<Arguments> problems() {
        return Stream.of(
                Arguments.of("a,b,label\n1,2,x\n3,oops,y\n", "line 3, column 'b': 'oops' is not a number"),
                Arguments.of("a,b,label\n1,2,x\n3,,y\n", "line 3, column 'b': the value is missing"),
                Arguments.of("a,b,label\n1,2,x\n3,NaN,y\n", "line 3, column 'b': 'NaN' is not a number"),
                Arguments.of("a,b,label\n1,2,x\n3,1e39,y\n", "line 3, column 'b': '1e39' is not a finite number"),
                Arguments.of("a,b,label\n1,2,x\n3,1.5f,y\n", "line 3, column 'b': '1.5f' is not a number"),
                Arguments.of("a,b,label\n1,2,x\n3,4\n", "line 3 has 2 fields, but the header names 3 columns"),
                Arguments.of("a,b,label\n1,2,\n", "line 2, column 'label' (the label): '' is empty"),
                Arguments.of("a,b,class\n1,2,x\n", "has no column 'label' for the labels; its columns are [a, b, class]"),
                Arguments.of("a,b,label\n", "has a header but no rows of examples"),
                Arguments.of("a,a,label\n1,2,x\n", "header row:"),
                Arguments.of("a,b,label\n1,\"2,x\n", "EOF reached before encapsulated token finished"),
                Arguments.of("label\nx\n", "has only the label column"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    @DisplayName("a bad file is named by line and column, in one line")
    void problems(String text, String message) throws IOException {
        Path file = csv(text);
        InvalidDataFileException e = assertThrows(InvalidDataFileException.class, () -> Csv.read(file, "label"));
        assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains(message), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    @DisplayName("text that is not UTF-8, and too many distinct labels, are refused")
    void notText() throws IOException {
        Path file = Files.write(dir.resolve("binary.csv"), new byte[] {'a', ',', 'l', '\n', 1, ',', (byte) 0xC3, '(', '\n'});
        assertTrue(assertThrows(InvalidDataFileException.class, () -> Csv.read(file, "l")).getMessage()
                .endsWith("is not UTF-8 text"));
        StringBuilder ids = new StringBuilder("x,label\n");
        for (int i = 0; i <= LabeledData.MAX_CLASSES; i++) {
            ids.append(i).append(",id").append(i).append('\n');
        }
        Path many = csv(ids.toString());
        assertTrue(assertThrows(InvalidDataFileException.class, () -> Csv.read(many, "label")).getMessage()
                .contains("is the 10001th distinct label"));
    }

    @Test
    @DisplayName("a CSV classifier: standardised in the model, trained, saved and exported; predict applies the standardiser")
    void standardisedTabularModel() throws IOException {
        StringBuilder text = new StringBuilder("height_mm,weight_g,kind\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        for (int i = 0; i < 300; i++) {
            int kind = i % 3;
            text.append(1000 + 40 * kind + r.nextDouble(-15, 15)).append(',')
                    .append(20 + 3 * kind + r.nextDouble(-1, 1)).append(',').append("abc".charAt(kind)).append('\n');
        }
        LabeledData data = Csv.read(csv(text.toString()), "kind");
        Dataset train = data.toDataset(backend, DType.FLOAT32);
        Standardizer standardizer = data.standardizer();
        Sequential model = Sequential.builder(data.cols()).add(new Rescale()).dense(16).relu().dense(3).softmax()
                .seed(2).build(backend);
        standardizer.copyInto(model);
        Trainer trainer = Trainer.builder(model).optimizer(new org.nnfs.optim.Adam(0.01)).seed(2).build();
        trainer.fit(train, FitOptions.builder().epochs(40).batchSize(30).build());
        double accuracy = trainer.evaluate(train).accuracy();
        assertTrue(accuracy > 0.95, "accuracy " + accuracy);

        Path saved = dir.resolve("kinds.nnfs");
        ModelFile.save(model, saved);
        Path onnx = dir.resolve("kinds.onnx");
        Onnx.save(model, onnx);
        float[] raw = {1080f, 26f}; // a 'c', in the file's own units: the model standardises it
        assertEquals(2, ModelFile.load(saved, backend).classify(raw, 1)[0]);
        assertEquals(2, Onnx.load(onnx, backend).classify(raw, 1)[0]);
    }
}
