package io.burrow.mcp.zim.search.internal;

import java.util.Collections;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The binary-heap operations of the C++ standard library as libstdc++ performs them (make, push, pop, and
 * partial_sort_copy's sort), so that postlist trees built from a heap pair equal-frequency postlists exactly as
 * Xapian does; the pairing decides the order of floating-point additions. And {@code std::nth_element}
 * (libstdc++'s introselect), which picks the terms a wildcard keeps when several share the cut-off frequency.
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

    /**
     * {@code std::nth_element(v.begin(), v.begin() + nth, v.end(), less)} as libstdc++ does it: afterwards no
     * element before {@code nth} is ordered after it and none after it before it, and the order within each side
     * is libstdc++'s (introselect: median-of-three partitions, a heap select past the depth limit, an insertion
     * sort for the last three or fewer).
     */
    static <T> void nthElement(List<T> v, int nth, Less<T> less) {
        int first = 0;
        int last = v.size();
        if (first == last || nth == last) {
            return;
        }
        int depth = 2 * (31 - Integer.numberOfLeadingZeros(last - first));
        while (last - first > 3) {
            if (depth == 0) {
                makeHeap(v.subList(first, nth + 1), less);
                for (int i = nth + 1; i < last; i++) {
                    if (less.test(v.get(i), v.get(first))) {
                        T value = v.get(i);
                        v.set(i, v.get(first));
                        adjustHeap(v, first, 0, nth + 1 - first, value, less);
                    }
                }
                Collections.swap(v, first, nth);
                return;
            }
            depth--;
            int cut = partitionPivot(v, first, last, less);
            if (cut <= nth) {
                first = cut;
            } else {
                last = cut;
            }
        }
        insertionSort(v, first, last, less);
    }

    private static <T> int partitionPivot(List<T> v, int first, int last, Less<T> less) {
        int mid = first + (last - first) / 2;
        int a = first + 1;
        int c = last - 1;
        // __move_median_to_first
        int median;
        if (less.test(v.get(a), v.get(mid))) {
            median = less.test(v.get(mid), v.get(c)) ? mid : less.test(v.get(a), v.get(c)) ? c : a;
        } else {
            median = less.test(v.get(a), v.get(c)) ? a : less.test(v.get(mid), v.get(c)) ? c : mid;
        }
        Collections.swap(v, first, median);
        // __unguarded_partition around the pivot now at first
        int lo = first + 1;
        int hi = last;
        while (true) {
            while (less.test(v.get(lo), v.get(first))) {
                lo++;
            }
            hi--;
            while (less.test(v.get(first), v.get(hi))) {
                hi--;
            }
            if (lo >= hi) {
                return lo;
            }
            Collections.swap(v, lo, hi);
            lo++;
        }
    }

    private static <T> void insertionSort(List<T> v, int first, int last, Less<T> less) {
        for (int i = first + 1; i < last; i++) {
            T value = v.get(i);
            if (less.test(value, v.get(first))) {
                for (int j = i; j > first; j--) {
                    v.set(j, v.get(j - 1));
                }
                v.set(first, value);
            } else {
                int hole = i;
                while (less.test(value, v.get(hole - 1))) {
                    v.set(hole, v.get(hole - 1));
                    hole--;
                }
                v.set(hole, value);
            }
        }
    }
}
