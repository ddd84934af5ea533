package io.launchpilot.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every REST error. {@code errors} lists the individual
 * problems when there are several (e.g. every validation error of a spec, with its position).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<Item> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One of several problems: where (a field, a file position or a parameter) and why. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String location, String reason) {
    }

    public Problem {
        type = type == null ? "about:blank" : type;
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(Response.Status status, String detail) {
        return new Problem(null, status.getReasonPhrase(), status.getStatusCode(), detail, null, List.of());
    }

    public Response toResponse() {
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this).build();
    }
}
