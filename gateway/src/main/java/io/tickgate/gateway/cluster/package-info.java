/**
 * This gateway as a node of the cluster: it joins the broker's registry ({@link io.tickgate.bus.presence}) and
 * reports its connections and subscriptions ({@link io.tickgate.gateway.cluster.ClusterNode}), carries out control
 * commands from any node (disconnect a user), and serves the cluster endpoints ({@code /api/v1/nodes},
 * {@code /api/v1/presence}, {@code /api/v1/users/{id}/disconnect}: {@link io.tickgate.gateway.cluster.ClusterApi}).
 */
package io.tickgate.gateway.cluster;
