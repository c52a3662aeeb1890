package io.ipseckeyagent.archfixture.good.cli;

/** Keeps: a convention of the command lines, nothing of the agent. */
public enum Format {
    TEXT,
    JSON
}
