package io.ipseckeyagent.examples.envkeys;

import io.ipseckeyagent.application.port.out.KeyFileContent;
import io.ipseckeyagent.application.port.out.KeyFileReadFailure;
import io.ipseckeyagent.application.port.out.KeyFileSourcePort;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The key file as the text of an environment variable. A key file is ASCII; each character becomes
 * one byte (ISO-8859-1), so the size is checked before anything is copied.
 */
final class EnvironmentKeySource implements KeyFileSourcePort {
    private final String variable;
    private final Function<String, ? extends CharSequence> environment;

    EnvironmentKeySource(String variable, Function<String, ? extends CharSequence> environment) {
        this.variable = variable;
        this.environment = environment;
    }

    @Override
    public String location() {
        return "env:" + variable;
    }

    @Override
    public Either<KeyFileReadFailure, KeyFileContent> read() {
        CharSequence text = environment.apply(variable);
        if (text == null) {
            return Either.left(new KeyFileReadFailure.Missing(location()));
        }
        if (text.length() > MAX_BYTES) {
            return Either.left(new KeyFileReadFailure.TooLarge(location(), text.length(), MAX_BYTES));
        }
        return Either.right(KeyFileContent.of(text.toString().getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Override
    public String toString() {
        return "EnvironmentKeySource[" + location() + "]";
    }
}
