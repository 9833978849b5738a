package io.burrow.mcp.zim.search.internal;

import io.burrow.mcp.zim.internal.Checkpoint;
import java.util.ArrayList;
import java.util.Arrays;
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
        if (opts.collapseSlot() >= 0 && opts.promote() != null) {
            throw new IllegalArgumentException("documents cannot be promoted in a collapsed match");
        }
        checkpoint.check();
        QueryOptimiser optimiser = new QueryOptimiser(new MatchContext(db, opts.weighting(), checkpoint));
        PostList root = optimiser.build(q, 1.0);
        return new Matcher(db, opts, optimiser.totalSubqs(), checkpoint).match(root, first, max);
    }

    /** A candidate for the page; {@code key} is its collapse key's number ({@link KeySet}), -1 when none. */
    private record Item(long did, double wt, byte[] sortKey, boolean promoted, int key) {
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
        int want = Math.max(first + max, 0);
        PriorityQueue<Item> page = new PriorityQueue<>((a, b) -> compare(b, a)); // the worst on top
        Collapsed collapsed = collapse ? new Collapsed(page, want, db.valueStream(opts.collapseSlot())) : null;
        long docsMatched = 0;
        long filteredOut = 0;
        long decided = 0;
        double greatest = 0;
        int greatestSubqs = 0;
        GlassDatabase.ValueStream sortValues = opts.sortValueSlot() >= 0 ? db.valueStream(opts.sortValueSlot()) : null;
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
            if (wt > greatest) {
                // (a collapsed duplicate never weighs more than the item it lost to: no promotion with collapsing)
                greatest = wt;
                greatestSubqs = root.matchingSubqs();
            }
            if (collapse) {
                collapsed.offer(did, wt, sortValues);
                continue;
            }
            docsMatched++;
            if (opts.sortValueSlot() < 0 && opts.promote() == null && page.size() >= want) {
                Item worst = page.peek();
                if (worst == null || wt < worst.wt || (wt == worst.wt && did > worst.did)) {
                    continue;
                }
            }
            Item item = new Item(did, wt, sortKey(sortValues, did),
                    opts.promote() != null && opts.promote().test(did), -1);
            page.add(item);
            if (page.size() > want) {
                page.poll();
            }
        }
        List<Item> all = new ArrayList<>(page);
        all.sort(this::compare);
        List<Hit> hits = new ArrayList<>();
        for (int i = first; i < Math.min(all.size(), want); i++) {
            Item it = all.get(i);
            hits.add(new Hit(it.did, it.wt, new String(it.sortKey, java.nio.charset.StandardCharsets.UTF_8)));
        }
        long matches = collapse ? collapsed.distinct() : docsMatched;
        long considered = collapse ? collapsed.considered : 0;
        long duplicates = collapse ? considered - matches : 0;
        long estimated = estimate(estimatedInit, upper, root, docsMatched, collapse, matches, considered, duplicates,
                filtered, decided, filteredOut);
        double percentScale = 0;
        if (greatest > 0 && totalSubqs > 0) {
            percentScale = (greatestSubqs / (double) totalSubqs) / greatest * 100.0;
        }
        return new Result(hits, matches, estimated, greatest, percentScale);
    }

    private static byte[] sortKey(GlassDatabase.ValueStream values, long did) {
        byte[] k = values == null ? null : values.getBytes(did);
        return k == null ? NO_KEY : k;
    }

    /**
     * Collapsing as Xapian's {@code Collapser} does it for one item per key, streamed: every key is counted (the
     * estimate needs the duplicates), but only the items on the page are kept. An item whose key holds a place on
     * the page replaces it when it ranks before it; any other competes for the page like an uncollapsed one (the
     * best item of its key so far, if any, already left the page or never made it, so a better one replaces no
     * one). The sort value is read only for an item that may enter the page.
     */
    private final class Collapsed {
        private final PriorityQueue<Item> page;
        private final int want;
        private final GlassDatabase.ValueStream keyValues;
        private final KeySet keys = new KeySet();
        /** The page's items by key number. */
        private final Map<Integer, Item> onPage = new HashMap<>();
        private long considered;
        private long noKey;

        Collapsed(PriorityQueue<Item> page, int want, GlassDatabase.ValueStream keyValues) {
            this.page = page;
            this.want = want;
            this.keyValues = keyValues;
        }

        /** Matches after collapsing: the distinct keys and the items without one. */
        long distinct() {
            return keys.size() + noKey;
        }

        void offer(long did, double wt, GlassDatabase.ValueStream sortValues) {
            considered++;
            int before = keys.size();
            int key = keyValues.keyIn(keys, did);
            if (key < 0) {
                noKey++;
            } else if (key < before) {
                Item held = onPage.get(key);
                if (held != null) {
                    if (wt >= held.wt) {
                        Item item = new Item(did, wt, sortKey(sortValues, did), false, key);
                        if (compare(item, held) < 0) {
                            page.remove(held);
                            page.add(item);
                            onPage.put(key, item);
                        }
                    }
                    return;
                }
            }
            if (want == 0) {
                return;
            }
            Item worst = page.size() >= want ? page.peek() : null;
            if (worst != null && wt < worst.wt) {
                return;
            }
            Item item = new Item(did, wt, sortKey(sortValues, did), false, key);
            if (worst != null) {
                if (compare(item, worst) >= 0) {
                    return;
                }
                page.poll();
                if (worst.key >= 0) {
                    onPage.remove(worst.key);
                }
            }
            page.add(item);
            if (key >= 0) {
                onPage.put(key, item);
            }
        }
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
