package io.tickgate.gateway.bootstrap;

import io.tickgate.gateway.admission.AdmissionHandler;
import io.tickgate.gateway.admission.AdmissionHttpHandler;
import io.tickgate.gateway.ops.OpsAccessHandler;
import io.tickgate.gateway.origin.OriginHandler;
import io.tickgate.gateway.tls.ReloadingSslContext;
import io.tickgate.gateway.tls.TlsErrorHandler;

/**
 * The network-edge handlers of the gateway port, all sharable (one instance for every connection).
 *
 * @param tls null when TLS is off
 */
public record EdgeHandlers(AdmissionHandler admission, ReloadingSslContext tls, TlsErrorHandler tlsErrors,
                           AdmissionHttpHandler admissionHttp, OriginHandler origin, OpsAccessHandler opsAccess) {
}
