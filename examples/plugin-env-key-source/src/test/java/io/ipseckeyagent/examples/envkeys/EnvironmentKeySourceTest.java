package io.ipseckeyagent.examples.envkeys;

import io.ipseckeyagent.testkit.contract.KeyFileSourcePortContract;
import io.ipseckeyagent.application.port.out.KeyFileSourcePort;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The key source port's contract, against an environment of our own (the process's cannot be changed). */
class EnvironmentKeySourceTest extends KeyFileSourcePortContract {
    private static final String VARIABLE = "TEST_KEYS";

    private final Map<String, CharSequence> environment = new HashMap<>();

    private KeyFileSourcePort source() {
        return EnvironmentKeys.keyFileSource(VARIABLE, environment::get);
    }

    @Override
    protected KeyFileSourcePort sourceHolding(byte[] content) {
        environment.put(VARIABLE, new String(content, StandardCharsets.ISO_8859_1));
        return source();
    }

    @Override
    protected void replaceContent(KeyFileSourcePort source, byte[] content) {
        environment.put(VARIABLE, new String(content, StandardCharsets.ISO_8859_1));
    }

    @Override
    protected KeyFileSourcePort sourceOfMissingFile() {
        return source();
    }

    /** A text that only says how long it is: an 8 GiB variable costs nothing (and is capped at 2 GiB chars). */
    @Override
    protected KeyFileSourcePort sourceOfSize(long size) {
        int length = (int) Math.min(size, Integer.MAX_VALUE);
        environment.put(VARIABLE, new CharSequence() {
            @Override
            public int length() {
                return length;
            }

            @Override
            public char charAt(int index) {
                return 'k';
            }

            @Override
            public CharSequence subSequence(int start, int end) {
                throw new UnsupportedOperationException("the source must not copy an oversize variable");
            }

            @Override
            public String toString() {
                throw new UnsupportedOperationException("the source must not copy an oversize variable");
            }
        });
        return source();
    }
}
