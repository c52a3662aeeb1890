package io.ipseckeyagent.domain.rotation;

import io.ipseckeyagent.domain.key.KeyEntry;
import io.ipseckeyagent.domain.key.KeyFileProblem;
import io.ipseckeyagent.domain.key.KeySet;
import io.ipseckeyagent.domain.key.KeyShape;
import io.ipseckeyagent.domain.key.KeySummary;
import io.vavr.collection.List;
import io.vavr.control.Option;

/**
 * What a valid key file means next to the keys already applied, by Cilium's rules across reloads:
 * the key id must change when the key changes, and the key length must not change. Compares
 * fingerprints and shapes only, so it also works against what a previous run applied.
 */
public sealed interface KeyChange {

    /** The file holds exactly the applied keys: nothing to do. */
    record Identical() implements KeyChange {}

    /** Keys to apply: a new active key, or the same active key with other lines changed. */
    record NewKeys(KeySet keys) implements KeyChange {}

    /** The file breaks a rule across reloads; the applied keys stay. */
    record Refused(List<KeyFileProblem> problems) implements KeyChange {}

    static KeyChange judge(Option<AppliedKeys> applied, KeySet candidate) {
        return applied.fold(() -> new NewKeys(candidate), current -> judge(current, candidate));
    }

    private static KeyChange judge(AppliedKeys applied, KeySet candidate) {
        if (candidate.summaries().equals(applied.keys())) {
            return new Identical();
        }
        KeySummary was = applied.active();
        KeyEntry next = candidate.active();
        List<KeyFileProblem> problems = List.empty();
        if (next.spi().equals(was.spi()) && !next.suite().fingerprint().equals(was.fingerprint())) {
            problems = problems.append(KeyFileProblem.atLine(next.line(), "SPI " + next.spi()
                    + " is already applied with key " + was.fingerprint() + "; a changed key needs a new SPI"
                    + " (changing IPsec keys requires incrementing the key id)"));
        }
        KeyShape wasShape = was.shape();
        KeyShape nextShape = next.suite().shape();
        // Cilium compares only its KeyLen with the key it has loaded (loadIPSecKeys)
        if (nextShape.keyLen() != wasShape.keyLen()) {
            problems = problems.append(KeyFileProblem.atLine(next.line(), "key length must not change: the applied key (SPI "
                    + was.spi() + ") is " + wasShape.describe() + ", this one is " + nextShape.describe()));
        }
        return problems.isEmpty() ? new NewKeys(candidate) : new Refused(problems);
    }
}
