/**
 * The fleet simulator: N instances of the agent's real {@code RotationService}, each with in-memory
 * adapters, on one virtual clock in one thread, against a modelled API server that limits writes,
 * answers 429 when its queue is full and fans every write out to every other agent's watch.
 */
package io.ipseckeyagent.simulator.fleet;
