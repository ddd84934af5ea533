package io.launchpilot.sandbox.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLScalarType;
import io.launchpilot.sandbox.Json;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** W&B's custom scalars. */
final class Scalars {

    /** W&B writes date-times in UTC without a zone suffix and without fractions. */
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    /**
     * JSON carried as a string. Outgoing maps and lists are written as JSON text; incoming values
     * stay as sent (text, or an object from a literal) for the fetcher to parse.
     */
    static final GraphQLScalarType JSON_STRING = GraphQLScalarType.newScalar()
            .name("JSONString")
            .description("A JSON document carried as a string.")
            .coercing(new Coercing<Object, Object>() {
                @Override
                public Object serialize(Object value, GraphQLContext context, Locale locale) {
                    return value instanceof String ? value : Json.write(value);
                }

                @Override
                public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                    return input;
                }

                @Override
                public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                           Locale locale) {
                    return literal(input, variables);
                }
            })
            .build();

    /** A real JSON value (object, array or scalar). */
    static final GraphQLScalarType JSON = GraphQLScalarType.newScalar()
            .name("JSON")
            .description("Any JSON value.")
            .coercing(new Coercing<Object, Object>() {
                @Override
                public Object serialize(Object value, GraphQLContext context, Locale locale) {
                    return value;
                }

                @Override
                public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                    return input;
                }

                @Override
                public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                           Locale locale) {
                    return literal(input, variables);
                }
            })
            .build();

    static final GraphQLScalarType DATE_TIME_SCALAR = GraphQLScalarType.newScalar()
            .name("DateTime")
            .description("An ISO-8601 date-time in UTC.")
            .coercing(new Coercing<Object, Object>() {
                @Override
                public Object serialize(Object value, GraphQLContext context, Locale locale) {
                    return value instanceof Instant instant ? DATE_TIME.format(instant) : String.valueOf(value);
                }

                @Override
                public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                    return instant(String.valueOf(input), new CoercingParseValueException("invalid DateTime: " + input));
                }

                @Override
                public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                                           Locale locale) {
                    if (!(input instanceof StringValue text)) {
                        throw new CoercingParseLiteralException("DateTime must be a string");
                    }
                    return instant(text.getValue(), new CoercingParseLiteralException("invalid DateTime: " + text.getValue()));
                }
            })
            .build();

    private Scalars() {
    }

    private static Instant instant(String text, RuntimeException failure) {
        try {
            return text.endsWith("Z") ? Instant.parse(text) : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw failure;
        }
    }

    /** A literal from the document as plain Java values. */
    private static Object literal(Value<?> value, CoercedVariables variables) {
        if (value instanceof StringValue v) {
            return v.getValue();
        }
        if (value instanceof IntValue v) {
            return v.getValue().longValueExact();
        }
        if (value instanceof FloatValue v) {
            return v.getValue().doubleValue();
        }
        if (value instanceof BooleanValue v) {
            return v.isValue();
        }
        if (value instanceof NullValue) {
            return null;
        }
        if (value instanceof ArrayValue v) {
            return v.getValues().stream().map(item -> literal(item, variables)).toList();
        }
        if (value instanceof ObjectValue v) {
            Map<String, Object> map = new LinkedHashMap<>();
            v.getObjectFields().forEach(field -> map.put(field.getName(), literal(field.getValue(), variables)));
            return map;
        }
        if (value instanceof VariableReference v) {
            return variables.get(v.getName());
        }
        throw new CoercingParseLiteralException("unsupported literal " + value);
    }
}
