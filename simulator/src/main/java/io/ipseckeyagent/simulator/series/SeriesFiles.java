package io.ipseckeyagent.simulator.series;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What {@code --out-dir} writes: {@code NAME-<label>.csv} per run and {@code NAME.png} with every run. */
public final class SeriesFiles {
    private SeriesFiles() {}

    /** Writes the files into {@code directory} (created if missing) and returns them, the chart last. */
    public static List<Path> write(Path directory, String name, String title, String subtitle, List<Series> runs)
            throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        for (Series run : runs) {
            Path csv = directory.resolve(name + "-" + run.label() + ".csv");
            Files.writeString(csv, run.csv());
            written.add(csv);
        }
        Path png = directory.resolve(name + ".png");
        SeriesChart.writePng(png, title, subtitle, runs);
        written.add(png);
        return written;
    }
}
