package io.ipseckeyagent.bootstrap.run;

import io.ipseckeyagent.testkit.KeyFiles;
import io.ipseckeyagent.bootstrap.config.RunConfiguration;
import io.ipseckeyagent.bootstrap.testing.Configurations;
import io.ipseckeyagent.standins.MockApiServer;
import io.ipseckeyagent.standins.KubeletSecretVolume;
import io.ipseckeyagent.domain.key.NodeName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One node's setting for in-process runs: a mock API server, a kubelet-style Secret directory, flags. */
final class RunningAgent implements AutoCloseable {
    static final NodeName NODE = NodeName.of("node-a");
    /** SPI 3, then SPI 4 added as Cilium's rotation does: the last line is the active key. */
    static final String KEYS_SPI_3 = KeyFiles.aead(3, 3) + "\n";
    static final String KEYS_SPI_4 = KEYS_SPI_3 + KeyFiles.aead(4, 4) + "\n";

    final MockApiServer cluster = new MockApiServer();
    final KubeletSecretVolume secret;
    private final Path dir;

    RunningAgent(Path dir) {
        this.dir = dir;
        this.secret = new KubeletSecretVolume(dir.resolve("secret"));
    }

    /** The flags of a test node (metrics on a free loopback port, a 300 ms jitter bound), {@code more} replacing any of them. */
    RunConfiguration configuration(String... more) throws IOException {
        Map<String, String> flags = new LinkedHashMap<>();
        for (String flag : List.of("--node-name=" + NODE.value(), "--kubeconfig=" + cluster.writeKubeconfig(dir),
                "--ipsec-key-file=" + secret.keyFile(), "--state-file=" + stateFile(), "--prometheus-serve-addr=127.0.0.1:0",
                "--ipsec-jitter-max-duration=300ms", "--key-file-poll-interval=1s")) {
            flags.put(flag.substring(0, flag.indexOf('=')), flag);
        }
        for (String flag : more) {
            flags.put(flag.contains("=") ? flag.substring(0, flag.indexOf('=')) : flag, flag);
        }
        return Configurations.fromFlags(flags.values().toArray(String[]::new));
    }

    Path stateFile() {
        return dir.resolve("state").resolve("state.json");
    }

    @Override
    public void close() {
        cluster.close();
    }
}
