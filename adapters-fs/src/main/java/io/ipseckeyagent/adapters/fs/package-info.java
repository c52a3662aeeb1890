/**
 * Filesystem adapters: the key file watcher (driving) and source, and the state-file datapath.
 * Everything is package-private behind {@link io.ipseckeyagent.adapters.fs.FileSystemAdapters}.
 */
package io.ipseckeyagent.adapters.fs;
