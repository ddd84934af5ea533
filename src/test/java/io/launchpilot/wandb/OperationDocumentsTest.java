package io.launchpilot.wandb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.Node;
import graphql.language.NodeTraverser;
import graphql.language.NodeVisitorStub;
import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.parser.Parser;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import java.io.File;
import java.net.URL;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every document is valid GraphQL, holds exactly its one named operation and is self-consistent. */
class OperationDocumentsTest {

    @Test
    void everyDocumentBelongsToAnOperationAndEveryOperationHasOne() throws Exception {
        URL directory = Operation.class.getClassLoader().getResource(Operation.RESOURCE_DIRECTORY);
        assertNotNull(directory, "resources " + Operation.RESOURCE_DIRECTORY);
        Set<String> files = Arrays.stream(new File(directory.toURI()).list())
                .filter(name -> name.endsWith(".graphql"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = Arrays.stream(Operation.values())
                .map(operation -> operation.operationName() + ".graphql")
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, files);
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void documentParsesToExactlyOneOperationOfItsName(Operation operation) {
        Document document = Parser.parse(operation.document());
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        assertEquals(1, operations.size(), operation + " operations");
        assertEquals(operation.operationName(), operations.get(0).getName());
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void fragmentsAndVariablesMatchTheirUses(Operation operation) {
        Document document = Parser.parse(operation.document());
        Set<String> defined = new HashSet<>();
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(fragment -> defined.add(fragment.getName()));
        Set<String> declared = new HashSet<>();
        document.getDefinitionsOfType(OperationDefinition.class).get(0).getVariableDefinitions()
                .stream().map(VariableDefinition::getName).forEach(declared::add);

        Set<String> spread = new HashSet<>();
        Set<String> used = new HashSet<>();
        new NodeTraverser().depthFirst(new NodeVisitorStub() {
            @Override
            public TraversalControl visitFragmentSpread(FragmentSpread node, TraverserContext<Node> context) {
                spread.add(node.getName());
                return TraversalControl.CONTINUE;
            }

            @Override
            public TraversalControl visitVariableReference(VariableReference node, TraverserContext<Node> context) {
                used.add(node.getName());
                return TraversalControl.CONTINUE;
            }
        }, document.getDefinitions());

        assertEquals(defined, spread, operation + ": fragments defined vs spread");
        assertEquals(declared, used, operation + ": variables declared vs used");
    }

    @Test
    void documentsAreReadOnceAndKept() {
        assertSame(Operation.RUNS.document(), Operation.RUNS.document());
    }

    @Test
    void everySharedFragmentIsSpreadBySomeOperation() throws Exception {
        Set<String> used = new HashSet<>();
        for (Operation operation : Operation.values()) {
            Parser.parse(operation.document()).getDefinitionsOfType(FragmentDefinition.class)
                    .forEach(fragment -> used.add(fragment.getName()));
        }
        URL directory = Operation.class.getClassLoader().getResource(Operation.FRAGMENT_DIRECTORY);
        assertNotNull(directory, "resources " + Operation.FRAGMENT_DIRECTORY);
        Set<String> stored = Arrays.stream(new File(directory.toURI()).list())
                .map(name -> name.replace(".graphql", ""))
                .collect(Collectors.toSet());
        assertEquals(stored, used);
    }
}
