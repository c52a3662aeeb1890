/**
 * Stand-ins for the parts of a node the agent does not own, real enough to run it against: a Secret
 * volume written as kubelet writes it ({@link io.ipseckeyagent.standins.KubeletSecretVolume}) and
 * fabric8's mock API server over HTTP on loopback ({@link io.ipseckeyagent.standins.MockApiServer}),
 * and cilium-agent's IPsec key watcher for relay mode ({@link io.ipseckeyagent.standins.CiliumAgentStandIn}).
 *
 * <p>Production code, not test code: the simulator's demo runs on them, and it must not depend on a
 * test artifact. {@code test-kit} builds on this module (the port contract tests, key files), so
 * tests get both from one dependency. No JUnit or AssertJ here.
 */
package io.ipseckeyagent.standins;
