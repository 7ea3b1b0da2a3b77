package org.nnfs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.nnfs.bench.report.BenchmarkReport;
import org.nnfs.bench.report.Machine;
import org.nnfs.bench.report.Results;
import org.nnfs.bench.report.WholeRuns;

/**
 * The report command: JMH JSON in, {@code benchmarks.md} and PNG charts out.
 *
 * <pre>
 * java -cp nn-bench/target/benchmarks.jar org.nnfs.bench.Report results.json [more.json ...] docs/ [--note "text" | --note @notes.md]
 *     [--runs runs.tsv]
 * </pre>
 *
 * The note (text, or a Markdown file's contents) goes under the heading: how the run was made and what
 * the numbers mean, which JSON cannot say. {@code --runs} adds the whole-process runs and the goals of
 * issue #16 ({@link WholeRuns}); {@code nn-bench/run-benchmarks} writes that file.
 * See {@link BenchmarkReport} for what it writes.
 */
public final class Report {

    private Report() {
    }

    /** Usage: {@code Report results.json [more.json ...] <output dir> [--note "text"]}. */
    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> positional = new ArrayList<>();
        String note = "";
        Path runs = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--note") && i + 1 < args.length) {
                String value = args[++i];
                note = value.startsWith("@") ? Files.readString(Path.of(value.substring(1))) : value;
            } else if (args[i].equals("--runs") && i + 1 < args.length) {
                runs = Path.of(args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
        if (positional.size() < 2) {
            System.err.println("Usage: java -cp benchmarks.jar " + Report.class.getName()
                    + " results.json [more.json ...] <output dir> [--note \"text\" | --note @notes.md] [--runs runs.tsv]");
            System.exit(2);
        }
        List<Path> inputs = new ArrayList<>();
        for (String p : positional.subList(0, positional.size() - 1)) {
            inputs.add(Path.of(p));
        }
        Path outDir = Path.of(positional.get(positional.size() - 1));
        Machine machine = Machine.probe();
        if (runs != null) {
            // The whole-process runs and the goals come after the note, judged against this run's peak.
            note = note.strip() + "\n\n" + WholeRuns.read(runs, machine.logicalCpus()).markdown(Results.read(inputs));
        }
        for (Path written : BenchmarkReport.generate(inputs, outDir, note, machine)) {
            System.out.println("wrote " + written);
        }
    }
}
