/**
 * The plugin API: how an adapter joins the agent, the built-in ones and ours alike. A plugin
 * implements {@link io.ipseckeyagent.plugin.KeySourcePlugin},
 * {@link io.ipseckeyagent.plugin.PublisherPlugin} or {@link io.ipseckeyagent.plugin.DatapathPlugin}
 * (each an {@link io.ipseckeyagent.plugin.AgentPlugin}: a name and the API version it was built
 * against), lists it in {@code META-INF/services}, and is put in {@code --plugin-dir}; the flags
 * {@code --key-source}, {@code --publisher} and {@code --datapath} pick a plugin by name. Each
 * plugin jar gets its own class loader that sees only this package, the application's ports, the
 * domain, Vavr and SLF4J from the agent, and the jar's own classes.
 */
package io.ipseckeyagent.plugin;
