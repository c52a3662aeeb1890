package io.ipseckeyagent.adapters.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.ipseckeyagent.domain.key.NodeName;
import io.ipseckeyagent.domain.key.Spi;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What both adapters know about Cilium's CiliumNode resource (cluster-scoped, {@code cilium.io/v2}). */
final class CiliumNodes {
    static final String API_VERSION = "cilium.io/v2";
    static final String KIND = "CiliumNode";
    /** How RBAC names the resource, for messages about missing permissions. */
    static final String RBAC_RESOURCE = "ciliumnodes.cilium.io";
    static final String KEY_FIELD = "spec.encryption.key";

    static final ResourceDefinitionContext CONTEXT = new ResourceDefinitionContext.Builder()
            .withGroup("cilium.io")
            .withVersion("v2")
            .withKind(KIND)
            .withPlural("ciliumnodes")
            .withNamespaced(false)
            .build();

    private static final String COLLECTION_PATH = "apis/cilium.io/v2/ciliumnodes";

    private CiliumNodes() {}

    /** The collection's URI under the API server's base URL. */
    static URI collectionUri(String masterUrl) {
        return URI.create(withSlash(masterUrl) + COLLECTION_PATH);
    }

    /** One CiliumNode's URI; the name is percent-encoded so it can only ever name one object. */
    static URI nodeUri(String masterUrl, NodeName node) {
        return URI.create(withSlash(masterUrl) + COLLECTION_PATH + "/" + pathSegment(node.value()));
    }

    /**
     * Reads {@code spec.encryption.key}: none when absent or 0 (Cilium omits 0), the SPI when 1..15,
     * and a message saying which node and field when the value is anything else.
     */
    static Either<String, Option<Spi>> publishedKey(NodeName node, GenericKubernetesResource resource) {
        Object spec = resource.getAdditionalProperties().get("spec");
        if (spec == null) {
            return Either.right(Option.none());
        }
        if (!(spec instanceof Map<?, ?> specFields)) {
            return Either.left(problem(node, "spec", "an object", spec));
        }
        Object encryption = specFields.get("encryption");
        if (encryption == null) {
            return Either.right(Option.none());
        }
        if (!(encryption instanceof Map<?, ?> encryptionFields)) {
            return Either.left(problem(node, "spec.encryption", "an object", encryption));
        }
        return keyValue(node, encryptionFields.get("key"));
    }

    private static Either<String, Option<Spi>> keyValue(NodeName node, Object key) {
        if (key == null) {
            return Either.right(Option.none());
        }
        boolean integral = key instanceof Integer || key instanceof Long || key instanceof Short || key instanceof BigInteger;
        long value = integral ? ((Number) key).longValue() : -1;
        if (!integral || value < 0 || value > Spi.MAX) {
            return Either.left(problem(node, KEY_FIELD, "an integer from 0 to " + Spi.MAX, key));
        }
        return Either.right(value == 0 ? Option.none() : Option.some(Spi.of((int) value)));
    }

    static String problem(NodeName node, String field, String expected, Object found) {
        return "CiliumNode " + node + ": " + field + " must be " + expected + ", was " + printable(found, 60);
    }

    /** A short, single-line rendering of a value the API server sent (never trusted, never long). */
    static String printable(Object value, int maxLength) {
        String text = value instanceof String s ? "'" + s + "'" : String.valueOf(value);
        String cut = text.length() > maxLength ? text.substring(0, maxLength) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static String withSlash(String masterUrl) {
        return masterUrl.endsWith("/") ? masterUrl : masterUrl + "/";
    }

    private static String pathSegment(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            out.append(unreserved ? String.valueOf(c) : String.format("%%%02X", b & 0xff));
        }
        return out.toString();
    }
}
