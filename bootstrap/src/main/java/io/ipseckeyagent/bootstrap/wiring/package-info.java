/**
 * The agent's Guice wiring, and the only place Guice is used: one module per adapter
 * ({@link io.ipseckeyagent.bootstrap.wiring.RuntimeModule},
 * {@link io.ipseckeyagent.bootstrap.wiring.ObservabilityModule},
 * {@link io.ipseckeyagent.bootstrap.wiring.KubernetesAdaptersModule},
 * {@link io.ipseckeyagent.bootstrap.wiring.PluginAdaptersModule}) and
 * {@link io.ipseckeyagent.bootstrap.wiring.ApplicationModule} for the core, which it composes with
 * the application's {@code AgentComposition}. {@link io.ipseckeyagent.bootstrap.wiring.AgentInjector}
 * binds the configuration and puts them together.
 */
package io.ipseckeyagent.bootstrap.wiring;
