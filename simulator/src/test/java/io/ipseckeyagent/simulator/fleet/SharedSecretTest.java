package io.ipseckeyagent.simulator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.application.port.out.KeyFileContent;
import io.ipseckeyagent.domain.key.KeyFileCheck;
import io.ipseckeyagent.domain.key.KeySet;
import org.junit.jupiter.api.Test;

class SharedSecretTest {

    @Test
    void everyReadOfOneKeyIsParsedOnceAndARotationIsParsedAfresh() {
        SharedSecret secret = new SharedSecret(Fleet.OLD_SPI);

        KeyFileCheck first = check(secret);
        KeyFileCheck second = check(secret);
        secret.rotateTo(Fleet.NEW_SPI);
        KeyFileCheck rotated = check(secret);

        assertThat(second).isSameAs(first); // one parse for the whole fleet
        assertThat(first.keySet().map(KeySet::activeSpi).toJavaOptional()).contains(Fleet.OLD_SPI);
        assertThat(rotated.keySet().map(KeySet::activeSpi).toJavaOptional()).contains(Fleet.NEW_SPI);
    }

    private static KeyFileCheck check(SharedSecret secret) {
        return secret.read().map(KeyFileContent::check).getOrElseThrow(failure -> new AssertionError(failure.problem()));
    }
}
