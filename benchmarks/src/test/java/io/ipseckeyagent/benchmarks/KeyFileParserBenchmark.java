package io.ipseckeyagent.benchmarks;

import io.ipseckeyagent.domain.key.KeyFileCheck;
import io.ipseckeyagent.domain.key.KeyFileParser;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The key-file parser on a file of {@code lines} key lines (1: steady state; 2: mid-rotation). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KeyFileParserBenchmark {
    @Param({"1", "2"})
    int lines;

    private byte[] content;

    @Setup
    public void setUp() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append(KeyLines.line(3 + i));
        }
        content = text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Benchmark
    public KeyFileCheck parse() {
        return KeyFileParser.parse(content);
    }
}
