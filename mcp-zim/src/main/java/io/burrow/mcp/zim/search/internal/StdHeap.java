package io.burrow.mcp.zim.search.internal;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The binary-heap operations of the C++ standard library as libstdc++ performs them (make, push, pop, and
 * partial_sort_copy's sort), so that postlist trees built from a heap pair equal-frequency postlists exactly as
 * Xapian does; the pairing decides the order of floating-point additions.
 */
final class StdHeap {

    private StdHeap() {
    }

    /** {@code comp(a, b)}: true when a orders before b ("a is less"). */
    interface Less<T> {
        boolean test(T a, T b);
    }

    static <T> void makeHeap(List<T> v, Less<T> less) {
        int len = v.size();
        if (len < 2) {
            return;
        }
        int parent = (len - 2) / 2;
        while (true) {
            T value = v.get(parent);
            adjustHeap(v, 0, parent, len, value, less);
            if (parent == 0) {
                return;
            }
            parent--;
        }
    }

    static <T> void pushHeap(List<T> v, Less<T> less) {
        int last = v.size();
        T value = v.get(last - 1);
        pushHeapInternal(v, 0, last - 1, 0, value, less);
    }

    static <T> void popHeap(List<T> v, Less<T> less) {
        int last = v.size();
        if (last > 1) {
            last--;
            T value = v.get(last);
            v.set(last, v.get(0));
            adjustHeap(v, 0, 0, last, value, less);
        }
    }

    private static <T> void adjustHeap(List<T> v, int base, int holeIndex, int len, T value, Less<T> less) {
        int topIndex = holeIndex;
        int secondChild = holeIndex;
        while (secondChild < (len - 1) / 2) {
            secondChild = 2 * (secondChild + 1);
            if (less.test(v.get(base + secondChild), v.get(base + secondChild - 1))) {
                secondChild--;
            }
            v.set(base + holeIndex, v.get(base + secondChild));
            holeIndex = secondChild;
        }
        if ((len & 1) == 0 && secondChild == (len - 2) / 2) {
            secondChild = 2 * (secondChild + 1);
            v.set(base + holeIndex, v.get(base + secondChild - 1));
            holeIndex = secondChild - 1;
        }
        pushHeapInternal(v, base, holeIndex, topIndex, value, less);
    }

    private static <T> void pushHeapInternal(List<T> v, int base, int holeIndex, int topIndex, T value,
                                             Less<T> less) {
        int parent = (holeIndex - 1) / 2;
        while (holeIndex > topIndex && less.test(v.get(base + parent), value)) {
            v.set(base + holeIndex, v.get(base + parent));
            holeIndex = parent;
            parent = (holeIndex - 1) / 2;
        }
        v.set(base + holeIndex, value);
    }

    /**
     * {@code std::partial_sort_copy} of all elements into an equally sized output with the comparator
     * "ascending by key": make_heap then sort_heap.
     */
    static <T> void sortAscendingByEst(T[] a, ToLongFunction<T> key) {
        List<T> v = new java.util.ArrayList<>(java.util.Arrays.asList(a));
        Less<T> less = (x, y) -> key.applyAsLong(x) < key.applyAsLong(y);
        makeHeap(v, less);
        // sort_heap: repeatedly pop the top to the end of the shrinking range
        for (int last = v.size(); last > 1; last--) {
            List<T> sub = v.subList(0, last);
            popHeap(sub, less);
        }
        for (int i = 0; i < a.length; i++) {
            a[i] = v.get(i);
        }
    }
}
