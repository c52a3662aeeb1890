package io.ipseckeyagent.archfixture.good.adapters.fs;

/** A public value of the adapter. */
public record FsSettings(String directory) {}
