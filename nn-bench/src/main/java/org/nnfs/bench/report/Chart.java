package org.nnfs.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.math.MathContext;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
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
    /** Colours of the known backends, so a backend has the same colour in every chart. */
    private static final List<String> KNOWN = List.of("nd4j", "ojalgo", "vector");
    private static final List<Color> PALETTE = List.of(new Color(0x1f77b4), new Color(0xff7f0e),
            new Color(0x2ca02c), new Color(0x9467bd), new Color(0x8c564b));
    static final int WIDTH = 1000;
    static final int HEIGHT = 520;

    private final String title;
    private final String valueLabel;
    private final DefaultCategoryDataset data = new DefaultCategoryDataset();
    private double marker = Double.NaN;
    private String markerLabel = "";

    /**
     * @param title      the heading
     * @param valueLabel the value axis, with its unit
     */
    Chart(String title, String valueLabel) {
        this.title = title;
        this.valueLabel = valueLabel;
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
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        renderer.setMaximumBarWidth(0.12);
        for (int i = 0; i < data.getRowCount(); i++) {
            int known = KNOWN.indexOf(String.valueOf(data.getRowKey(i)));
            renderer.setSeriesPaint(i, PALETTE.get(known >= 0 ? known : (KNOWN.size() + i) % PALETTE.size()));
        }
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new ThreeDigits()));
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

    /** Three significant digits, as bar labels need: 321, 80.3, 0.350, 1230. */
    private static final class ThreeDigits extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
            if (!Double.isFinite(number)) {
                return toAppendTo.append(number);
            }
            BigDecimal rounded = new BigDecimal(number).round(new MathContext(3));
            if (rounded.signum() != 0 && rounded.precision() < 3) {
                // 2.5 -> 2.50 and 40 -> 40.0: keep trailing zeros so every label shows three digits
                rounded = rounded.setScale(rounded.scale() + 3 - rounded.precision());
            }
            return toAppendTo.append(rounded.toPlainString());
        }

        @Override
        public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
            return format((double) number, toAppendTo, pos);
        }

        @Override
        public Number parse(String source, ParsePosition parsePosition) {
            throw new UnsupportedOperationException("labels are only formatted");
        }
    }
}
