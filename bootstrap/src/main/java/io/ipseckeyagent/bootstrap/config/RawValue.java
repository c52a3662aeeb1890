package io.ipseckeyagent.bootstrap.config;

/** A value as written, before it is parsed, and where it was written. */
record RawValue(String text, ValueSource source) {}
