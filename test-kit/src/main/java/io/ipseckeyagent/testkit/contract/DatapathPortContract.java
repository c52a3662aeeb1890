package io.ipseckeyagent.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ipseckeyagent.application.port.out.DatapathPort;
import io.ipseckeyagent.domain.key.CipherSuite;
import io.ipseckeyagent.domain.key.KeyBytes;
import io.ipseckeyagent.domain.key.KeyEntry;
import io.ipseckeyagent.domain.key.KeySet;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.domain.rotation.AppliedKeys;
import io.ipseckeyagent.domain.rotation.PendingChange;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DatapathPort} promises. An adapter's test extends this class and says how to
 * make a datapath on fresh storage, a restarted one on the same storage, and what it stored.
 */
public abstract class DatapathPortContract {

    private static final Instant DETECTED = Instant.parse("2026-11-24T10:00:00.123456789Z");
    private static final Instant APPLIED = Instant.parse("2026-11-24T10:00:42.5Z");
    private static final Instant PUBLISHED = Instant.parse("2026-11-24T10:00:43Z");

    private static final KeyBytes OLD_AEAD_KEY = key(20, 0x11);
    private static final KeyBytes AEAD_KEY = key(20, 0x22);
    private static final KeyBytes AUTH_KEY = key(32, 0x33);
    private static final KeyBytes ENC_KEY = key(16, 0x44);

    /** Two AEAD lines, the second (SPI 4) active. */
    protected static final KeySet AEAD_KEYS = new KeySet(List.of(
            new KeyEntry(1, Spi.of(3), true, new CipherSuite.Aead("rfc4106(gcm(aes))", OLD_AEAD_KEY, 128)),
            new KeyEntry(2, Spi.of(4), true, new CipherSuite.Aead("rfc4106(gcm(aes))", AEAD_KEY, 128))));

    /** One auth + encryption line, SPI 5. */
    protected static final KeySet AUTH_ENC_KEYS = new KeySet(List.of(
            new KeyEntry(1, Spi.of(5), false, new CipherSuite.AuthEnc("hmac(sha256)", AUTH_KEY, "cbc(aes)", ENC_KEY))));

    /** The null suite: both keys empty. */
    protected static final KeySet NULL_KEYS = new KeySet(List.of(
            new KeyEntry(1, Spi.of(1), false,
                    new CipherSuite.AuthEnc("digest_null", KeyBytes.empty(), "cipher_null", KeyBytes.empty()))));

    /** A datapath on new, empty storage. */
    protected abstract DatapathPort freshDatapath();

    /** A new instance on the storage of the last {@link #freshDatapath()}, as after a restart. */
    protected abstract DatapathPort restartedDatapath();

    /** Everything the last {@link #freshDatapath()} has stored, as text. */
    protected abstract String storedForm();

    @Test
    void freshStorageHoldsNothingApplied() {
        assertThat(freshDatapath().lastApplied()).isEqualTo(Option.none());
    }

    @Test
    void applyReturnsWhatIsNowApplied() {
        Either<String, AppliedKeys> applied = freshDatapath().apply(AEAD_KEYS, DETECTED, APPLIED);

        assertThat(applied).isEqualTo(Either.right(
                new AppliedKeys(AEAD_KEYS.summaries(), DETECTED, APPLIED, Option.none())));
    }

    @Test
    void lastAppliedReturnsTheAppliedKeysOfEveryShape() {
        for (KeySet keys : List.of(AEAD_KEYS, AUTH_ENC_KEYS, NULL_KEYS)) {
            DatapathPort datapath = freshDatapath();
            AppliedKeys applied = rightOf(datapath.apply(keys, DETECTED, APPLIED));

            assertThat(datapath.lastApplied()).isEqualTo(Option.some(applied));
            assertThat(applied.activeSpi()).isEqualTo(keys.activeSpi());
        }
    }

    @Test
    void markPublishedRecordsTheTime() {
        DatapathPort datapath = freshDatapath();
        datapath.apply(AEAD_KEYS, DETECTED, APPLIED);

        Either<String, AppliedKeys> published = datapath.markPublished(Spi.of(4), PUBLISHED);

        AppliedKeys expected = new AppliedKeys(AEAD_KEYS.summaries(), DETECTED, APPLIED, Option.some(PUBLISHED));
        assertThat(published).isEqualTo(Either.right(expected));
        assertThat(datapath.lastApplied()).isEqualTo(Option.some(expected));
    }

    @Test
    void markPublishedOfAnSpiThatIsNotAppliedIsRefusedAndChangesNothing() {
        DatapathPort datapath = freshDatapath();
        assertThat(datapath.markPublished(Spi.of(4), PUBLISHED).isLeft()).as("nothing applied yet").isTrue();

        AppliedKeys applied = rightOf(datapath.apply(AEAD_KEYS, DETECTED, APPLIED));
        Either<String, AppliedKeys> refused = datapath.markPublished(Spi.of(3), PUBLISHED);

        assertThat(refused.isLeft()).as("SPI 3 is not the active key").isTrue();
        assertThat(datapath.lastApplied()).isEqualTo(Option.some(applied));
    }

    @Test
    void aNewApplyIsNotPublishedYet() {
        DatapathPort datapath = freshDatapath();
        datapath.apply(AEAD_KEYS, DETECTED, APPLIED);
        datapath.markPublished(Spi.of(4), PUBLISHED);

        Instant later = PUBLISHED.plusSeconds(60);
        AppliedKeys next = rightOf(datapath.apply(AUTH_ENC_KEYS, later, later));

        assertThat(next.publishedAt()).isEqualTo(Option.none());
        assertThat(datapath.lastApplied()).isEqualTo(Option.some(next));
    }

    @Test
    void aRestartedDatapathSeesWhatWasAppliedAndPublished() {
        DatapathPort before = freshDatapath();
        before.apply(AEAD_KEYS, DETECTED, APPLIED);
        AppliedKeys published = rightOf(before.markPublished(Spi.of(4), PUBLISHED));

        DatapathPort after = restartedDatapath();

        assertThat(after.lastApplied()).isEqualTo(Option.some(published));
        assertThat(after.markPublished(Spi.of(4), PUBLISHED.plusSeconds(1)).isRight()).isTrue();
    }

    @Test
    void neverStoresNorShowsKeyMaterial() {
        DatapathPort datapath = freshDatapath();
        String refused = datapath.markPublished(Spi.of(9), PUBLISHED).swap().getOrElse("");
        datapath.apply(AEAD_KEYS, DETECTED, APPLIED);
        datapath.apply(AUTH_ENC_KEYS, DETECTED, APPLIED);

        for (KeyBytes key : List.of(OLD_AEAD_KEY, AEAD_KEY, AUTH_KEY, ENC_KEY)) {
            String hex = key.toKeyFileHex();
            String upperHex = hex.toUpperCase(Locale.ROOT);
            String shown = storedForm() + "\n" + datapath + "\n" + datapath.lastApplied() + "\n" + refused;
            // Checked without printing: a failure message must not show key material.
            assertThat(shown.contains(hex) || shown.contains(upperHex))
                    .as("key %s appears in what the datapath stored or shows", key.fingerprint()).isFalse();
        }
    }

    @Test
    void freshStorageHoldsNoPendingChangeAndRefusesOneWithoutAppliedKeys() {
        DatapathPort datapath = freshDatapath();

        assertThat(datapath.pendingChange()).isEqualTo(Option.none());
        assertThat(datapath.recordPendingChange(new PendingChange(DETECTED, "sha256:00000000")).isLeft()).isTrue();
        assertThat(datapath.forgetPendingChange()).isEqualTo(Either.right(Option.none()));
    }

    @Test
    void aPendingChangeSurvivesARestartAndAPublishAndIsDroppedByTheNextApply() {
        DatapathPort before = freshDatapath();
        AppliedKeys applied = rightOf(before.apply(AEAD_KEYS, DETECTED, APPLIED));
        PendingChange pending = new PendingChange(PUBLISHED.plusSeconds(10), applied.active().fingerprint());

        assertThat(before.recordPendingChange(pending)).isEqualTo(Either.right(pending));
        before.markPublished(Spi.of(4), PUBLISHED);
        DatapathPort after = restartedDatapath();

        assertThat(after.pendingChange()).isEqualTo(Option.some(pending));
        assertThat(after.lastApplied().flatMap(AppliedKeys::publishedAt)).isEqualTo(Option.some(PUBLISHED));
        after.apply(AUTH_ENC_KEYS, PUBLISHED.plusSeconds(10), PUBLISHED.plusSeconds(20));
        assertThat(after.pendingChange()).isEqualTo(Option.none());
    }

    @Test
    void aForgottenPendingChangeIsGoneAfterARestart() {
        DatapathPort before = freshDatapath();
        AppliedKeys applied = rightOf(before.apply(AEAD_KEYS, DETECTED, APPLIED));
        PendingChange pending = new PendingChange(PUBLISHED, applied.active().fingerprint());
        before.recordPendingChange(pending);

        assertThat(before.forgetPendingChange()).isEqualTo(Either.right(Option.some(pending)));
        assertThat(restartedDatapath().pendingChange()).isEqualTo(Option.none());
        assertThat(restartedDatapath().lastApplied()).isEqualTo(Option.some(applied));
    }

    private static AppliedKeys rightOf(Either<String, AppliedKeys> result) {
        return result.getOrElseThrow(reason -> new AssertionError("expected success, got: " + reason));
    }

    private static KeyBytes key(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed + 7 * i);
        }
        return KeyBytes.of(bytes);
    }
}
