/**
 * Per-second series of one rotation (PATCH requests, watch events, adopted nodes), as JSON, as one
 * CSV file per run and as one chart of every run on one time axis (a PNG drawn by JFreeChart).
 */
package io.ipseckeyagent.simulator.series;
