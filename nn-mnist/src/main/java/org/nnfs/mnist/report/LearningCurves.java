package org.nnfs.mnist.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.nnfs.mnist.image.Headless;
import org.nnfs.train.EpochSummary;

/**
 * Loss and accuracy per epoch, training and test, as two line charts (JFreeChart). The training values are
 * averages over an epoch's batches, measured while the weights changed; the test values are measured after
 * the epoch. The legends say so, since the two are not alike.
 */
public final class LearningCurves {
    static final int WIDTH = 900;
    static final int HEIGHT = 540;
    private static final Color TRAIN = new Color(31, 119, 180);
    private static final Color TEST = new Color(255, 127, 14);

    private LearningCurves() {
    }

    /** Writes the loss chart. */
    public static void writeLoss(List<EpochSummary> epochs, Path png) throws IOException {
        XYSeries train = new XYSeries("training loss (during each epoch)");
        XYSeries test = new XYSeries("test loss (after each epoch)");
        for (EpochSummary e : epochs) {
            add(train, e.epoch(), e.trainLoss());
            add(test, e.epoch(), e.validationLoss());
        }
        save(chart("Loss per epoch", "cross-entropy loss", train, test, false), png);
    }

    /** Writes the accuracy chart (in percent). */
    public static void writeAccuracy(List<EpochSummary> epochs, Path png) throws IOException {
        XYSeries train = new XYSeries("training accuracy (during each epoch, while the weights change)");
        XYSeries test = new XYSeries("test accuracy (after each epoch)");
        for (EpochSummary e : epochs) {
            add(train, e.epoch(), 100 * e.trainAccuracy());
            add(test, e.epoch(), 100 * e.validationAccuracy());
        }
        save(chart("Accuracy per epoch", "accuracy (%)", train, test, true), png);
    }

    private static void add(XYSeries series, int epoch, double value) {
        if (Double.isFinite(value)) {
            series.add(epoch, value);
        }
    }

    private static JFreeChart chart(String title, String yLabel, XYSeries train, XYSeries test, boolean percent) {
        Headless.ensure();
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(train);
        if (test.getItemCount() > 0) {
            data.addSeries(test);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "epoch", yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        chart.setTitle(new TextTitle(title, new Font(Font.SANS_SERIF, Font.BOLD, 20)));
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        plot.setOutlineVisible(false);
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setLowerMargin(0.02);
        x.setUpperMargin(0.02);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setAutoRangeIncludesZero(false);
        Font labels = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
        Font ticks = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        for (NumberAxis axis : new NumberAxis[] {x, y}) {
            axis.setLabelFont(labels);
            axis.setTickLabelFont(ticks);
        }
        if (percent) {
            y.setUpperBound(Math.min(100, y.getUpperBound()));
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Color[] colours = {TRAIN, TEST};
        for (int s = 0; s < data.getSeriesCount(); s++) {
            renderer.setSeriesPaint(s, colours[s]);
            renderer.setSeriesStroke(s, new BasicStroke(2.5f));
        }
        plot.setRenderer(renderer);
        chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        return chart;
    }

    private static void save(JFreeChart chart, Path png) throws IOException {
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }
}
