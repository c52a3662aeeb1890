package io.ipseckeyagent.domain.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.domain.key.KeyFileProblem;
import io.ipseckeyagent.domain.key.KeySet;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyChangeTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final KeySet APPLIED = TestKeys.aead(3, 1);

    private static KeyChange judge(KeySet candidate) {
        return KeyChange.judge(Option.some(AppliedKeys.of(APPLIED, NOW, NOW)), candidate);
    }

    @Test
    void anythingIsNewWhenNothingIsApplied() {
        assertThat(KeyChange.judge(Option.none(), APPLIED)).isEqualTo(new KeyChange.NewKeys(APPLIED));
    }

    @Test
    void theSameFileIsIdentical() {
        assertThat(judge(TestKeys.aead(3, 1))).isInstanceOf(KeyChange.Identical.class);
    }

    @Test
    void aNewKeyWithANewSpiIsNew() {
        KeySet next = TestKeys.parse(TestKeys.aeadLine(3, 1, 20) + "\n" + TestKeys.aeadLine(4, 2, 20));

        assertThat(judge(next)).isEqualTo(new KeyChange.NewKeys(next));
    }

    @Test
    void theSameActiveKeyWithOtherLinesChangedIsAppliedAgain() {
        KeySet withOldLine = TestKeys.parse(TestKeys.aeadLine(2, 9, 20) + "\n" + TestKeys.aeadLine(3, 1, 20));

        assertThat(judge(withOldLine)).isEqualTo(new KeyChange.NewKeys(withOldLine));
    }

    @Test
    void aChangedKeyUnderTheAppliedSpiIsRefusedOnItsLine() {
        KeySet sameSpi = TestKeys.parse(TestKeys.aeadLine(2, 9, 20) + "\n" + TestKeys.aeadLine(3, 5, 20));

        KeyChange change = judge(sameSpi);

        assertThat(change).isInstanceOf(KeyChange.Refused.class);
        KeyFileProblem problem = ((KeyChange.Refused) change).problems().single();
        assertThat(problem.line()).contains(2);
        assertThat(problem.message()).contains("SPI 3 is already applied with key " + APPLIED.active().suite().fingerprint(),
                "a changed key needs a new SPI");
    }

    /** Cilium: ipsec_linux.go, loadIPSecKeys, compares KeyLen (icv-bits / 8) with the loaded key. */
    @Test
    void anAes128ToAes256RotationWithTheSameIcvIsNew() {
        KeySet aes256 = TestKeys.parse(TestKeys.aeadLine(4, 2, 36));

        assertThat(judge(aes256)).isEqualTo(new KeyChange.NewKeys(aes256));
    }

    /** Cilium: ipsec_linux.go, loadIPSecKeys, KeyLen of an auth + enc line is the auth key's length. */
    @Test
    void aCbcKeyLengthChangeUnderTheSameHmacKeyLengthIsNew() {
        KeyChange change = KeyChange.judge(Option.some(AppliedKeys.of(TestKeys.parse(authEncLine(3, 16)), NOW, NOW)),
                TestKeys.parse(authEncLine(4, 32)));

        assertThat(change).isInstanceOf(KeyChange.NewKeys.class);
    }

    @Test
    void anIcvChangeIsRefusedWithBothKeyLens() {
        KeyChange change = judge(TestKeys.parse(TestKeys.aeadLine(4, 2, 20).replace(" 128", " 96")));

        assertThat(change).isInstanceOf(KeyChange.Refused.class);
        assertThat(((KeyChange.Refused) change).problems().single().message()).isEqualTo(
                "key length must not change: the applied key (SPI 3) is an AEAD key of 20 bytes with a 128-bit ICV"
                        + " (Cilium KeyLen 16), this one is an AEAD key of 20 bytes with a 96-bit ICV (Cilium KeyLen 12)");
    }

    @Test
    void bothRulesAreReportedWhenBothAreBroken() {
        KeyChange change = judge(TestKeys.parse(TestKeys.aeadLine(3, 2, 20).replace(" 128", " 96")));

        assertThat(((KeyChange.Refused) change).problems()).hasSize(2);
    }

    private static String authEncLine(int spi, int encKeyBytes) {
        return spi + " hmac(sha256) " + "ab".repeat(16) + " cbc(aes) " + "cd".repeat(encKeyBytes);
    }
}
