package org.nnfs.spark.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * What one synchronisation costs on Spark, without any arithmetic: the driver sends {@code values}
 * floats (a float32 model's weights) to every partition and gets as many back from each, summed. Four
 * ways:
 * <ul>
 *   <li>{@code collect}: values in the task closure, results collected and summed in partition order on
 *       the driver (what {@code DistributedTrainer} does);</li>
 *   <li>{@code treeAggregate}: values in the closure, results summed by {@code treeAggregate} (depth 2);</li>
 *   <li>{@code broadcast}: values in an explicit broadcast, destroyed after the step, results collected;</li>
 *   <li>{@code barrier}: one long-running barrier stage whose tasks exchange their arrays with
 *       {@code BarrierTaskContext.allGather} every step (an all-reduce through the driver).</li>
 * </ul>
 *
 * <pre>
 * java $(cat target/java-options) -cp ... org.nnfs.spark.bench.SyncCost local[2] 2 10,100710,2807010 50
 * </pre>
 * Arguments: master, partitions, comma-separated value counts, steps per measurement. Prints the median
 * of three measurements per way and size, in milliseconds per step.
 */
public final class SyncCost {
    private SyncCost() {
    }

    public static void main(String[] args) {
        String master = args[0];
        int partitions = Integer.parseInt(args[1]);
        int[] sizes = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        int steps = Integer.parseInt(args[3]);
        SparkSession spark = SparkSession.builder().master(master).appName("sync-cost")
                .config("spark.ui.enabled", "false").getOrCreate();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Integer> ids = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ids.add(p);
        }
        JavaRDD<Integer> rdd = sc.parallelize(ids, partitions).cache();
        rdd.count();
        System.out.printf(Locale.ROOT, "%-14s %12s %14s%n", "way", "values", "ms per step");
        for (int size : sizes) {
            measure("collect", size, steps, () -> collect(rdd, size));
            measure("treeAggregate", size, steps, () -> treeAggregate(rdd, size));
            measure("broadcast", size, steps, () -> broadcast(sc, rdd, size));
            int barrierSteps = Math.max(2, steps / 20); // each exchange waits about a second: few steps
            double ms = median(() -> barrier(rdd, size, barrierSteps) / barrierSteps);
            System.out.printf(Locale.ROOT, "%-14s %,12d %14.1f%n", "barrier", size, ms);
        }
        spark.stop();
    }

    private static void measure(String way, int size, int steps, Runnable step) {
        for (int i = 0; i < Math.max(3, steps / 10); i++) {
            step.run(); // warm-up
        }
        double ms = median(() -> {
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                step.run();
            }
            return (System.nanoTime() - start) / 1e6 / steps;
        });
        System.out.printf(Locale.ROOT, "%-14s %,12d %14.1f%n", way, size, ms);
    }

    private static double median(java.util.function.DoubleSupplier run) {
        double[] t = {run.getAsDouble(), run.getAsDouble(), run.getAsDouble()};
        Arrays.sort(t);
        return t[1];
    }

    private static float[] sum(List<float[]> parts) {
        float[] total = parts.get(0);
        for (int p = 1; p < parts.size(); p++) {
            float[] s = parts.get(p);
            for (int k = 0; k < total.length; k++) {
                total[k] += s[k];
            }
        }
        return total;
    }

    private static float[] collect(JavaRDD<Integer> rdd, int size) {
        float[] values = new float[size];
        Function2<Integer, Iterator<Integer>, Iterator<float[]>> task = (p, it) -> {
            float[] g = values.clone();
            g[0] += p;
            return List.of(g).iterator();
        };
        return sum(rdd.mapPartitionsWithIndex(task, false).collect());
    }

    private static float[] treeAggregate(JavaRDD<Integer> rdd, int size) {
        float[] values = new float[size];
        return rdd.treeAggregate(new float[size], (acc, p) -> {
            float[] g = values.clone();
            for (int k = 0; k < acc.length; k++) {
                acc[k] += g[k];
            }
            return acc;
        }, (a, b) -> {
            for (int k = 0; k < a.length; k++) {
                a[k] += b[k];
            }
            return a;
        }, 2);
    }

    private static float[] broadcast(JavaSparkContext sc, JavaRDD<Integer> rdd, int size) {
        Broadcast<float[]> values = sc.broadcast(new float[size]);
        Function2<Integer, Iterator<Integer>, Iterator<float[]>> task = (p, it) -> {
            float[] g = values.value().clone();
            g[0] += p;
            return List.of(g).iterator();
        };
        float[] total = sum(rdd.mapPartitionsWithIndex(task, false).collect());
        values.destroy();
        return total;
    }

    /** Milliseconds for {@code steps} all-gathers of {@code size} floats per task. */
    private static double barrier(JavaRDD<Integer> rdd, int size, int steps) {
        long start = System.nanoTime();
        rdd.rdd().barrier().mapPartitions(new AllGather(size, steps), false,
                scala.reflect.ClassTag$.MODULE$.apply(Integer.class)).count();
        return (System.nanoTime() - start) / 1e6;
    }

    /** A barrier task that all-gathers an array (as Base64 text, the only payload allGather takes) each step. */
    private static final class AllGather extends scala.runtime.AbstractFunction1<scala.collection.Iterator<Integer>,
            scala.collection.Iterator<Integer>> implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final int size;
        private final int steps;

        AllGather(int size, int steps) {
            this.size = size;
            this.steps = steps;
        }

        @Override
        public scala.collection.Iterator<Integer> apply(scala.collection.Iterator<Integer> ignored) {
            BarrierTaskContext ctx = BarrierTaskContext.get();
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(size * 4);
            float[] total = new float[size];
            for (int s = 0; s < steps; s++) {
                String[] all = ctx.allGather(java.util.Base64.getEncoder().encodeToString(buffer.array()));
                for (String m : all) {
                    java.nio.FloatBuffer d = java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder().decode(m))
                            .asFloatBuffer();
                    for (int k = 0; k < size; k++) {
                        total[k] += d.get(k);
                    }
                }
            }
            return scala.jdk.javaapi.CollectionConverters.asScala(List.of(1).iterator());
        }
    }
}
