/**
 * The agent's Guice wiring, and the only place Guice is used: one module per adapter
 * ({@link io.ipseckeyagent.bootstrap.wiring.RuntimeModule},
 * {@link io.ipseckeyagent.bootstrap.wiring.ObservabilityModule},
 * {@link io.ipseckeyagent.bootstrap.wiring.KubernetesAdaptersModule},
 * {@link io.ipseckeyagent.bootstrap.wiring.PluginAdaptersModule}), one for the configuration and
 * {@link io.ipseckeyagent.bootstrap.wiring.ApplicationModule} for the core, which it builds by hand
 * with {@code @Provides} methods. {@link io.ipseckeyagent.bootstrap.wiring.AgentInjector} puts them together.
 */
package io.ipseckeyagent.bootstrap.wiring;
