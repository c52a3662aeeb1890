/**
 * The jar that proves the spread: a fleet simulator ({@code simulate}) that runs thousands of the
 * agent's real {@code RotationService} on one virtual clock against a modelled API server, and a
 * demo ({@code demo}) that runs dozens of real agents against fabric8's mock API server over HTTP.
 */
package io.ipseckeyagent.simulator;
