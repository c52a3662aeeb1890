package io.ipseckeyagent.bootstrap.cli;

import picocli.CommandLine.IVersionProvider;

/** The version the jar's manifest states ({@code Implementation-Version}), or "dev" outside a jar. */
final class ManifestVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = ManifestVersion.class.getPackage().getImplementationVersion();
        return new String[] {"ipsec-key-agent " + (version == null ? "dev" : version)};
    }
}
