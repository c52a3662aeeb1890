/**
 * The plugin API: how an adapter we did not write joins the agent. A plugin jar implements one of
 * {@link io.ipseckeyagent.plugin.KeySourcePlugin}, {@link io.ipseckeyagent.plugin.PublisherPlugin}
 * or {@link io.ipseckeyagent.plugin.DatapathPlugin}, lists it in {@code META-INF/services}, and is
 * put on the class path or in {@code --plugin-dir}; the flags {@code --key-source},
 * {@code --publisher} and {@code --datapath} pick a plugin by {@code name()}. Only the
 * application's ports appear here: no Guice, no logging framework.
 */
package io.ipseckeyagent.plugin;
