package io.burrow.mcp.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON-RPC error to answer a request with: code, client-safe message, optional data, HTTP status. */
final class RpcException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int code;
    final transient JsonNode data;
    final int httpStatus;

    RpcException(int code, String message) {
        this(code, message, null, 200);
    }

    RpcException(int code, String message, JsonNode data, int httpStatus) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
        this.httpStatus = httpStatus;
    }

    static RpcException invalidParams(String message) {
        return new RpcException(Rpc.INVALID_PARAMS, message);
    }
}
