package io.launchpilot.mcp;

import com.fasterxml.jackson.annotation.JsonValue;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import io.quarkiverse.mcp.server.runtime.SchemaGeneratorConfigCustomizer;
import jakarta.inject.Singleton;
import java.lang.reflect.Method;

/**
 * Output schemas that say what the results really look like, since clients validate {@code structuredContent} against
 * them: a field W&B leaves empty is written as null, and a value type written through {@code @JsonValue} (a position
 * as {@code file:line:column}) is written as that value, not as an object.
 */
@Singleton
public class ResultSchemas implements SchemaGeneratorConfigCustomizer {

    @Override
    public void customize(SchemaGeneratorConfigBuilder builder) {
        builder.with(Option.NULLABLE_FIELDS_BY_DEFAULT);
        builder.forTypesInGeneral().withCustomDefinitionProvider((javaType, context) -> {
            Class<?> type = javaType.getErasedType();
            if (type.isEnum() || type.isPrimitive() || type.getName().startsWith("java.")) {
                return null;
            }
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(JsonValue.class) && method.getParameterCount() == 0) {
                    return new CustomDefinition(context.createDefinition(
                            context.getTypeContext().resolve(method.getGenericReturnType())));
                }
            }
            return null;
        });
    }
}
