package io.ipseckeyagent.domain.jitter;

import io.ipseckeyagent.domain.key.NodeName;
import io.vavr.collection.SortedSet;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The known nodes as a sorted array, for {@code rank}'s binary search. A view is immutable, so the
 * index of the last view seen is kept and reused while the same view comes back: indexing costs
 * O(n) once per view, each draw O(log n) (a fleet of agents sharing one view, or an agent whose
 * view has not changed since its last draw).
 */
record RankIndex(SortedSet<NodeName> view, NodeName[] sorted) {
    private static volatile RankIndex last = new RankIndex(io.vavr.collection.TreeSet.empty(), new NodeName[0]);

    static RankIndex of(SortedSet<NodeName> view) {
        RankIndex index = last;
        if (index.view != view) {
            index = new RankIndex(view, view.toJavaArray(NodeName[]::new));
            last = index;
        }
        return index;
    }

    /** The node's place in the view, or a negative number when the view does not hold it. */
    @SuppressWarnings("unchecked")
    int search(NodeName node) {
        return Arrays.binarySearch(sorted, node, (Comparator<NodeName>) view.comparator());
    }
}
