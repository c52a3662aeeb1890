package io.ipseckeyagent.bootstrap.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.bootstrap.config.OptionSpec;
import io.ipseckeyagent.bootstrap.config.RunOptions;
import io.ipseckeyagent.adapters.observability.ObservabilityAdapters;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/guides/operating.md keeps up with the code: every option's row, every metric. */
class OperatingGuideTest {
    private static final Path GUIDE = Path.of(System.getProperty("basedir", ".")).resolve("../docs/guides/operating.md").normalize();

    @Test
    void theFlagsTableHasEveryOptionAsTheRegistryDescribesIt() throws IOException {
        String guide = Files.readString(GUIDE);

        for (OptionSpec<?> option : RunOptions.ALL) {
            assertThat(guide).contains(row(option));
        }
    }

    @Test
    void everyMetricIsListed() throws IOException {
        String guide = Files.readString(GUIDE);

        var metrics = ObservabilityAdapters.create().registry().scrape();

        assertThat(metrics.size()).isGreaterThan(5);
        for (MetricSnapshot metric : metrics) {
            assertThat(guide).contains("`" + metric.getMetadata().getPrometheusName());
        }
    }

    /** The table row, as written when the guide was generated from the registry. */
    private static String row(OptionSpec<?> option) {
        String flag = "`" + option.flag() + (option.kind() == OptionSpec.ValueKind.BOOLEAN ? "[=BOOL]" : "=" + option.valueLabel()) + "`";
        String variables = option.environmentVariables().map(variable -> "`" + variable + "`").mkString(", ");
        return "| " + flag + " | " + variables + " | " + option.defaultDescription() + " | " + option.help()
                + (option.inConfigFile() ? "" : " Not in the config file.") + " |";
    }
}
