package io.ipseckeyagent.cli;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code --version}: the root command's name and the version the jar's manifest states, or "dev" outside a jar. */
public final class JarVersion implements IVersionProvider {
    @Spec
    CommandSpec spec;

    @Override
    public String[] getVersion() {
        return of(spec);
    }

    /** The version lines of {@code spec}'s root command. */
    static String[] of(CommandSpec spec) {
        String version = JarVersion.class.getPackage().getImplementationVersion();
        return new String[] {spec.root().name() + " " + (version == null ? "dev" : version)};
    }
}
