package io.ipseckeyagent.simulator;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The demo's agents: publishing their SPI themselves, or relaying the keys to cilium-agent stand-ins. */
enum DemoMode {
    PUBLISH,
    RELAY;

    /** Accepts the lower-case names shown in the help, as {@code run --mode} does. */
    static final class Converter implements ITypeConverter<DemoMode> {
        @Override
        public DemoMode convert(String value) {
            return switch (value) {
                case "publish" -> PUBLISH;
                case "relay" -> RELAY;
                default -> throw new TypeConversionException("expected publish or relay, was '" + value + "'");
            };
        }
    }
}
