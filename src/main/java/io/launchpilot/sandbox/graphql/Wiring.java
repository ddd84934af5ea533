package io.launchpilot.sandbox.graphql;

import graphql.schema.idl.RuntimeWiring;

/** One area of the schema (accounts, runs, queues, ...) registering its data fetchers. */
interface Wiring {

    void wire(RuntimeWiring.Builder wiring);
}
