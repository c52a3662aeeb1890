package io.ipseckeyagent.bootstrap.config;

import static io.ipseckeyagent.bootstrap.config.Resolving.problems;
import static io.ipseckeyagent.bootstrap.config.Resolving.resolve;
import static io.ipseckeyagent.bootstrap.config.Resolving.valid;
import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.domain.jitter.JitterMaximum;
import io.ipseckeyagent.domain.jitter.JitterPolicy;
import io.ipseckeyagent.adapters.observability.LogLevel;
import io.vavr.collection.Seq;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class YamlConfigFileTest {
    private static Seq<String> problemsOf(String yaml) {
        return problems(resolve(Map.of(), Map.of("config.yaml", yaml), "--node-name=n", "--config=config.yaml"));
    }

    private static RunConfiguration configurationOf(String yaml) {
        return valid(resolve(Map.of(), Map.of("config.yaml", yaml), "--node-name=n", "--config=config.yaml"));
    }

    @Test
    void readsEveryKindOfValue() {
        RunConfiguration configuration = configurationOf("""
                # a comment
                cluster-name: prod
                ipsec-key-file: /keys/keys
                ipsec-key-rotation-duration: 10m
                enable-ipsec-jitter: True
                ipsec-jitter-max-duration: 0
                ipsec-jitter-policy: node-hash
                key-file-poll-interval: PT2S
                prometheus-serve-addr: ""
                log-level: debug
                create-cilium-node: true
                """);

        assertThat(configuration.core().clusterName()).isEqualTo("prod");
        assertThat(configuration.plugins().ipsecKeyFile()).isEqualTo(Path.of("/keys/keys"));
        assertThat(configuration.core().jitter().keyRotationDuration()).isEqualTo(Duration.ofMinutes(10));
        // A zero maximum (a YAML number) turns jitter off, so the typed core says off whatever the two other jitter keys say;
        // what they said is checked as written down.
        assertThat(configuration.core().jitter().maximum()).isEqualTo(new JitterMaximum.Fixed(Duration.ZERO));
        assertThat(configuration.core().jitter().enabled()).isFalse();
        assertThat(configuration.core().policy()).isEqualTo(JitterPolicy.disabled());
        assertThat(configuration.settings().get("enable-ipsec-jitter")).contains("true");
        assertThat(configuration.settings().get("ipsec-jitter-policy")).contains("node-hash");
        assertThat(configuration.plugins().keyFilePollInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(configuration.observability().prometheusServeAddr().isEmpty()).isTrue();
        assertThat(configuration.observability().logLevel()).isEqualTo(LogLevel.DEBUG);
        assertThat(configuration.plugins().createCiliumNode()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            enable-ipsec-jitter: yes                | config.yaml:1: enable-ipsec-jitter: expected true or false, got the string "yes"
            enable-ipsec-jitter: "true"             | config.yaml:1: enable-ipsec-jitter: expected true or false, got the string "true"
            enable-ipsec-jitter: 1                  | config.yaml:1: enable-ipsec-jitter: expected true or false, got the number 1
            cluster-name: 123                       | config.yaml:1: cluster-name: expected a string, got the number 123; put it in quotes
            cluster-name: true                      | config.yaml:1: cluster-name: expected a string, got the boolean true; put it in quotes
            log-level:                              | config.yaml:1: log-level: expected a string, got no value; remove the key to use the default
            kubeconfig: [a, b]                      | config.yaml:1: kubeconfig: expected a string, got a list
            ipsec-key-file: {path: /x}              | config.yaml:1: ipsec-key-file: expected a string, got a mapping
            ipsec-key-rotation-duration: true       | config.yaml:1: ipsec-key-rotation-duration: expected a duration like 30s, got the boolean true
            ipsec-key-rotation-duration: 5          | config.yaml:1: ipsec-key-rotation-duration: invalid duration "5": missing unit after 5
            ipsec-key-rotation-duration: [5m]       | config.yaml:1: ipsec-key-rotation-duration: expected a duration like 30s, got a list
            ipsec-jitter-policy: fair               | config.yaml:1: ipsec-jitter-policy: unknown value "fair"
            cluster-name: ""                        | config.yaml:1: cluster-name: empty value
            ipsec-jiter-policy: rank                | config.yaml:1: ipsec-jiter-policy: unknown key; did you mean ipsec-jitter-policy?
            keyRotationDuration: 5m                 | config.yaml:1: keyRotationDuration: unknown key; did you mean ipsec-key-rotation-duration?
            ipsecKeyFile: /k                        | config.yaml:1: ipsecKeyFile: unknown key; did you mean ipsec-key-file?
            something-else: 1                       | config.yaml:1: something-else: unknown key
            config: other.yaml                      | config.yaml:1: config: cannot be set in the config file
            1: x                                    | config.yaml:1: expected an option name as key, got the number 1
            - cluster-name: x                       | config.yaml:1: expected a mapping of option names to values, got a list
            just text                               | config.yaml:1: expected a mapping of option names to values, got the string "just text"
            """)
    void wrongTypesAndKeysAreProblemsAtTheirLine(String yaml, String expected) {
        assertThat(problemsOf(yaml + "\n")).singleElement().asString().startsWith(expected);
    }

    @Test
    void aRepeatedKeyNamesBothLines() {
        assertThat(problemsOf("cluster-name: a\nlog-level: info\ncluster-name: b\n"))
                .containsExactly("config.yaml:3: cluster-name: given twice (first at line 1)");
    }

    @Test
    void brokenYamlNamesItsLine() {
        assertThat(problemsOf("cluster-name: a\nlog-level: [info\n")).singleElement().asString()
                .startsWith("config.yaml:3: invalid YAML: ");
        assertThat(problemsOf("a: b\n---\nc: d\n")).singleElement().asString()
                .isEqualTo("config.yaml:2: invalid YAML: expected a single document in the stream but found another document");
    }

    @Test
    void anEmptyFileSetsNothing() {
        RunConfiguration withoutFile = valid(resolve("--node-name=n"));

        assertThat(configurationOf("")).usingRecursiveComparison().ignoringFields("configFile", "settings").isEqualTo(withoutFile);
        assertThat(configurationOf("# only a comment\n")).usingRecursiveComparison().ignoringFields("configFile", "settings").isEqualTo(withoutFile);
        assertThat(configurationOf("").settings().get("config").map(Path::of).toJavaOptional()).contains(Path.of("config.yaml"));
    }

    @Test
    void everyProblemOfTheFileIsReported() {
        assertThat(problemsOf("""
                ipsec-jiter-policy: rank
                enable-ipsec-jitter: yes
                log-level: loud
                log-format: xml
                """)).hasSize(4);
    }
}
