package io.ipseckeyagent.domain.key;

import io.vavr.Tuple;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.SortedSet;
import io.vavr.collection.TreeSet;
import io.vavr.control.Option;

/**
 * The algorithms the linter knows and the key lengths the kernel takes for them. Cilium leaves
 * these checks to the kernel, which fails late and obscurely; here they only produce warnings.
 */
public final class KnownAlgorithms {

    /** Where an algorithm may stand in a key line; the name is the field's name in messages. */
    public enum Role {
        AEAD("aead-algorithm", "aead-key"),
        AUTH("auth-algorithm", "auth-key"),
        ENC("enc-algorithm", "enc-key");

        private final String fieldName;
        private final String keyFieldName;

        Role(String fieldName, String keyFieldName) {
            this.fieldName = fieldName;
            this.keyFieldName = keyFieldName;
        }

        public String fieldName() {
            return fieldName;
        }

        public String keyFieldName() {
            return keyFieldName;
        }
    }

    /**
     * One known algorithm.
     *
     * @param keyBytes the key lengths it takes; empty means any length (HMAC hashes long keys)
     * @param keyNote why those lengths, or empty
     * @param icvBits for AEAD, the ICV lengths it takes
     */
    public record Algorithm(String name, Role role, Option<SortedSet<Integer>> keyBytes, String keyNote,
                            SortedSet<Integer> icvBits) {

        public boolean takesKeyOf(int bytes) {
            return keyBytes.map(lengths -> lengths.contains(bytes)).getOrElse(true);
        }
    }

    private static final String AES_AND_SALT = "an AES key plus a 4-byte salt";

    private static final List<Algorithm> ALL = List.of(
            aead("rfc4106(gcm(aes))", lengths(20, 28, 36), AES_AND_SALT, TreeSet.of(64, 96, 128)),
            aead("rfc4543(gcm(aes))", lengths(20, 28, 36), AES_AND_SALT, TreeSet.of(128)),
            // the kernel's name (net/xfrm/xfrm_algo.c, aead_list), ICV 128 bits
            aead("rfc7539esp(chacha20,poly1305)", lengths(36), "a 32-byte key plus a 4-byte salt", TreeSet.of(128)),
            other("hmac(sha1)", Role.AUTH, Option.none()),
            other("hmac(sha256)", Role.AUTH, Option.none()),
            other("hmac(sha384)", Role.AUTH, Option.none()),
            other("hmac(sha512)", Role.AUTH, Option.none()),
            other("digest_null", Role.AUTH, Option.some(lengths(0))),
            other("cbc(aes)", Role.ENC, Option.some(lengths(16, 24, 32))),
            other("cipher_null", Role.ENC, Option.some(lengths(0))));

    private static final Map<String, Algorithm> BY_NAME = HashMap.ofEntries(ALL.map(a -> Tuple.of(a.name(), a)));

    private KnownAlgorithms() {}

    public static List<Algorithm> all() {
        return ALL;
    }

    public static Option<Algorithm> lookup(String name) {
        return BY_NAME.get(name);
    }

    /** Plain-language doubts about one line's algorithms, key lengths and ICV; empty when all fit. */
    public static List<String> doubtsAbout(CipherSuite suite) {
        return switch (suite) {
            case CipherSuite.Aead(String algorithm, KeyBytes key, int icvBits) ->
                    doubts(algorithm, Role.AEAD, key.length()).appendAll(icvDoubts(algorithm, icvBits));
            case CipherSuite.AuthEnc(String authAlgorithm, KeyBytes authKey, String encAlgorithm, KeyBytes encKey) ->
                    doubts(authAlgorithm, Role.AUTH, authKey.length())
                            .appendAll(doubts(encAlgorithm, Role.ENC, encKey.length()));
        };
    }

    private static List<String> doubts(String name, Role role, int keyBytes) {
        return lookup(name).fold(
                () -> List.of("unknown " + role.fieldName() + " " + describe(name) + "; the kernel may reject it"),
                known -> known.role() != role
                        ? List.of(describe(name) + " is an " + known.role().fieldName() + ", not an " + role.fieldName())
                        : known.takesKeyOf(keyBytes) ? List.empty() : List.of(lengthDoubt(known, keyBytes)));
    }

    private static String lengthDoubt(Algorithm known, int keyBytes) {
        SortedSet<Integer> lengths = known.keyBytes().getOrElse(TreeSet.empty());
        String takes = lengths.equals(TreeSet.of(0))
                ? "an empty " + known.role().keyFieldName()
                : "an " + known.role().keyFieldName() + " of " + orList(lengths) + " bytes"
                        + (known.keyNote().isEmpty() ? "" : " (" + known.keyNote() + ")");
        return known.name() + " takes " + takes + ", this one has " + keyBytes + " bytes";
    }

    private static List<String> icvDoubts(String name, int icvBits) {
        return lookup(name)
                .filter(known -> known.role() == Role.AEAD && !known.icvBits().contains(icvBits))
                .map(known -> known.name() + " takes an ICV of " + orList(known.icvBits()) + " bits, this line has "
                        + icvBits)
                .toList();
    }

    /**
     * Quotes an algorithm name, unless it looks like hex: then it is probably a key in the wrong
     * field, and key material never goes into a message.
     */
    static String describe(String name) {
        return looksLikeHex(name)
                ? "(a hex-looking name: are the fields in the right order?)"
                : "'" + (name.length() > 40 ? name.substring(0, 40) + "..." : name) + "'";
    }

    /** No algorithm is named with hex digits only; such a name is a key in the wrong field. */
    static boolean looksLikeHex(String name) {
        String digits = name.startsWith("0x") ? name.substring(2) : name;
        return !digits.isEmpty() && digits.chars().allMatch(KnownAlgorithms::isHexDigit);
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static String orList(SortedSet<Integer> values) {
        List<String> texts = values.toList().map(String::valueOf);
        return texts.size() == 1
                ? texts.head()
                : texts.init().mkString(", ") + " or " + texts.last();
    }

    private static SortedSet<Integer> lengths(Integer... bytes) {
        return TreeSet.of(bytes);
    }

    private static Algorithm aead(String name, SortedSet<Integer> keyBytes, String note, SortedSet<Integer> icv) {
        return new Algorithm(name, Role.AEAD, Option.some(keyBytes), note, icv);
    }

    private static Algorithm other(String name, Role role, Option<SortedSet<Integer>> keyBytes) {
        return new Algorithm(name, role, keyBytes, "", TreeSet.empty());
    }
}
