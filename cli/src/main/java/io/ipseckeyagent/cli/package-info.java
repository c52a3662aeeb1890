/**
 * What the agent's command line ({@code bootstrap}) and the simulator's share, so that both say a
 * usage error alike and spell {@code -o text|json} alike: picocli conventions, no agent logic.
 */
package io.ipseckeyagent.cli;
