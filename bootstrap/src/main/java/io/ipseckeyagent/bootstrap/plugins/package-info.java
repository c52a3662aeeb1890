/**
 * How the agent finds its adapters: {@link io.ipseckeyagent.bootstrap.plugins.PluginCatalog} loads
 * every plugin with {@code ServiceLoader} from the class path and {@code --plugin-dir}, built-in ones
 * included, and picks one of each kind by name. The built-ins wrap the filesystem and Kubernetes
 * adapters.
 */
package io.ipseckeyagent.bootstrap.plugins;
