package io.tickgate.gateway.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.tickgate.gateway.auth.AuthException.Reason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A token's {@link TopicAcl}: the patterns in its topics claim (subscribe) and publish claim, plus the patterns of
 * every configured role named in its roles claim (unknown roles grant nothing). Each claim may be a string or an
 * array of strings.
 */
final class ClaimsAcl {

    private final AuthConfig config;

    ClaimsAcl(AuthConfig config) {
        this.config = config;
    }

    TopicAcl of(JWTClaimsSet claims) throws AuthException {
        TopicAcl acl;
        try {
            acl = TopicAcl.of(strings(claims, config.topicsClaim()), strings(claims, config.publishClaim()));
        } catch (IllegalArgumentException e) {
            throw new AuthException(Reason.MALFORMED, e.getMessage());
        }
        for (String role : strings(claims, config.rolesClaim())) {
            TopicAcl r = config.roles().get(role);
            if (r != null) {
                acl = acl.plus(r);
            }
        }
        return acl;
    }

    private static List<String> strings(JWTClaimsSet claims, String name) throws AuthException {
        Object v = claims.getClaim(name);
        if (v == null) {
            return List.of();
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        if (v instanceof Collection<?> c) {
            List<String> out = new ArrayList<>(c.size());
            for (Object o : c) {
                if (!(o instanceof String s)) {
                    throw new AuthException(Reason.MALFORMED, "claim " + name + " must hold strings");
                }
                out.add(s);
            }
            return out;
        }
        throw new AuthException(Reason.MALFORMED, "claim " + name + " must be a string or an array of strings");
    }
}
