/**
 * The built-in plugins. How the agent finds them: {@link io.ipseckeyagent.pluginhost.PluginCatalog} loads
 * every plugin with {@code ServiceLoader} from the class path and {@code --plugin-dir}, built-in ones
 * included, and picks one of each kind by name. The built-ins wrap the filesystem and Kubernetes
 * adapters.
 */
package io.ipseckeyagent.bootstrap.plugins;
