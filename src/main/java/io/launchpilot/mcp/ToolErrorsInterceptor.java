package io.launchpilot.mcp;

import io.launchpilot.policy.PolicyNotFoundException;
import io.launchpilot.policy.PolicySpecException;
import io.launchpilot.queue.EnqueueRejectedException;
import io.launchpilot.queue.PlanRefusedException;
import io.launchpilot.queue.QueueNotFoundException;
import io.launchpilot.queue.QueueNotManagedException;
import io.launchpilot.queue.QueueSpecException;
import io.launchpilot.spec.SpecProblem;
import io.launchpilot.wandb.WandbException;
import io.quarkiverse.mcp.server.ToolCallException;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The one place where the features' exceptions become MCP tool errors, as {@code web.ProblemMapper} is for REST: the
 * agent reads the reason and can correct itself, instead of a JSON-RPC protocol error it cannot act on. An unexpected
 * failure is logged and answered without its details, which could carry anything.
 */
@ToolErrors
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class ToolErrorsInterceptor {

    private static final Logger LOG = Logger.getLogger(ToolErrorsInterceptor.class);

    @AroundInvoke
    Object translate(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (ToolCallException e) {
            throw e;
        } catch (QueueSpecException e) {
            // every problem, each at specs:line:column, so that all of them can be fixed in one go
            throw new ToolCallException("invalid queue specs, nothing was planned or applied:\n"
                    + e.problems().stream().map(SpecProblem::toString).collect(Collectors.joining("\n")));
        } catch (PolicySpecException e) {
            throw new ToolCallException("invalid policy, nothing was loaded:\n"
                    + e.problems().stream().map(SpecProblem::toString).collect(Collectors.joining("\n")));
        } catch (WandbException e) {
            throw new ToolCallException("W&B failed: " + e.getMessage());
        } catch (EnqueueRejectedException | PlanRefusedException | PolicyNotFoundException | QueueNotFoundException | QueueNotManagedException
                | NoSuchElementException | IllegalArgumentException | IllegalStateException e) {
            throw new ToolCallException(e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "unexpected failure in MCP tool %s", invocation.getMethod().getName());
            throw new ToolCallException("internal error in " + invocation.getMethod().getName() + "; see the server log");
        }
    }
}
