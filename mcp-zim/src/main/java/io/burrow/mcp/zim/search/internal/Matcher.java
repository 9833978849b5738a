package io.burrow.mcp.zim.search.internal;

import io.burrow.mcp.zim.internal.Checkpoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.LongPredicate;

/**
 * Matches an {@link XQuery} against a {@link GlassDatabase} the way Xapian 1.4's matcher does for libzim's
 * queries: the same postlist tree shapes (AND contexts sorted by estimated frequency, OR trees paired like a
 * Huffman code, phrases as positional filters, synonyms weighted as one term), the same BM25 arithmetic, the
 * same result order (weight, then optional sort value, then docid) and the same match-count estimate that
 * {@code get_mset(0, 0, 10)} reports. Every match is visited, so the exact count is known too.
 *
 * <p>As Xapian's {@code matcher/} directory is split: the posting lists ({@link PostList} and its subclasses), the
 * tree builder ({@link QueryOptimiser}) and here the match loop and the estimate.
 */
public final class Matcher {

    /** Match options. */
    public record Options(Bm25 weighting, int sortValueSlot, int collapseSlot, LongPredicate filter,
                          LongPredicate promote) {
        /** Relevance order, no collapsing, no filter. */
        public static Options relevance(Bm25 w) {
            return new Options(w, -1, -1, null, null);
        }

        /** The same options with a filter (a match decider). */
        public Options withFilter(LongPredicate f) {
            return new Options(weighting, sortValueSlot, collapseSlot, f, promote);
        }

        /** The same options with documents to rank first. */
        public Options withPromote(LongPredicate p) {
            return new Options(weighting, sortValueSlot, collapseSlot, filter, p);
        }
    }

    /** One result. */
    public record Hit(long docid, double weight, String sortKey) {
    }

    /**
     * The outcome of a match.
     *
     * @param hits the requested page
     * @param matches exact number of matching documents (after collapsing and filtering)
     * @param estimated the estimate Xapian's {@code get_mset(0, 0, 10)} reports for the same query
     * @param maxWeight greatest weight seen
     * @param percentScale factor turning a weight into Xapian's percentage
     */
    public record Result(List<Hit> hits, long matches, long estimated, double maxWeight, double percentScale) {
        /** Xapian's percentage for a weight ({@code MSet::convert_to_percent}). */
        public int percent(double weight) {
            int pcent = (int) (weight * percentScale + 100.0 * Math.ulp(1.0));
            if (pcent == 0 && weight > 0) {
                return 1;
            }
            return Math.max(0, Math.min(100, pcent));
        }
    }

    private final GlassDatabase db;
    private final Options opts;
    private final int totalSubqs;
    private final Checkpoint checkpoint;

    private Matcher(GlassDatabase db, Options opts, int totalSubqs, Checkpoint checkpoint) {
        this.db = db;
        this.opts = opts;
        this.totalSubqs = totalSubqs;
        this.checkpoint = checkpoint;
    }

    /** Runs {@code q} and returns results {@code [first, first + max)}. */
    public static Result run(GlassDatabase db, XQuery q, Options opts, int first, int max) {
        return run(db, q, opts, first, max, Checkpoint.NONE);
    }

    /**
     * Runs {@code q} and returns results {@code [first, first + max)}, stepping {@code checkpoint} once per document
     * considered (and per candidate of a phrase or NEAR check).
     *
     * @throws io.burrow.mcp.core.BurrowException {@code TIMEOUT} or {@code CANCELLED} when the checkpoint says stop
     */
    public static Result run(GlassDatabase db, XQuery q, Options opts, int first, int max, Checkpoint checkpoint) {
        if (q == null || db.docCount() == 0) {
            return new Result(List.of(), 0, 0, 0, 0);
        }
        checkpoint.check();
        QueryOptimiser optimiser = new QueryOptimiser(new MatchContext(db, opts.weighting(), checkpoint));
        PostList root = optimiser.build(q, 1.0);
        return new Matcher(db, opts, optimiser.totalSubqs(), checkpoint).match(root, first, max);
    }

    private record Item(long did, double wt, byte[] sortKey, boolean promoted) {
    }

    private static final byte[] NO_KEY = new byte[0];

    private int compare(Item a, Item b) {
        if (a.promoted != b.promoted) {
            return a.promoted ? -1 : 1;
        }
        if (a.wt != b.wt) {
            return a.wt > b.wt ? -1 : 1;
        }
        if (opts.sortValueSlot() >= 0) {
            int c = Arrays.compareUnsigned(a.sortKey, b.sortKey);
            if (c != 0) {
                return c;
            }
        }
        return Long.compare(a.did, b.did);
    }

    private Result match(PostList root, int first, int max) {
        long estimatedInit = root.est();
        long upper = root.tfMax();
        boolean collapse = opts.collapseSlot() >= 0;
        boolean filtered = opts.filter() != null;
        int want = first + max;
        PriorityQueue<Item> heap = new PriorityQueue<>((a, b) -> compare(b, a));
        // sized for the estimate (bounded), so that a query collapsing 200,000 documents does not rehash its way up
        Map<String, Item> best = collapse ? new HashMap<>((int) Math.min(Math.max(estimatedInit, 16), 1 << 18) * 4 / 3)
                : null;
        List<Item> noKey = collapse ? new ArrayList<>() : null;
        long docsMatched = 0;
        long considered = 0;
        long dups = 0;
        long filteredOut = 0;
        long decided = 0;
        double greatest = 0;
        int greatestSubqs = 0;
        GlassDatabase.ValueStream sortValues = opts.sortValueSlot() >= 0 ? db.valueStream(opts.sortValueSlot()) : null;
        GlassDatabase.ValueStream collapseValues = collapse ? db.valueStream(opts.collapseSlot()) : null;
        for (long did = root.next(); did != PostList.END; did = root.next()) {
            checkpoint.step();
            if (filtered) {
                decided++;
                if (!opts.filter().test(did)) {
                    filteredOut++;
                    continue;
                }
            }
            double wt = root.weight();
            if (!collapse && opts.sortValueSlot() < 0 && opts.promote() == null && heap.size() >= want) {
                Item worst = heap.peek();
                if (worst == null || wt < worst.wt || (wt == worst.wt && did > worst.did)) {
                    docsMatched++;
                    if (wt > greatest) {
                        greatest = wt;
                        greatestSubqs = root.matchingSubqs();
                    }
                    continue;
                }
            }
            byte[] sortKey = sortValues != null ? sortValues.getBytes(did) : NO_KEY;
            if (sortKey == null) {
                sortKey = NO_KEY;
            }
            boolean promoted = opts.promote() != null && opts.promote().test(did);
            Item item = new Item(did, wt, sortKey, promoted);
            if (collapse) {
                considered++;
                String key = collapseValues.get(did);
                if (key.isEmpty()) {
                    noKey.add(item);
                } else {
                    Item old = best.get(key);
                    if (old == null) {
                        best.put(key, item);
                    } else {
                        dups++;
                        if (compare(item, old) < 0) {
                            best.put(key, item);
                        } else {
                            continue;
                        }
                    }
                }
            } else {
                heap.add(item);
                if (heap.size() > Math.max(want, 0)) {
                    heap.poll();
                }
            }
            docsMatched++;
            if (wt > greatest) {
                greatest = wt;
                greatestSubqs = root.matchingSubqs();
            }
        }
        List<Item> all;
        long matches;
        if (collapse) {
            matches = best.size() + noKey.size();
            all = first(want, best.values(), noKey);
        } else {
            all = new ArrayList<>(heap);
            matches = docsMatched;
        }
        all.sort(this::compare);
        List<Hit> hits = new ArrayList<>();
        for (int i = first; i < Math.min(all.size(), want); i++) {
            Item it = all.get(i);
            hits.add(new Hit(it.did, it.wt, new String(it.sortKey, java.nio.charset.StandardCharsets.UTF_8)));
        }
        long estimated = estimate(estimatedInit, upper, root, docsMatched, collapse, matches, considered, dups,
                filtered, decided, filteredOut);
        double percentScale = 0;
        if (greatest > 0 && totalSubqs > 0) {
            percentScale = (greatestSubqs / (double) totalSubqs) / greatest * 100.0;
        }
        return new Result(hits, matches, estimated, greatest, percentScale);
    }

    /**
     * The {@code want} first items of both collections in {@link #compare} order, unsorted: a bounded heap, so that a
     * query collapsing to 200,000 distinct items does not sort them all to show ten.
     */
    private List<Item> first(int want, Collection<Item> a, Collection<Item> b) {
        if (want <= 0) {
            return new ArrayList<>();
        }
        PriorityQueue<Item> kept = new PriorityQueue<>((x, y) -> compare(y, x)); // worst on top
        for (Collection<Item> items : List.of(a, b)) {
            for (Item it : items) {
                if (kept.size() < want) {
                    kept.add(it);
                } else if (compare(it, kept.peek()) < 0) {
                    kept.poll();
                    kept.add(it);
                }
            }
        }
        return new ArrayList<>(kept);
    }

    /**
     * The estimate of {@code get_mset(0, 0, 10)} ({@code matcher/multimatch.cc}) as {@code MSet::get_matches_estimated}
     * reports it, rounded against the bounds ({@code api/roundestimate.h}).
     */
    private long estimate(long est, long upper, PostList root, long docsMatched, boolean collapse, long collapsed,
                          long considered, long dups, boolean filtered, long decided, long denied) {
        final long checkAtLeast = 10;
        long lower = filtered ? 0 : root.tfMin();
        if (!collapse && docsMatched < checkAtLeast) {
            return docsMatched;
        }
        double scale = 1.0;
        double uniqueRate = 1.0;
        if (collapse) {
            lower = collapsed;
            if (considered > 0) {
                uniqueRate = (double) (considered - dups) / considered;
            }
            upper -= dups;
        }
        if (filtered) {
            if (!collapse) {
                lower = Math.max(docsMatched, lower);
            }
            if (decided > 0) {
                scale *= (double) (decided - denied) / decided;
            }
            upper -= denied;
        }
        scale *= uniqueRate;
        if (scale != 1.0) {
            est = (long) (est * scale + 0.5);
            if (est < lower) {
                est = lower;
            }
        }
        if (collapse || filtered) {
            est = Math.max(est, lower);
            est = Math.min(est, upper);
        } else {
            if (docsMatched > lower) {
                lower = docsMatched;
            }
            if (docsMatched > est) {
                est = docsMatched;
            }
        }
        return roundEstimate(lower, upper, est);
    }

    /** {@code round_estimate(lb, ub, est)}: fewer significant digits when the bounds are far apart. */
    static long roundEstimate(long lb, long ub, long est) {
        long scale = Math.min(ub - lb, est);
        if (scale <= 10) {
            return est;
        }
        long r = (long) (Math.pow(10, (int) Math.log10(scale)) + 0.5);
        long result = est / r * r;
        if (result < lb) {
            result += r;
        } else if (result > ub - r) {
            // cannot round up past the upper bound
        } else {
            long d = 2 * (est - result);
            if (d > r || (d == r && result - lb <= ub - r - result)) {
                result += r;
            }
        }
        return result;
    }
}
