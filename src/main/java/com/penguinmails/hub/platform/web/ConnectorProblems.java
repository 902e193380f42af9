package com.penguinmails.hub.platform.web;

import java.io.IOException;
import java.io.Writer;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Errors Tomcat answers before any of the hub's code runs — a URL whose path holds an encoded NUL,
 * slash or backslash, a malformed request line — are RFC 9457 problems like every other error, not
 * Tomcat's HTML error page: the host's {@link ErrorReportValve} is replaced by one that writes
 * {@code application/problem+json} with a {@code code} ({@code invalid_request} for a 400, the
 * status's name otherwise) and no server details.
 */
@Component
class ConnectorProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final JsonMapper json;

    ConnectorProblems(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                    host.getPipeline().removeValve(valve);
                }
            }
            if (host instanceof org.apache.catalina.core.StandardHost standard) {
                standard.setErrorReportValveClass(""); // or the host adds Tomcat's own again when it starts
            }
            host.getPipeline().addValve(new ProblemReportValve(json));
        });
    }

    /** Tomcat's error report, written as a problem. */
    static final class ProblemReportValve extends ErrorReportValve {

        private final JsonMapper json;

        ProblemReportValve(JsonMapper json) {
            this.json = json;
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0) {
                return; // not an error, or the application wrote its own answer
            }
            HttpStatus known = HttpStatus.resolve(status);
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(known == null ? HttpStatus.BAD_REQUEST : known,
                    status == 400 ? "The request is malformed (its URL or request line cannot be accepted)"
                            : known == null ? "The request failed" : known.getReasonPhrase());
            problem.setStatus(status);
            problem.setProperty("code", status == 400 ? "invalid_request"
                    : known == null ? "http_" + status : known.name().toLowerCase(java.util.Locale.ROOT));
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(json.writeValueAsString(problem));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client went away, or the response cannot take a body any more: nothing to add
            }
        }
    }
}
