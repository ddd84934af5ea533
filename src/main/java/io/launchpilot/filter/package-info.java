/**
 * W&B's run filter and order language (MongoDB semantics) evaluated over a plain run document.
 *
 * <p>A run document is a {@code Map<String, Object>} with these top-level keys, any of which may
 * be absent (absent and {@code null} mean the same):
 * {@code name} (the short run id), {@code displayName}, {@code state}, {@code tags}
 * ({@code List<String>}), {@code group}, {@code jobType}, {@code createdAt} and {@code heartbeatAt}
 * ({@link java.time.Instant} or ISO-8601 text), {@code sweep} (the sweep name), {@code username},
 * {@code host}, {@code config} (W&B's wrapped form, {@code key -> {"value": v, "desc": ...}}) and
 * {@code summary_metrics} (a nested map). Nothing here knows where documents come from: the sandbox filters
 * its runs with it, and the policy engine evaluates {@code when:} conditions with it on runs read
 * from W&B, so that both agree on every operator.
 */
package io.launchpilot.filter;
