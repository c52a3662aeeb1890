/**
 * An example plugin, written as a third party would: a key source named {@code env} that reads
 * the key file's text from the environment variable {@code IPSEC_KEYS}. It uses only the plugin API
 * and the application's ports, and passes the key source port's contract test.
 */
package io.ipseckeyagent.examples.envkeys;
