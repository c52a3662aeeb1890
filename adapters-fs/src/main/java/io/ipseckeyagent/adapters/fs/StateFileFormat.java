package io.ipseckeyagent.adapters.fs;

import io.ipseckeyagent.domain.key.KeyShape;
import io.ipseckeyagent.domain.key.KeySummary;
import io.ipseckeyagent.domain.key.Spi;
import io.ipseckeyagent.domain.rotation.AppliedKeys;
import io.ipseckeyagent.domain.rotation.PendingChange;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import io.vavr.control.Try;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The state file's JSON (version 1): what is applied, key by key, with fingerprints and lengths
 * but never key material. Times are ISO-8601; {@code publishedAt} is null until published;
 * {@code pending} (null when none, absent in older files) is a rotation away from these keys that
 * has begun: {@code {"detectedAt": ..., "fromFingerprint": ...}}.
 */
final class StateFileFormat {
    static final int VERSION = 1;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private StateFileFormat() {}

    record StateDocument(int version, int activeSpi, java.util.List<KeyDocument> keys, String detectedAt,
            String appliedAt, String publishedAt, PendingDocument pending) {}

    record PendingDocument(String detectedAt, String fromFingerprint) {}

    /** What the file holds: the applied keys and, maybe, the rotation that began from them. */
    record State(AppliedKeys applied, Option<PendingChange> pending) {}

    record KeyDocument(int line, int spi, boolean perNodeKeys, String type, java.util.List<String> algorithms,
            int keyBytes, Integer authKeyBytes, Integer icvBits, String fingerprint) {}

    static byte[] encode(AppliedKeys applied) {
        return encode(new State(applied, Option.none()));
    }

    static byte[] encode(State state) {
        AppliedKeys applied = state.applied();
        StateDocument document = new StateDocument(VERSION, applied.activeSpi().value(),
                applied.keys().map(StateFileFormat::keyDocument).toJavaList(),
                applied.detectedAt().toString(), applied.appliedAt().toString(),
                applied.publishedAt().map(Instant::toString).getOrNull(),
                state.pending().map(p -> new PendingDocument(p.detectedAt().toString(), p.fromFingerprint())).getOrNull());
        return JSON.writeValueAsBytes(document);
    }

    /** The applied keys the JSON describes, or why it does not describe any. */
    static Either<String, AppliedKeys> decode(byte[] json) {
        return decodeState(json).map(State::applied);
    }

    /**
     * The applied keys and pending change the JSON describes. An invalid pending record is dropped
     * (a restart then starts a new window), never a reason to forget the applied keys.
     */
    static Either<String, State> decodeState(byte[] json) {
        return Try.of(() -> JSON.readValue(json, StateDocument.class))
                .toEither()
                .mapLeft(failure -> "not valid state JSON: " + (failure instanceof JacksonException jackson
                        ? jackson.getOriginalMessage() : failure.getMessage()))
                .flatMap(document -> appliedKeys(document).map(applied -> new State(applied, pending(document))));
    }

    private static Option<PendingChange> pending(StateDocument document) {
        return Option.of(document.pending())
                .flatMap(p -> Try.of(() -> new PendingChange(Instant.parse(p.detectedAt()), p.fromFingerprint())).toOption());
    }

    private static KeyDocument keyDocument(KeySummary key) {
        return new KeyDocument(key.line(), key.spi().value(), key.perNodeKeys(), key.typeName(),
                key.algorithms().toJavaList(), key.keyBytes(), key.authKeyBytes().getOrNull(),
                key.icvBits().getOrNull(), key.fingerprint());
    }

    private static Either<String, AppliedKeys> appliedKeys(StateDocument document) {
        if (document.version() != VERSION) {
            return Either.left("unsupported state file version " + document.version() + ", expected " + VERSION);
        }
        // Domain constructors reject what does not fit (SPI out of range, no keys, bad times).
        return Either.sequenceRight(List.ofAll(document.keys()).map(StateFileFormat::keySummary))
                .mapLeft(problem -> "invalid state: " + problem)
                .flatMap(keys -> Try.of(() -> new AppliedKeys(
                                keys.toList(),
                                Instant.parse(document.detectedAt()),
                                Instant.parse(document.appliedAt()),
                                Option.of(document.publishedAt()).map(Instant::parse)))
                        .toEither()
                        .mapLeft(failure -> "invalid state: " + failure.getMessage()))
                .filterOrElse(applied -> applied.activeSpi().value() == document.activeSpi(),
                        applied -> "activeSpi " + document.activeSpi() + " is not the SPI of the last key ("
                                + applied.activeSpi() + ")");
    }

    private static Either<String, KeySummary> keySummary(KeyDocument key) {
        return shape(key).flatMap(shape -> Try.of(() -> new KeySummary(key.line(), Spi.of(key.spi()), key.perNodeKeys(),
                shape, List.ofAll(key.algorithms()), key.fingerprint())).toEither().mapLeft(Throwable::getMessage));
    }

    private static Either<String, KeyShape> shape(KeyDocument key) {
        Option<Integer> authKeyBytes = Option.of(key.authKeyBytes());
        Option<Integer> icvBits = Option.of(key.icvBits());
        return switch (String.valueOf(key.type())) {
            case KeySummary.AEAD -> icvBits.<Either<String, KeyShape>>map(icv -> Either.right(new KeyShape.Aead(key.keyBytes(), icv)))
                    .getOrElse(() -> Either.left("key on line " + key.line() + ": an aead key needs icvBits"));
            case KeySummary.AUTH_ENC -> authKeyBytes.<Either<String, KeyShape>>map(auth -> Either.right(new KeyShape.AuthEnc(auth, key.keyBytes())))
                    .getOrElse(() -> Either.left("key on line " + key.line() + ": an auth-enc key needs authKeyBytes"));
            default -> Either.left("key on line " + key.line() + ": unknown type '" + key.type() + "', expected "
                    + KeySummary.AEAD + " or " + KeySummary.AUTH_ENC);
        };
    }
}
