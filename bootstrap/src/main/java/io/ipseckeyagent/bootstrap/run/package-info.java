/**
 * The {@code run} command's runtime: {@link io.ipseckeyagent.bootstrap.run.AgentRunLauncher} wires
 * the agent, {@link io.ipseckeyagent.bootstrap.run.AgentLifecycle} starts it in order and stops it
 * in reverse, and the runtime adapters' shutdown hook turns SIGTERM into an orderly stop
 * with exit code 0.
 */
package io.ipseckeyagent.bootstrap.run;
