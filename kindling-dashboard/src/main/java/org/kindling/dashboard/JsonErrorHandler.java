package org.kindling.dashboard;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Errors Jetty raises before the dashboard sees a request (a malformed or ambiguous URI such as an
 * encoded {@code ..} or {@code /}, headers too large) as the same JSON errors the dashboard writes,
 * without a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {
    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer s && s >= 400 ? s
                : response.getStatus() >= 400 ? response.getStatus() : 500;
        Object message = request.getAttribute(ERROR_MESSAGE);
        Http.secure(response);
        Http.error(response, callback, status, message instanceof String m && !m.isBlank() ? m : "bad request");
        return true;
    }

    /** A request so malformed that no request object exists (Jetty answers and closes the connection). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        String message = reason == null || reason.isBlank() ? "bad request" : reason;
        return ByteBuffer.wrap(("{\"error\":" + Http.quote(message) + ",\"status\":" + status + "}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
