package io.ipseckeyagent.application.port.out;

/** Why a key file could not be read. {@link #message()} says it plainly, with the location. */
public sealed interface KeyFileReadFailure {
    String message();

    record Missing(String location) implements KeyFileReadFailure {
        @Override
        public String message() {
            return location + ": no such file";
        }
    }

    record TooLarge(String location, long size, int limit) implements KeyFileReadFailure {
        @Override
        public String message() {
            return location + ": file is " + size + " bytes, more than the " + limit + " bytes allowed";
        }
    }

    record NotAFile(String location) implements KeyFileReadFailure {
        @Override
        public String message() {
            return location + ": not a regular file";
        }
    }

    record Unreadable(String location, String reason) implements KeyFileReadFailure {
        @Override
        public String message() {
            return location + ": cannot read: " + reason;
        }
    }
}
