package org.nnfs.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report on a small hand-made JMH JSON file whose numbers were chosen so that every derived value
 * can be worked out by hand (in the comments). Every time result has iterations of 1.1, 0.9 and 1.0
 * times its mean, so its best iteration is 0.9 times the mean.
 */
class BenchmarkReportTest {
    private static final Machine MACHINE = new Machine("Test CPU 9000", 2, 2, "avx2 fma", "Linux amd64");

    @TempDir
    static Path out;
    static String md;
    static List<Path> written;

    @BeforeAll
    static void generate() throws IOException, URISyntaxException {
        Path json = Path.of(BenchmarkReportTest.class.getResource("/fixture-results.json").toURI());
        written = BenchmarkReport.generate(List.of(json), out, "Fixture run.", MACHINE);
        md = Files.readString(out.resolve(BenchmarkReport.MARKDOWN));
    }

    @Test
    void describesTheMachineAndThePeak() {
        assertTrue(md.contains("| CPU | Test CPU 9000 |"), md);
        assertTrue(md.contains("| Benchmark JVM | OpenJDK 64-Bit Server VM 17.0.15+6 (JDK 17.0.15, JMH 1.37) |"), md);
        assertTrue(md.contains("| JVM arguments | `-Xmx4g` |"), md); // every fixture result has the same arguments
        // best vector probe: 4.0e11 FLOP/s
        assertTrue(md.contains("| Peak float32 FMA | 400.0 GFLOP/s"), md);
        assertTrue(md.contains("| vector512 | 2 | 400.0 | 20.00 | 200.0 |"), md);
        assertTrue(md.contains("| scalar | 2 | 32.00 | 1.000 | 16.00 |"), md);
        assertTrue(md.contains("Fixture run."), md);
    }

    @Test
    void rowsAreOrderedByParametersThenBackend() {
        // ojalgo's FWD1 comes first in the file; the table still lists nd4j first within a shape
        int nd4j = md.indexOf("| FWD1 | Z1 = X·W1 (512x784)·(784x100) | nd4j |");
        int ojalgo = md.indexOf("| FWD1 | Z1 = X·W1 (512x784)·(784x100) | ojalgo |");
        int fwd2 = md.indexOf("| FWD2 |");
        assertTrue(0 < nd4j && nd4j < ojalgo && ojalgo < fwd2, md);
    }

    @Test
    void gemmRowsShowGflopsAndShareOfPeak() {
        // FWD1 = 2·512·784·100 = 80,281,600 FLOP; in 250 µs: 321.1 GFLOP/s = 80.3% of 400
        assertTrue(md.contains("| float32 | FWD1 | Z1 = X·W1 (512x784)·(784x100) | nd4j | 250.0 | 5.000 | 225.0 | us/op | 321.1 | 80.3% |"), md);
        // in 1000 µs: 80.28 GFLOP/s = 20.1%
        assertTrue(md.contains("| float32 | FWD1 | Z1 = X·W1 (512x784)·(784x100) | ojalgo | 1,000 | 10.00 | 900.0 | us/op | 80.28 | 20.1% |"), md);
        // float64 compares with half the float32 peak: 40.14 GFLOP/s of 200 = 20.1%; no error estimate
        assertTrue(md.contains("| float64 | DW1 | dW1 = Xᵀ·dZ1 (784x512)·(512x100) | ojalgo | 2,000 | – | 1,800 | us/op | 40.14 | 20.1% |"), md);
    }

    @Test
    void targetsAreComputedFromTheirParts() {
        assertTrue(md.contains("| training step, batch 512, float32 | nd4j | 2.500 ms (best iteration 2.250 ms) | ≤ 3.000 ms | yes |"), md);
        // the eight training GEMMs of ojalgo add up to 2.75 ms; 3.3 / 2.75 = 1.2
        assertTrue(md.contains("| training step ÷ Σ of its 8 GEMM benchmarks | ojalgo | 1.20× (3.300 ms / 2.750 ms; best iterations 1.20×) | ≤ 1.3× | yes |"), md);
        // measured back to back in one benchmark: 3.3 / 2.5 = 1.32
        assertTrue(md.contains("| training step ÷ its 8 GEMMs back to back | ojalgo | 1.32× (3.300 ms / 2.500 ms; best iterations 1.32×) | ≤ 1.3× | **no** |"), md);
        assertTrue(md.contains("| heap allocation per training step (-prof gc) | nd4j float32 | 0.0100 B/op | ≈ 0 (< 64 B/op, harness included) | yes |"), md);
        assertTrue(md.contains("| heap allocation per training step (-prof gc) | ojalgo float32 | 96.00 B/op | ≈ 0 (< 64 B/op, harness included) | **no** |"), md);
        // nd4j has only one GEMM measured, so no ratio for it
        assertTrue(!md.contains("| training step ÷ Σ of its 8 GEMM benchmarks | nd4j |"), md);
    }

    @Test
    void modelAndEpochTables() {
        // step: 228,147,200 FLOP in 2.5 ms = 91.26 GFLOP/s = 22.8%; allocation column from -prof gc
        assertTrue(md.contains("| training step | 512 | float32 | nd4j | 2.500 | 0.100 | 2.250 | ms/op | 91.26 | 22.8% | 0.0100 |"), md);
        // the step's GEMMs alone: the same 228,147,200 FLOP in 2.5 ms; no allocation measured for it
        assertTrue(md.contains("| the step's 8 GEMMs | 512 | float32 | ojalgo | 2.500 | 0.0500 | 2.250 | ms/op | 91.26 | 22.8% |  |"), md);
        // epoch: 60,000 · 445,600 FLOP in 0.35 s = 76.39 GFLOP/s
        assertTrue(md.contains("| 512 | float32 | 60000 | nd4j | 0.350 | – | 0.315 | s/op | 76.39 | 19.1% |"), md);
        assertTrue(md.contains("JMH: 1 fork, 1 warm-up and 3 measured single runs."), md);
    }

    @Test
    void operationsTableNamesEachOperation() {
        assertTrue(md.contains("| biasAdd | float32 |  | nd4j | 12.50 | 0.500 | 11.25 | us/op |"), md);
        assertTrue(md.contains("| gatherRows | float32 | 60000 | nd4j | 40.00 | 2.000 | 36.00 | us/op |"), md);
    }

    @Test
    void writesOneReadablePngPerSection() throws IOException {
        for (String name : List.of("bench-gemm.png", "bench-ops.png", "bench-model.png", "bench-epoch.png")) {
            Path png = out.resolve(name);
            assertTrue(written.contains(png), name + " not reported as written: " + written);
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(Chart.WIDTH, image.getWidth(), name);
            assertEquals(Chart.HEIGHT, image.getHeight(), name);
            assertTrue(md.contains("](" + name + ")"), name + " not linked from the Markdown");
        }
    }

    @Test
    void rejectsFilesThatAreNotJmhJson(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"benchmark\": \"x\"}");
        IOException e = assertThrows(IOException.class, () -> BenchmarkReport.generate(List.of(bad), dir, "", MACHINE));
        assertTrue(e.getMessage().contains("-rf json"), e.getMessage());
    }
}
