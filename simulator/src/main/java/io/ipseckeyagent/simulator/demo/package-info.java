/**
 * The demo: dozens of real agents in one JVM (the real rotation service, the filesystem adapters on
 * a kubelet-style Secret directory, the Kubernetes adapters over HTTP) against fabric8's mock API
 * server on loopback, rotating the key without and with jitter, and counting the PATCH requests the
 * server received.
 */
package io.ipseckeyagent.simulator.demo;
