package io.ipseckeyagent.examples.envkeys;

import io.ipseckeyagent.application.port.out.KeyFileSourcePort;
import java.util.function.Function;

/** The adapter's one entry: a key source reading the key file's text from an environment variable. */
public final class EnvironmentKeys {
    /** The variable {@link EnvKeySourcePlugin} reads. Not IPSEC_KEY_AGENT_*: the agent reads those as its own flags. */
    public static final String VARIABLE = "IPSEC_KEYS";

    private EnvironmentKeys() {}

    /**
     * Reads {@code variable} through {@code environment} ({@code System::getenv} in the agent), which
     * returns null for an unset variable, on every call.
     */
    public static KeyFileSourcePort keyFileSource(String variable, Function<String, ? extends CharSequence> environment) {
        return new EnvironmentKeySource(variable, environment);
    }
}
