package io.launchpilot.sandbox.graphql;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.WiringFactory;
import io.launchpilot.sandbox.SandboxException;
import io.launchpilot.filter.FilterException;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Executes W&B-shaped GraphQL documents against the sandbox schema
 * ({@code sandbox/schema.graphqls}) with the fetchers of every {@link Wiring}.
 */
@Startup
@ApplicationScoped
public class SandboxGraphql {

    private static final Logger LOG = Logger.getLogger(SandboxGraphql.class);
    private static final String SCHEMA = "sandbox/schema.graphqls";
    private static final Pattern UNDEFINED_FIELD = Pattern.compile("Field '(\\w+)' in type '(\\w+)' is undefined");

    /** Objects without their own fetchers (mutation payloads, small value bags) are maps. */
    private static final DataFetcher<Object> MAP_FIELD = env ->
            env.getSource() instanceof Map<?, ?> map ? map.get(env.getFieldDefinition().getName()) : null;

    private final GraphQL graphql;
    private final Set<String> mapBackedFields = ConcurrentHashMap.newKeySet();

    SandboxGraphql(Instance<Wiring> wirings) {
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring()
                .scalar(Scalars.JSON_STRING)
                .scalar(Scalars.JSON)
                .scalar(Scalars.DATE_TIME_SCALAR)
                .wiringFactory(new WiringFactory() {
                    @Override
                    public DataFetcher<?> getDefaultDataFetcher(FieldWiringEnvironment environment) {
                        mapBackedFields.add(environment.getParentType().getName() + "." + environment.getFieldDefinition().getName());
                        return MAP_FIELD;
                    }
                });
        wirings.forEach(w -> w.wire(wiring));
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(schemaText()), wiring.build());
        graphql = GraphQL.newGraphQL(schema).defaultDataFetcherExceptionHandler(new ErrorHandler()).build();
    }

    /**
     * The answer to one request.
     *
     * @param body what W&B would send: {@code data} and, if any, {@code errors} (without internals)
     * @param executed false when the document never ran (syntax, validation or variable errors),
     *                 which W&B answers with HTTP 400 rather than 200
     */
    public record Result(Map<String, Object> body, boolean executed) {
    }

    /** Runs one request. */
    public Result execute(String query, Map<String, Object> variables, String operationName) {
        ExecutionResult result = graphql.execute(ExecutionInput.newExecutionInput()
                .query(query)
                .variables(variables == null ? Map.of() : variables)
                .operationName(operationName == null || operationName.isBlank() ? null : operationName)
                .build());
        Map<String, Object> body = new LinkedHashMap<>(result.toSpecification());
        if (!result.getErrors().isEmpty()) {
            List<Map<String, Object>> errors = new ArrayList<>();
            for (GraphQLError error : result.getErrors()) {
                Map<String, Object> spec = new LinkedHashMap<>(error.toSpecification());
                spec.put("message", wandbMessage(error.getMessage()));
                errors.add(spec);
            }
            body.put("errors", errors);
        }
        return new Result(body, result.isDataPresent());
    }

    /**
     * The operation a request runs: {@code operationName} when given, else the name of the
     * document's only operation (the SDK often sends an empty name).
     */
    public static Optional<String> operationName(String query, String operationName) {
        if (operationName != null && !operationName.isBlank()) {
            return Optional.of(operationName);
        }
        try {
            Document document = Parser.parse(query);
            List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
            return operations.size() == 1 ? Optional.ofNullable(operations.get(0).getName()) : Optional.empty();
        } catch (InvalidSyntaxException e) {
            return Optional.empty();
        }
    }

    /** Fields served from maps rather than by a fetcher of their own; lets a test check the wiring. */
    Set<String> mapBackedFields() {
        return Set.copyOf(mapBackedFields);
    }

    GraphQLSchema schema() {
        return graphql.getGraphQLSchema();
    }

    /**
     * W&B's server (and so the SDK's fallbacks, which match on the text) words an unknown field as
     * {@code Cannot query field "x" on type "T".}
     */
    static String wandbMessage(String message) {
        Matcher undefined = UNDEFINED_FIELD.matcher(message);
        return undefined.find()
                ? "Cannot query field \"" + undefined.group(1) + "\" on type \"" + undefined.group(2) + "\"."
                : message;
    }

    private static String schemaText() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refusals become the error's message; anything else is logged here and stays internal. */
    private static final class ErrorHandler implements DataFetcherExceptionHandler {

        @Override
        public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
                DataFetcherExceptionHandlerParameters parameters) {
            Throwable cause = parameters.getException();
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            String message;
            if (cause instanceof SandboxException || cause instanceof FilterException) {
                message = cause.getMessage();
            } else {
                LOG.errorf(cause, "sandbox GraphQL fetcher failed at %s", parameters.getPath());
                message = "internal error in the sandbox at " + parameters.getPath();
            }
            GraphQLError error = GraphqlErrorBuilder.newError()
                    .message(message)
                    .path(parameters.getPath())
                    .location(parameters.getSourceLocation())
                    .build();
            return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
        }
    }
}
