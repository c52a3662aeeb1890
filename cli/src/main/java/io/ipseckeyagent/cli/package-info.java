/**
 * What the agent's command line ({@code bootstrap}) and the simulator's share, so that both say a
 * usage error, spell {@code -o text|json} and state {@code --version} alike: picocli conventions, no agent logic.
 */
package io.ipseckeyagent.cli;
