package io.ipseckeyagent.adapters.k8s;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.IntStream;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A CiliumNode as the cluster view reads it from a list page or a watch event: name, resource
 * version (where the watch resumes; the uid nothing reads), and what {@code spec.encryption.key}
 * held. Read straight from the JSON stream: the rest of the object (addresses, IPAM, labels,
 * managed fields) is skipped token by token, never built. The view keeps none of these objects,
 * only the name and key id it reads from them.
 */
@Group("cilium.io")
@Version("v2")
@Kind(CiliumNodes.KIND)
@Plural("ciliumnodes")
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonDeserialize(using = ValueDeserializer.None.class) // a bean of its own, not fabric8's by-kind lookup
final class SlimCiliumNode implements HasMetadata {
    private ObjectMeta metadata = bare();
    private KeyField key = KeyField.ABSENT;

    SlimCiliumNode() {}

    @Override
    public ObjectMeta getMetadata() {
        return metadata;
    }

    @Override
    @JsonDeserialize(using = SlimMetadata.class)
    public void setMetadata(ObjectMeta metadata) {
        this.metadata = metadata;
    }

    @JsonProperty("spec")
    @JsonDeserialize(using = KeyOnlySpec.class)
    void setSpec(KeyField key) {
        this.key = key == null ? KeyField.ABSENT : key;
    }

    @JsonIgnore
    KeyField key() {
        return key;
    }

    @Override
    public void setApiVersion(String version) {
        // fixed by the annotations
    }

    /**
     * The sixteen values a valid key field reads as (none for 0, then SPI 1..15), one instance each: the
     * observer keeps one per node and the core one per remote node, and these are what both hold.
     */
    static final List<Option<Spi>> KEYS = IntStream.rangeClosed(0, Spi.MAX)
            .mapToObj(value -> value == 0 ? Option.<Spi>none() : Option.some(Spi.of(value)))
            .toList();

    /** What {@code spec.encryption.key} held; the message for a bad value is the one {@link CiliumNodes} gives. */
    sealed interface KeyField {
        KeyField ABSENT = new Valid(0);

        record Valid(int value) implements KeyField {}

        record Invalid(String field, String expected, Object found) implements KeyField {}

        default Either<String, Option<Spi>> read(NodeName node) {
            return switch (this) {
                case Valid(int value) -> Either.right(KEYS.get(value));
                case Invalid(String field, String expected, Object found) -> Either.left(CiliumNodes.problem(node, field, expected, found));
            };
        }
    }

    /** Keeps name and resourceVersion of {@code metadata}; skips uid, labels, annotations, managedFields. */
    static final class SlimMetadata extends ValueDeserializer<ObjectMeta> {
        @Override
        public ObjectMeta deserialize(JsonParser parser, DeserializationContext context) {
            ObjectMeta meta = bare();
            if (!parser.isExpectedStartObjectToken()) {
                parser.skipChildren();
                return meta;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                boolean text = value == JsonToken.VALUE_STRING;
                switch (field) {
                    // interned: every list and every update brings a fresh copy of a name the view already holds
                    case "name" -> meta.setName(text ? parser.getString().intern() : null);
                    case "resourceVersion" -> meta.setResourceVersion(text ? parser.getString() : null);
                    default -> parser.skipChildren();
                }
            }
            return meta;
        }
    }

    /**
     * An ObjectMeta without the empty collections its constructor makes (labels, annotations,
     * finalizers, managed fields, owner references, additional properties): about 260 bytes of
     * garbage per object read that nothing reads.
     */
    static ObjectMeta bare() {
        ObjectMeta meta = new ObjectMeta();
        meta.setLabels(null);
        meta.setAnnotations(null);
        meta.setFinalizers(null);
        meta.setManagedFields(null);
        meta.setOwnerReferences(null);
        meta.setAdditionalProperties(null);
        return meta;
    }

    /** Reads {@code spec} down to {@code encryption.key} and skips everything else in it. */
    static final class KeyOnlySpec extends ValueDeserializer<KeyField> {
        /** One instance per value 0..15: the view holds one per node. */
        private static final KeyField.Valid[] VALID =
                IntStream.rangeClosed(0, Spi.MAX).mapToObj(KeyField.Valid::new).toArray(KeyField.Valid[]::new);

        @Override
        public KeyField deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.isExpectedStartObjectToken()) {
                return new KeyField.Invalid("spec", "an object", context.readValue(parser, Object.class));
            }
            KeyField key = KeyField.ABSENT;
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("encryption") && value != JsonToken.VALUE_NULL) {
                    key = encryption(parser, context);
                } else {
                    parser.skipChildren();
                }
            }
            return key;
        }

        private static KeyField encryption(JsonParser parser, DeserializationContext context) {
            if (!parser.isExpectedStartObjectToken()) {
                return new KeyField.Invalid("spec.encryption", "an object", context.readValue(parser, Object.class));
            }
            KeyField key = KeyField.ABSENT;
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("key")) {
                    key = keyValue(parser, context, value);
                } else {
                    parser.skipChildren();
                }
            }
            return key;
        }

        private static KeyField keyValue(JsonParser parser, DeserializationContext context, JsonToken token) {
            if (token == JsonToken.VALUE_NULL) {
                return KeyField.ABSENT;
            }
            if (token == JsonToken.VALUE_NUMBER_INT) {
                Number number = parser.getNumberValue();
                boolean fits = !(number instanceof BigInteger) && number.longValue() >= 0 && number.longValue() <= Spi.MAX;
                return fits ? VALID[number.intValue()] : invalidKey(number);
            }
            return invalidKey(context.readValue(parser, Object.class));
        }

        private static KeyField invalidKey(Object found) {
            return new KeyField.Invalid(CiliumNodes.KEY_FIELD, "an integer from 0 to " + Spi.MAX, found);
        }
    }
}
