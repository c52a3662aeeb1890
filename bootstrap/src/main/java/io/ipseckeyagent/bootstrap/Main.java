package io.ipseckeyagent.bootstrap;

import io.ipseckeyagent.bootstrap.cli.Cli;

/** Entry point of the agent jar: runs the command line and exits with its code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.commandLine(args).execute(args));
    }
}
