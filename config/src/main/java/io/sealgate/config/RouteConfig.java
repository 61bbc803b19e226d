package io.sealgate.config;

/**
 * One route: what it matches, where it goes, and what Sealgate does on the way.
 *
 * @param name      unique route name (used in logs and metrics)
 * @param match     the request conditions
 * @param upstream  name of an entry in {@code upstreams:}
 * @param action    what to do with a matching request
 */
public record RouteConfig(String name, RouteMatch match, String upstream, RouteAction action) {}
