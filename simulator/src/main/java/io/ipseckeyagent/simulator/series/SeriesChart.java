package io.ipseckeyagent.simulator.series;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Every run on one time axis, in three panels: PATCH requests per second, watch events per second,
 * adopted nodes. Each run keeps its colour in all three; a scenario has the same colour in every chart.
 */
public final class SeriesChart {
    static {
        System.setProperty("java.awt.headless", "true"); // no display on build machines and in CI
    }

    private static final Map<String, Color> KNOWN = Map.of(
            "disabled", new Color(0xD62728), "cilium", new Color(0xFF7F0E), "uniform", new Color(0x1F77B4),
            "auto", new Color(0x2CA02C), "node-hash", new Color(0x9467BD), "rank", new Color(0x8C564B));
    private static final Color[] OTHERS = {new Color(0x17BECF), new Color(0xBCBD22), new Color(0x7F7F7F)};
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 900;

    private SeriesChart() {}

    /** Writes the chart of {@code runs} as a PNG, {@code title} above it and {@code subtitle} below the title. */
    public static void writePng(Path file, String title, String subtitle, List<Series> runs) throws IOException {
        NumberAxis time = new NumberAxis("seconds after the Secret changed");
        time.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(12);
        XYPlot patches = panel("PATCH requests/s", runs, series -> series::patchesAt, new XYStepRenderer());
        plot.add(patches, 2);
        plot.add(panel("watch events/s", runs, series -> series::watchEventsAt, new XYStepRenderer()), 2);
        plot.add(panel("adopted nodes", runs, series -> series::adoptedAt, new XYLineAndShapeRenderer(true, false)), 2);
        plot.setFixedLegendItems(patches.getLegendItems()); // one entry per run, not one per panel
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }

    private interface Values {
        IntToDoubleFunction of(Series series);
    }

    private static XYPlot panel(String name, List<Series> runs, Values values, XYItemRenderer renderer) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Series run : runs) {
            XYSeries line = new XYSeries(run.label(), false, true);
            IntToDoubleFunction value = values.of(run);
            if (renderer instanceof XYStepRenderer) { // a count over [s, s + 1): a step from s to s + 1, then down
                for (int second = 0; second < run.seconds(); second++) {
                    line.add(second, value.applyAsDouble(second));
                }
                line.add(run.seconds(), 0);
            } else { // a level at the end of second s: a point at s + 1, from none at 0
                line.add(0, 0);
                for (int second = 0; second < run.seconds(); second++) {
                    line.add(second + 1, value.applyAsDouble(second));
                }
            }
            data.addSeries(line);
        }
        NumberAxis axis = new NumberAxis(name);
        axis.setNumberFormatOverride(NumberFormat.getIntegerInstance(Locale.ROOT));
        axis.setAutoRangeIncludesZero(true);
        XYPlot panel = new XYPlot(data, null, axis, renderer);
        panel.setBackgroundPaint(Color.WHITE);
        panel.setDomainGridlinePaint(Color.LIGHT_GRAY);
        panel.setRangeGridlinePaint(Color.LIGHT_GRAY);
        for (int i = 0; i < runs.size(); i++) {
            renderer.setSeriesPaint(i, colour(runs.get(i).label(), i));
            renderer.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        return panel;
    }

    private static Color colour(String label, int index) {
        Color known = KNOWN.get(label);
        return known != null ? known : OTHERS[index % OTHERS.length];
    }
}
