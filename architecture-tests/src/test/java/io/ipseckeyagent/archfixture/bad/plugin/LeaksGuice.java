package io.ipseckeyagent.archfixture.bad.plugin;

import com.google.inject.Module;

/** Breaks: a Guice type in the plugin API forces every plugin author onto Guice. */
public interface LeaksGuice {
    Module module();
}
