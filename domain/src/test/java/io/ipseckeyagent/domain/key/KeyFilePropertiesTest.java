package io.ipseckeyagent.domain.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.vavr.collection.List;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Properties over many generated inputs; fixed seeds keep every run the same. */
class KeyFilePropertiesTest {

    private static QuickTheory theory(int examples) {
        return qt().withFixedSeed(20261124L).withExamples(examples).withShrinkCycles(200);
    }

    // Pieces that key lines are made of, plus the troublemakers, glued at random.
    private static final java.util.List<String> TOKENS = java.util.List.of(
            "3", "15", "1+", "0", "16", "+", "-1", "99999999999999999999999", "000000000007",
            " ", " ", " ", "  ", "\t", "\n", "\n", "\r\n", "\r", "\0", "\u00e9", "\u007f",
            "rfc4106(gcm(aes))", "rfc4543(gcm(aes))", "rfc9999", "hmac(sha256)", "cbc(aes)", "digest_null",
            "cipher_null", "\"\"", "0x", "0x44434241343332312423222114131211f4f3f2f1",
            "44434241343332312423222114131211f4f3f2f1", "0123456789abcdef0123456789abcdef", "abc", "zz",
            "96", "128", "256", "64");

    private static Gen<byte[]> arbitraryBytes() {
        return Generate.byteArrays(integers().between(0, 300), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
    }

    private static Gen<byte[]> keyFileLike() {
        return lists().of(Generate.pick(TOKENS)).ofSizeBetween(0, 40)
                .map(tokens -> String.join("", tokens).getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Gen<byte[]> anyInput() {
        return arbitraryBytes().mix(keyFileLike(), 70);
    }

    @Test
    void neverThrowsAndEveryProblemIsOnALineThatExists() {
        theory(5_000).forAll(anyInput(), booleans().all()).checkAssert((content, strict) -> {
            KeyFileCheck check = KeyFileParser.parse(content, strict);

            int lines = lineCount(content);
            check.errors().appendAll(check.warnings()).forEach(problem ->
                    assertThat(problem.line().getOrElse(1)).isBetween(1, Math.max(1, lines)));
            assertThat(check.isValid()).isEqualTo(check.errors().isEmpty());
            assertThat(check.keySet().isDefined()).isEqualTo(check.isValid());
            assertThat(check.errors().map(p -> p.line().getOrElse(0)).toJavaList()).isSorted();
            assertThat(check.warnings().map(p -> p.line().getOrElse(0)).toJavaList()).isSorted();
        });
    }

    @Test
    void neverThrowsOnHugeNumbersOrTheLargestFiles() {
        byte[] huge = ("9".repeat(40_000) + " rfc4106(gcm(aes)) 44434241343332312423222114131211f4f3f2f1 "
                + "9".repeat(20_000)).getBytes(StandardCharsets.US_ASCII);
        byte[] manyLines = "\n \n".repeat(KeyFileParser.MAX_BYTES / 3).getBytes(StandardCharsets.US_ASCII);

        assertThat(KeyFileParser.parse(huge).errors().map(KeyFileProblem::message)).containsExactly(
                "SPI must be a decimal number from 1 to 15, was a 40000-digit number",
                "icv-bits must be 96, 128 or 256, was a 20000-digit number");
        assertThat(KeyFileParser.parse(manyLines).errors()).hasSize(2 * (KeyFileParser.MAX_BYTES / 3));
    }

    @Test
    void renderingAValidKeySetAndParsingItGivesTheSameKeySet() {
        theory(1500).forAll(keySets()).checkAssert(keys -> {
            String text = KeyFileRenderer.render(keys);

            KeyFileCheck check = KeyFileParser.parse(text.getBytes(StandardCharsets.US_ASCII));

            assertThat(check.errors()).isEmpty();
            assertThat(check.keySet().getOrNull()).isEqualTo(keys);
        });
    }

    @Test
    void noMessageOrToStringEverContainsKeyMaterial() {
        theory(1500).forAll(keySets(), integers().between(0, 6), integers().between(0, 1000)).checkAssert(
                (keys, damage, where) -> {
                    List<String> hexes = keys.entries().flatMap(KeyFilePropertiesTest::keyHexes)
                            .filter(hex -> hex.length() >= 8);
                    String text = damage(KeyFileRenderer.render(keys), damage, where);

                    KeyFileCheck check = KeyFileParser.parse(text.getBytes(StandardCharsets.US_ASCII));

                    String everything = (check + " " + check.errors().appendAll(check.warnings())
                            .map(KeyFileProblem::message).mkString(" ")).toLowerCase();
                    hexes.forEach(hex -> assertThat(everything).doesNotContain(hex));
                });
    }

    /** Damages one line of a rendered file in one of a few ways that move key hex around. */
    private static String damage(String text, int how, int where) {
        List<String> lines = List.of(text.split("\n"));
        int index = where % lines.size();
        List<String> fields = List.of(lines.get(index).split(" "));
        String key = fields.size() == 4 ? fields.get(2) : fields.get(4);
        List<String> damaged = switch (how) {
            case 0 -> fields.update(0, key); // key as SPI
            case 1 -> fields.update(1, key); // key as algorithm
            case 2 -> fields.update(fields.size() - 1, key); // key as ICV or as enc-key again
            case 3 -> fields.reverse();
            case 4 -> fields.append(key); // one field too many
            case 5 -> fields.update(0, key + "+").update(1, key.toUpperCase());
            default -> fields.update(fields.size() - 1, fields.last() + "x"); // bad hex or ICV
        };
        return lines.update(index, damaged.mkString(" ")).mkString("", "\n", "\n");
    }

    private static List<String> keyHexes(KeyEntry entry) {
        CipherSuite suite = entry.suite();
        return suite instanceof CipherSuite.Aead aead
                ? List.of(aead.key().toKeyFileHex())
                : List.of(((CipherSuite.AuthEnc) suite).authKey().toKeyFileHex(),
                        ((CipherSuite.AuthEnc) suite).encKey().toKeyFileHex());
    }

    // ---- generated key sets: consecutive SPIs differ; one format and one set of lengths per set

    private record LineRecipe(int spiStep, boolean perNodeKeys, int algorithm, long keySeed) {}

    private static final java.util.List<String> AEAD_NAMES = java.util.List.of(
            "rfc4106(gcm(aes))", "rfc4543(gcm(aes))", "rfc7539esp(rfc7539(chacha20,poly1305))", "rfcX");
    private static final java.util.List<String> AUTH_NAMES = java.util.List.of(
            "hmac(sha256)", "hmac(sha1)", "hmac(sha512)", "digest_null", "made-up(auth)");
    private static final java.util.List<String> ENC_NAMES = java.util.List.of(
            "cbc(aes)", "cipher_null", "\"\"", "x");

    static Gen<KeySet> keySets() {
        Gen<LineRecipe> line = integers().between(1, 14).zip(booleans().all(), integers().between(0, 19),
                longs().all(), LineRecipe::new);
        Gen<java.util.List<LineRecipe>> lines = lists().of(line).ofSizeBetween(1, 6);
        Gen<int[]> shape = integers().between(1, 15).zip(integers().between(0, 1), integers().between(0, 40),
                integers().between(0, 2), (firstSpi, format, length, icv) -> new int[] {firstSpi, format, length, icv});
        return shape.zip(lines, integers().between(0, 40), (s, recipes, authLength) ->
                keySet(s[0], s[1] == 0, s[2], authLength, new int[] {96, 128, 256}[s[3]], recipes));
    }

    private static KeySet keySet(int firstSpi, boolean aead, int keyLength, int authLength, int icv,
                                 java.util.List<LineRecipe> recipes) {
        List<KeyEntry> entries = List.empty();
        int spi = firstSpi;
        for (int i = 0; i < recipes.size(); i++) {
            LineRecipe recipe = recipes.get(i);
            if (i > 0) {
                spi = (spi - 1 + recipe.spiStep()) % Spi.MAX + 1; // never the previous SPI
            }
            SplittableRandom random = new SplittableRandom(recipe.keySeed());
            CipherSuite suite = aead
                    ? new CipherSuite.Aead(AEAD_NAMES.get(recipe.algorithm() % AEAD_NAMES.size()),
                            bytes(random, keyLength + 1), icv)
                    : new CipherSuite.AuthEnc(AUTH_NAMES.get(recipe.algorithm() % AUTH_NAMES.size()),
                            bytes(random, authLength), ENC_NAMES.get(recipe.algorithm() % ENC_NAMES.size()),
                            bytes(random, keyLength));
            entries = entries.append(new KeyEntry(i + 1, Spi.of(spi), recipe.perNodeKeys(), suite));
        }
        return new KeySet(entries);
    }

    private static KeyBytes bytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return KeyBytes.of(bytes);
    }

    /** Lines as the key file counts them: a final LF ends the last line. */
    private static int lineCount(byte[] content) {
        int lines = 0;
        for (byte b : content) {
            lines += b == '\n' ? 1 : 0;
        }
        return content.length > 0 && content[content.length - 1] != '\n' ? lines + 1 : lines;
    }

    @Test
    void theGeneratorsTestWhatTheyClaim() {
        // a key set drawn from the generator round-trips through hex and holds differing consecutive SPIs
        KeySet keys = keySet(15, true, 19, 0, 128, java.util.List.of(
                new LineRecipe(7, true, 0, 1L), new LineRecipe(1, false, 1, 2L), new LineRecipe(14, false, 1, 3L)));
        assertThat(keys.entries().map(entry -> entry.spi().value())).containsExactly(15, 1, 15);
        assertThat(HexFormat.of().parseHex(((CipherSuite.Aead) keys.active().suite()).key().toKeyFileHex()))
                .hasSize(20);
    }
}
