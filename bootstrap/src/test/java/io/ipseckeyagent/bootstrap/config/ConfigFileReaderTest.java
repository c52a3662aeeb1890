package io.ipseckeyagent.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.adapters.observability.LogFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileReaderTest {
    private final ConfigFileReader reader = ConfigFileReader.fromFileSystem();

    @TempDir
    Path directory;

    @Test
    void readsUtf8Text() throws IOException {
        Path file = Files.writeString(directory.resolve("agent.yaml"), "cluster-name: prod # été\n");

        assertThat(reader.read(file).toJavaOptional()).contains("cluster-name: prod # été\n");
    }

    @Test
    void saysWhyAFileCannotBeRead() throws IOException {
        Path binary = Files.write(directory.resolve("binary.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        Path large = Files.write(directory.resolve("large.yaml"), new byte[(int) ConfigFileReader.MAX_BYTES + 1]);

        assertThat(reader.read(directory.resolve("missing.yaml")).getLeft()).endsWith("missing.yaml: no such file");
        assertThat(reader.read(directory).getLeft()).endsWith(": it is a directory");
        assertThat(reader.read(binary).getLeft()).endsWith("binary.yaml: not UTF-8 text");
        assertThat(reader.read(large).getLeft()).endsWith("large.yaml: larger than 1048576 bytes");
    }

    @Test
    void resolvingReadsTheNamedFileFromDisk() throws IOException {
        Path file = Files.writeString(directory.resolve("agent.yaml"), "log-format: json\n");

        ConfigResolution resolution = RunConfiguration.resolve(io.vavr.collection.List.of("--node-name=n", "--config=" + file), java.util.Map.of(),
                ConfigFileReader.fromFileSystem(), true);

        assertThat(Resolving.valid(resolution).observability().logFormat()).isEqualTo(LogFormat.JSON);
    }
}
