package io.ipseckeyagent.application.port.out;

/**
 * Why a key file could not be read. {@link #problem()} says it plainly; {@link #message()} adds
 * the location, for messages that stand alone.
 */
public sealed interface KeyFileReadFailure {
    String location();

    /** What is wrong, without the location (for reports that already name the file). */
    String problem();

    default String message() {
        return location() + ": " + problem();
    }

    record Missing(String location) implements KeyFileReadFailure {
        @Override
        public String problem() {
            return "no such file";
        }
    }

    record TooLarge(String location, long size, int limit) implements KeyFileReadFailure {
        @Override
        public String problem() {
            return "file is " + size + " bytes, more than the " + limit + " bytes allowed";
        }
    }

    record NotAFile(String location) implements KeyFileReadFailure {
        @Override
        public String problem() {
            return "not a regular file";
        }
    }

    record Unreadable(String location, String reason) implements KeyFileReadFailure {
        @Override
        public String problem() {
            return "cannot read: " + reason;
        }
    }
}
