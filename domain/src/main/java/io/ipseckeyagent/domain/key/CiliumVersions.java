package io.ipseckeyagent.domain.key;

/**
 * Which Cilium versions a key-file warning is about, so that a report can say whether the file
 * breaks the Cilium an operator runs. Sources: cilium/cilium {@code pkg/datapath/linux/ipsec/ipsec_linux.go},
 * {@code loadIPSecKeys}.
 */
public enum CiliumVersions {
    /** Every Cilium version passes the line on and the kernel refuses it when installing XFRM states. */
    EVERY("every Cilium version (Cilium passes it on, the kernel refuses it when Cilium installs the XFRM states)"),
    /** Cilium main splits with strings.Fields since March 2026; older releases split on single spaces. */
    BEFORE_MARCH_2026("Cilium releases before the March 2026 loadIPSecKeys change (they split on single spaces"
            + " and reject or misread the line); Cilium main accepts it");

    private final String description;

    CiliumVersions(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
