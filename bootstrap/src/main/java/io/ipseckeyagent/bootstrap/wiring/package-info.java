/**
 * The agent's Guice wiring, and the only place Guice is used: one module per adapter and one for
 * the core, which it composes with the application's {@code AgentComposition};
 * {@link io.ipseckeyagent.bootstrap.wiring.AgentInjector#modules} lists them and binds the configuration.
 */
package io.ipseckeyagent.bootstrap.wiring;
