package org.nnfs.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * A grouped bar chart written as a PNG: one group per category (a GEMM shape, an operation), one bar per
 * series (a backend), the value printed on each bar. Drawn headless.
 */
final class Chart {
    /** Backend colours, in series order: the same backend is the same colour in every chart. */
    private static final List<Color> PALETTE = List.of(new Color(0x1f77b4), new Color(0xff7f0e),
            new Color(0x2ca02c), new Color(0xd62728));
    static final int WIDTH = 1000;
    static final int HEIGHT = 520;

    private final String title;
    private final String valueLabel;
    private final boolean logarithmic;
    private final DefaultCategoryDataset data = new DefaultCategoryDataset();
    private double marker = Double.NaN;
    private String markerLabel = "";

    /**
     * @param title       the heading
     * @param valueLabel  the value axis, with its unit
     * @param logarithmic a log value axis, for values spanning decades
     */
    Chart(String title, String valueLabel, boolean logarithmic) {
        this.title = title;
        this.valueLabel = valueLabel;
        this.logarithmic = logarithmic;
    }

    /** Adds one bar. */
    void add(String series, String category, double value) {
        data.addValue(value, series, category);
    }

    /** Draws a horizontal line at {@code value}, e.g. a target. */
    void marker(double value, String label) {
        this.marker = value;
        this.markerLabel = label;
    }

    /** True when there is nothing to draw. */
    boolean isEmpty() {
        return data.getRowCount() == 0;
    }

    /** Renders to {@code file}. */
    void save(Path file) throws IOException {
        JFreeChart chart = ChartFactory.createBarChart(title, null, valueLabel, data);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xcccccc));
        plot.setOutlineVisible(false);
        if (data.getColumnCount() > 6) {
            plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        if (logarithmic) {
            LogAxis axis = new LogAxis(valueLabel);
            axis.setBase(10);
            axis.setSmallestValue(smallest() / 2);
            axis.setNumberFormatOverride(new DecimalFormat("0.###"));
            plot.setRangeAxis(axis);
        }
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        if (logarithmic) {
            // Bars start at the bottom of the visible axis rather than at zero, which a log axis lacks.
            renderer.setBase(smallest() / 2);
            renderer.setIncludeBaseInRange(false);
        }
        for (int i = 0; i < data.getRowCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE.get(i % PALETTE.size()));
        }
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("#,##0.###")));
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultPositiveItemLabelPosition(
                new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
        if (!Double.isNaN(marker)) {
            ValueMarker line = new ValueMarker(marker, new Color(0xd62728), new BasicStroke(1.5f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
            line.setLabel(markerLabel);
            line.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
            line.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(line);
        }
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    private double smallest() {
        double min = Double.POSITIVE_INFINITY;
        for (int r = 0; r < data.getRowCount(); r++) {
            for (int c = 0; c < data.getColumnCount(); c++) {
                Number v = data.getValue(r, c);
                if (v != null && v.doubleValue() > 0) {
                    min = Math.min(min, v.doubleValue());
                }
            }
        }
        return Double.isInfinite(min) ? 1 : min;
    }
}
