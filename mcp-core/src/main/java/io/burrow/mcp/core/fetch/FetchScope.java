package io.burrow.mcp.core.fetch;

import io.burrow.mcp.core.net.Deadline;
import io.burrow.mcp.core.spi.Cancellation;
import io.burrow.mcp.core.spi.RequestContext;
import java.time.Duration;
import java.util.Objects;

/**
 * What a fetch runs under besides its own timeout: the deadline of the request (or batch) it serves,
 * and the request's cancellation. A fetch's deadline is its timeout from now or this deadline,
 * whichever comes first; a cancellation closes its connection.
 *
 * @param deadline the latest the fetch may end, or {@code null} for only its own timeout
 * @param cancellation whether the client gave up
 */
public record FetchScope(Deadline deadline, Cancellation cancellation) {

    /** No deadline beyond the fetch's own, no cancellation: in-process calls without a request. */
    public static final FetchScope NONE = new FetchScope(null, Cancellation.NONE);

    public FetchScope {
        Objects.requireNonNull(cancellation, "cancellation");
    }

    /** The deadline and cancellation of a request (a tool call, a prompt). */
    public static FetchScope of(RequestContext request) {
        return new FetchScope(request.deadline(), request.cancellation());
    }

    /** This scope, ending at {@code other} if that comes first. */
    public FetchScope within(Deadline other) {
        return new FetchScope(other == null ? deadline : other.earliest(deadline), cancellation);
    }

    /** The deadline of one fetch with this timeout: {@code timeout} from now, or this scope's deadline if earlier. */
    public Deadline deadlineFor(Duration timeout) {
        return Deadline.after(timeout).earliest(deadline);
    }

    /** Whether the scope's deadline has passed or the request was cancelled. */
    public boolean over() {
        return cancellation.isCancelled() || (deadline != null && deadline.expired());
    }
}
