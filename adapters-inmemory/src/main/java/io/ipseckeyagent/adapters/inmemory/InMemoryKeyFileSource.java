package io.ipseckeyagent.adapters.inmemory;

import io.ipseckeyagent.application.port.out.KeyFileContent;
import io.ipseckeyagent.application.port.out.KeyFileReadFailure;
import io.ipseckeyagent.application.port.out.KeyFileSourcePort;
import io.vavr.control.Either;
import java.nio.charset.StandardCharsets;

/** A key file held in memory: tests write it, break it and count the reads. */
public final class InMemoryKeyFileSource implements KeyFileSourcePort {
    public static final String LOCATION = "/etc/ipsec/keys";

    private Either<KeyFileReadFailure, KeyFileContent> content = Either.left(new KeyFileReadFailure.Missing(LOCATION));
    private int reads;

    public synchronized void write(String text) {
        content = Either.right(KeyFileContent.of(text.getBytes(StandardCharsets.US_ASCII)));
    }

    public synchronized void fail(KeyFileReadFailure failure) {
        content = Either.left(failure);
    }

    public synchronized int reads() {
        return reads;
    }

    @Override
    public String location() {
        return LOCATION;
    }

    @Override
    public synchronized Either<KeyFileReadFailure, KeyFileContent> read() {
        reads++;
        return content;
    }
}
