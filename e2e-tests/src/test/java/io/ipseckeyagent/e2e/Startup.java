package io.ipseckeyagent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

/** Waiting for an agent's start to settle, in the order the agent goes through it. */
final class Startup {
    /** A child JVM starting the shaded jar on a busy 2-core machine. */
    static final Duration START = Duration.ofSeconds(20);

    private Startup() {}

    /**
     * Waits until the agent is ready, watches the key file, has applied {@code spi} from it, and has looked up
     * what its CiliumNode publishes; then checks for a second that the look-up, finding {@code spi}
     * published already, started no jitter wait and sent no PATCH (the answer is handled in
     * milliseconds, so a second is ample).
     */
    static void awaitSettled(AgentProcess agent, TestNode node, int spi) {
        agent.awaitLogged("agent ready", START);
        agent.awaitLogged("IPsec keys applied", record -> record.path("spi").asInt() == spi, Duration.ofSeconds(1));
        agent.awaitOutput("the key file watch", () -> agent.output().contains("Watching key file"), START);
        agent.awaitOutput("the startup look-up of " + TestNode.NAME, () -> node.api.lookedUp(TestNode.NAME), START);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> agent.logged("Jitter chosen for IPsec key rotation").isEmpty()
                        && node.api.patchesOf(TestNode.NAME).isEmpty());
        assertThat(agent.isAlive()).as(agent.describe()).isTrue();
    }
}
