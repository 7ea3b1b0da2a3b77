package org.nnfs.mnist.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.nnfs.mnist.testing.ChildJvm;
import org.nnfs.mnist.testing.RealBackends;

/**
 * The long-run memory check: for each real backend, trains many epochs in a fresh JVM ({@link SoakRun})
 * and records the heap in use after GC and the process's resident memory (which holds ND4J's off-heap
 * buffers too) after every epoch. Memory must level off: over the last third of the epochs, neither the heap
 * nor the resident set may grow by more than the bounds below. Prints a table per backend, writes
 * {@code target/soak/<backend>.csv}, and exits with status 1 if a backend's memory keeps growing.
 *
 * <p>Not part of the quick test command; run it with {@code mvn -B -pl nn-mnist -am verify -Psoak
 * -DskipTests} (see the module README), or directly with arguments {@code [epochs [training examples
 * [backend,...]]]}, default 50 epochs of all 60,000 training examples on every backend.
 */
public final class MemorySoak {
    /** Largest growth of the heap in use over the last third of the epochs. */
    static final long HEAP_BOUND = 4L << 20;
    /** Largest growth of the resident set over the last third of the epochs. */
    static final long RESIDENT_BOUND = 32L << 20;

    private MemorySoak() {
    }

    /** One epoch's measurements. */
    record Sample(int epoch, long heap, long resident, double seconds, double accuracy) {
    }

    /** Runs the soak; see the class comment. */
    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : 60_000;
        List<String> backends = args.length > 2 ? Arrays.asList(args[2].split(",")) : RealBackends.names();
        Path out = Files.createDirectories(Path.of("target", "soak"));
        boolean levelled = true;
        StringBuilder summary = new StringBuilder();
        for (String backend : backends) {
            List<Sample> samples = run(backend, epochs, limit);
            writeCsv(out.resolve(backend + ".csv"), samples);
            System.out.println(table(backend, samples));
            int from = samples.size() - 1 - samples.size() / 3;
            Sample first = samples.get(from);
            long heapGrowth = max(samples, from, Sample::heap) - first.heap();
            long residentGrowth = max(samples, from, Sample::resident) - first.resident();
            boolean ok = heapGrowth <= HEAP_BOUND && residentGrowth <= RESIDENT_BOUND;
            levelled &= ok;
            summary.append(String.format(Locale.ROOT, "%-8s over epochs %d-%d: heap %+.1f MiB (bound %d), resident"
                            + " %+.1f MiB (bound %d): %s%n", backend, first.epoch(), samples.get(samples.size() - 1).epoch(),
                    mib(heapGrowth), HEAP_BOUND >> 20, mib(residentGrowth), RESIDENT_BOUND >> 20,
                    ok ? "levels off" : "STILL GROWING"));
        }
        System.out.print(summary);
        System.out.println("per-epoch figures in " + out.toAbsolutePath());
        System.exit(levelled ? 0 : 1);
    }

    private static List<Sample> run(String backend, int epochs, int limit) throws IOException, InterruptedException {
        System.out.println("soak: " + epochs + " epochs of " + limit + " examples on " + backend + " ...");
        // The vector backend needs its incubator module resolved; the other backends ignore the flag.
        List<String> jvm = List.of("-Xmx1g", "--add-modules", "jdk.incubator.vector");
        try (ChildJvm child = ChildJvm.start(jvm, SoakRun.class.getName(), backend, Integer.toString(epochs),
                Integer.toString(limit))) {
            int code = child.waitFor(4 * 3600);
            if (code != 0) {
                throw new IllegalStateException("soak run on " + backend + " failed with exit code " + code + ":\n"
                        + child.output());
            }
            List<Sample> samples = new ArrayList<>();
            for (String line : child.lines()) {
                if (line.startsWith("soak ") && Character.isDigit(line.charAt(5))) {
                    String[] f = line.split(" ");
                    samples.add(new Sample(Integer.parseInt(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                            Double.parseDouble(f[4]), Double.parseDouble(f[5])));
                } else if (line.startsWith("soak backend")) {
                    System.out.println(line);
                }
            }
            if (samples.size() != epochs) {
                throw new IllegalStateException("expected " + epochs + " epochs from " + backend + ":\n" + child.output());
            }
            return samples;
        }
    }

    private static long max(List<Sample> samples, int from, java.util.function.ToLongFunction<Sample> value) {
        long m = Long.MIN_VALUE;
        for (int i = from; i < samples.size(); i++) {
            m = Math.max(m, value.applyAsLong(samples.get(i)));
        }
        return m;
    }

    static String table(String backend, List<Sample> samples) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s%n%6s %12s %14s %9s %9s%n", backend, "epoch", "heap MiB",
                "resident MiB", "seconds", "test acc"));
        for (Sample s : samples) {
            sb.append(String.format(Locale.ROOT, "%6d %12.1f %14.1f %9.1f %9.4f%n", s.epoch(), mib(s.heap()),
                    mib(s.resident()), s.seconds(), s.accuracy()));
        }
        return sb.toString();
    }

    private static void writeCsv(Path file, List<Sample> samples) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("epoch,heap_bytes,resident_bytes,seconds,test_accuracy");
        for (Sample s : samples) {
            lines.add(s.epoch() + "," + s.heap() + "," + s.resident() + ","
                    + String.format(Locale.ROOT, "%.1f,%.4f", s.seconds(), s.accuracy()));
        }
        Files.write(file, lines);
    }

    private static double mib(long bytes) {
        return bytes / (double) (1 << 20);
    }
}
